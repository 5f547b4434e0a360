// The production compose file and Dockerfile, checked without Docker: the file is parsed as Compose
// would parse it, its variables resolved the way Compose resolves them, and its inline setup scripts
// run under /bin/sh against fake Temporal tools that record what they were asked to do.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { keyIdOf } from '../../shared/audit/checkpoint-message';
import { auditPublicKey, auditSigningKey, generateAuditKeyPair } from '../../shared/audit/signing-key';
import { loadConfig } from '../../shared/config';
import { searchAttributes } from '../../shared/contracts/search-attributes';
import {
  DYNAMIC_CONFIG_FILE,
  NAMESPACE,
  NAMESPACE_RETENTION_HOURS,
  TEMPORAL_SERVER_VERSION,
  dynamicConfigPath,
  schemaSteps,
  sharedServerEnvironment,
} from '../../scripts/lib/temporal-cluster-config';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const composeText = read('docker-compose.yml');

const Port = z.union([
  z.string(),
  z.object({ target: z.number(), published: z.union([z.number(), z.string()]), host_ip: z.string().optional() }),
]);
const Service = z.object({
  image: z.string(),
  build: z.object({ context: z.string(), dockerfile: z.string() }).optional(),
  entrypoint: z.array(z.string()).optional(),
  command: z.array(z.string()).optional(),
  // Strings only, so that Compose never turns `yes`, `0755` or `1e3` into something else.
  environment: z.record(z.string(), z.string()).default({}),
  ports: z.array(Port).default([]),
  depends_on: z
    .record(
      z.string(),
      z.object({ condition: z.enum(['service_started', 'service_healthy', 'service_completed_successfully']) }),
    )
    .default({}),
  healthcheck: z.object({ test: z.array(z.string()) }).optional(),
});
const ComposeFile = z.object({ services: z.record(z.string(), Service) });
type Service = z.infer<typeof Service>;

/** Compose's `${VAR}`, `${VAR:-default}` and `${VAR:?error}`; `$$` becomes a literal `$`. */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\{(\w+)(?:(:?[-?])([^}]*))?\}/g, (_match, name?: string, op?: string, arg?: string) => {
    if (name === undefined) return '$';
    const value = env[name];
    const unset = op?.startsWith(':') ? !value : value === undefined;
    if (!unset) return value ?? '';
    if (op?.endsWith('?')) throw new Error(`${name}: ${arg ?? 'required'}`);
    return op?.endsWith('-') ? (arg ?? '') : '';
  });
}

const load = (text: string) => ComposeFile.parse(parse(text, { merge: true })).services;
// The PEM keys as one .env line each, newlines written `\n` (shared/audit/signing-key.ts reads both forms).
const auditKeys = generateAuditKeyPair();
const oneLine = (pem: string) => pem.trim().replaceAll('\n', '\\n');
const hostEnv = {
  POSTGRES_PASSWORD: 'b1f0c2e4d5a6',
  DUBAN_APP_DB_PASSWORD: '7c9e0a1b2d3f',
  DUBAN_ADMIN_PASSWORD: 'Xingyi-2026-first',
  DUBAN_AUDIT_SIGNING_KEY: oneLine(auditKeys.privateKeyPem),
  DUBAN_AUDIT_PUBLIC_KEY: oneLine(auditKeys.publicKeyPem),
};
const raw = load(composeText);
const resolved = load(interpolate(composeText, hostEnv));
const service = (services: Record<string, Service>, name: string): Service => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};
const appServices = ['migrate', 'worker', 'api'];
const published = (s: Service) =>
  s.ports.map((port) => (typeof port === 'string' ? Number(port.split(':').at(-2)) : Number(port.published)));
const sourceOf = (command: string[] | undefined) => (command?.[1] ?? '').replace(/^dist\//, '').replace(/\.js$/, '.ts');

describe('docker-compose.yml', () => {
  it('declares every service a production host needs', () => {
    const required = [
      'postgresql',
      'temporal-schema',
      'temporal',
      'temporal-setup',
      'temporal-ui',
      'db-roles',
      ...appServices,
    ];
    expect(Object.keys(raw)).toEqual(expect.arrayContaining(required));
  });

  it('pins every third-party image to an explicit version, never latest', () => {
    const thirdParty = Object.values(raw).filter((s) => !s.build);
    expect(thirdParty.length).toBeGreaterThan(0);
    for (const s of thirdParty) expect(s.image).toMatch(/^[\w./-]+:\d+(\.\d+)+$/);
  });

  it('runs the schema and setup jobs with the admin-tools release that matches the server', () => {
    const serverVersion = service(raw, 'temporal').image.split(':')[1];
    expect(service(raw, 'temporal-schema').image).toBe(`temporalio/admin-tools:${serverVersion}`);
    expect(service(raw, 'temporal-setup').image).toBe(`temporalio/admin-tools:${serverVersion}`);
  });

  it('builds one tagged duban image from this repository for migrate, worker and api', () => {
    const images = new Set(appServices.map((name) => service(resolved, name).image));
    expect([...images]).toHaveLength(1);
    expect([...images][0]).toMatch(/^[\w./-]+:(?!latest$)[\w.-]+$/);
    for (const name of appServices) {
      const build = service(raw, name).build;
      expect(build?.context).toBe('.');
      expect(existsSync(join(root, build?.dockerfile ?? ''))).toBe(true);
    }
  });

  it('publishes the Temporal frontend on 7233, the Web UI on 8080 and the API on 3000', () => {
    expect(published(service(raw, 'temporal'))).toContain(7233);
    expect(published(service(raw, 'temporal-ui'))).toContain(8080);
    expect(published(service(raw, 'api'))).toContain(3000);
  });

  it('starts each step only once what it needs is healthy or has completed', () => {
    const condition = (name: string, on: string) => service(raw, name).depends_on[on]?.condition;
    expect(condition('temporal-schema', 'postgresql')).toBe('service_healthy');
    expect(condition('migrate', 'postgresql')).toBe('service_healthy');
    expect(condition('db-roles', 'postgresql')).toBe('service_healthy');
    expect(condition('migrate', 'db-roles')).toBe('service_completed_successfully');
    expect(condition('temporal', 'temporal-schema')).toBe('service_completed_successfully');
    expect(condition('temporal-setup', 'temporal')).toBe('service_healthy');
    for (const app of ['worker', 'api']) {
      expect(condition(app, 'temporal-setup')).toBe('service_completed_successfully');
      expect(condition(app, 'migrate')).toBe('service_completed_successfully');
    }
  });

  it('healthchecks postgresql, temporal and the api, the api on its /healthz port', () => {
    expect(service(raw, 'postgresql').healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(service(raw, 'temporal').healthcheck?.test.join(' ')).toContain('7233');
    const api = service(resolved, 'api');
    expect(api.healthcheck?.test.join(' ')).toContain(`:${api.environment.PORT ?? 'PORT unset'}/healthz`);
  });

  it('requires both database passwords, the admin token and the audit keys from the host, never a default', () => {
    const secrets = [...composeText.matchAll(/\$\{\w*(?:PASSWORD|TOKEN|SECRET|KEY)\w*[^}]*\}/g)];
    expect(secrets.length).toBeGreaterThan(0);
    for (const [reference] of secrets) expect(reference).toMatch(/^\$\{\w+:\?/);
    for (const name of Object.keys(hostEnv)) {
      const { [name as keyof typeof hostEnv]: _missing, ...others } = hostEnv;
      expect(() => interpolate(composeText, others)).toThrow(new RegExp(name));
    }
  });

  it('leaves shell variables in commands and healthchecks to the shell ($$), not to Compose', () => {
    for (const [name, s] of Object.entries(raw)) {
      for (const text of [...(s.entrypoint ?? []), ...(s.command ?? []), ...(s.healthcheck?.test ?? [])]) {
        expect(text.replaceAll('$$', ''), name).not.toContain('$');
      }
    }
  });

  it('gives migrate, worker and api an environment shared/config.ts accepts, aimed at the compose services', () => {
    const postgres = service(resolved, 'postgresql').environment;
    const parts = (url: string | undefined) => {
      const parsed = new URL(url ?? '');
      return [parsed.hostname, parsed.port, parsed.username, parsed.password, parsed.pathname];
    };
    for (const name of appServices) {
      const config = loadConfig(service(resolved, name).environment);
      // The worker and the API are the app role; only the owner role migrates.
      const app = ['postgresql', '5432', 'duban_api', hostEnv.DUBAN_APP_DB_PASSWORD, `/${postgres.POSTGRES_DB}`];
      expect(parts(config.DATABASE_URL)).toEqual(app);
      expect(config.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(config.TEMPORAL_NAMESPACE).toBe(service(resolved, 'temporal-setup').environment.TEMPORAL_NAMESPACE);
    }
    const migrate = loadConfig(service(resolved, 'migrate').environment);
    expect(parts(migrate.DATABASE_OWNER_URL)).toEqual([
      'postgresql',
      '5432',
      postgres.POSTGRES_USER,
      postgres.POSTGRES_PASSWORD,
      `/${postgres.POSTGRES_DB}`,
    ]);
    for (const name of ['worker', 'api'])
      expect(loadConfig(service(resolved, name).environment).DATABASE_OWNER_URL).toBeUndefined();
    const api = loadConfig(service(resolved, 'api').environment);
    // The first admin is an account made once; no bootstrap token that a later start keeps alive.
    expect([api.DUBAN_ADMIN_LOGIN, api.DUBAN_ADMIN_PASSWORD, api.DUBAN_ADMIN_TOKEN]).toEqual([
      'admin',
      hostEnv.DUBAN_ADMIN_PASSWORD,
      undefined,
    ]);
    expect(api.DUBAN_POLICY_MIN_DURATION).toBe('PT1H');
  });

  it('gives the signing key to the worker only, and its public half to the API', () => {
    const worker = loadConfig(service(resolved, 'worker').environment);
    const api = loadConfig(service(resolved, 'api').environment);
    const signing = auditSigningKey(worker);
    expect(signing).not.toBeNull();
    expect(keyIdOf(auditPublicKey(api)!)).toBe(keyIdOf(signing!));
    expect(auditSigningKey(api)).toBeNull();
    for (const name of ['api', 'migrate', 'db-roles']) {
      expect(JSON.stringify(service(resolved, name).environment)).not.toContain('PRIVATE KEY');
    }
  });

  it('creates the Temporal schema in the databases, host and account the server reads', () => {
    const schema = service(resolved, 'temporal-schema').environment;
    const server = service(resolved, 'temporal').environment;
    expect(schema.SQL_PLUGIN).toBe(server.DB);
    expect(server.DB).toBe('postgres12');
    expect([schema.SQL_HOST, schema.SQL_PORT, schema.SQL_USER, schema.SQL_PASSWORD]).toEqual([
      server.POSTGRES_SEEDS,
      server.DB_PORT,
      server.POSTGRES_USER,
      server.POSTGRES_PWD,
    ]);
    expect([schema.DBNAME, schema.VISIBILITY_DBNAME]).toEqual([server.DBNAME, server.VISIBILITY_DBNAME]);
    const postgres = service(resolved, 'postgresql').environment;
    expect([server.POSTGRES_SEEDS, server.POSTGRES_USER, server.POSTGRES_PWD]).toEqual([
      'postgresql',
      postgres.POSTGRES_USER,
      postgres.POSTGRES_PASSWORD,
    ]);
  });

  it('lists exactly the search attributes of shared/contracts/search-attributes.ts for temporal-setup', () => {
    const listed = service(raw, 'temporal-setup').environment.DUBAN_SEARCH_ATTRIBUTES?.split(/\s+/) ?? [];
    const expected = Object.values(searchAttributes).map((attribute) => `${attribute.name}=${attribute.type}`);
    expect(listed.sort()).toEqual(expected.sort());
  });

  it('runs each app service from an entry file compiled from a TypeScript source', () => {
    const expected = { migrate: 'scripts/migrate.ts', worker: 'worker/main.ts', api: 'api/server.ts' };
    for (const [name, source] of Object.entries(expected)) {
      const command = service(raw, name).command;
      expect(command?.[0]).toBe('node');
      expect(sourceOf(command)).toBe(source);
      expect(existsSync(join(root, source)), source).toBe(true);
    }
  });
});

describe('one Temporal configuration for compose and the cluster launcher', () => {
  const Configs = z.object({
    configs: z.record(z.string(), z.object({ file: z.string() })),
    services: z.record(
      z.string(),
      z.object({ configs: z.array(z.object({ source: z.string(), target: z.string() })).optional() }),
    ),
  });
  const file = Configs.parse(parse(composeText, { merge: true }));

  it('runs the server release the launcher builds, with the admin tools of the same release', () => {
    expect(service(raw, 'temporal').image).toBe(`temporalio/server:${TEMPORAL_SERVER_VERSION}`);
    expect(service(raw, 'temporal-schema').image).toBe(`temporalio/admin-tools:${TEMPORAL_SERVER_VERSION}`);
  });

  it('gives the server the settings the launcher gives its four services', () => {
    expect(service(resolved, 'temporal').environment).toMatchObject(sharedServerEnvironment);
  });

  it('mounts the committed dynamic config file where the server is told to read it', () => {
    const mounts = file.services.temporal?.configs ?? [];
    expect(mounts).toHaveLength(1);
    const [mount] = mounts;
    expect(join(root, file.configs[mount!.source]?.file ?? '')).toBe(dynamicConfigPath());
    expect(service(resolved, 'temporal').environment.DYNAMIC_CONFIG_FILE_PATH).toBe(mount!.target);
    const dynamic = z
      .record(z.string(), z.array(z.object({ value: z.unknown() })))
      .parse(parse(read(DYNAMIC_CONFIG_FILE)));
    expect(dynamic['frontend.enableUpdateWorkflowExecution']?.[0]?.value).toBe(true);
  });

  it('registers the namespace the launcher registers, with the same retention', () => {
    const setup = service(resolved, 'temporal-setup').environment;
    expect([setup.TEMPORAL_NAMESPACE, setup.TEMPORAL_RETENTION]).toEqual([NAMESPACE, `${NAMESPACE_RETENTION_HOURS}h`]);
  });
});

describe('the inline Temporal setup scripts', () => {
  let dir = '';
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    dir = '';
  });

  /** Runs a service's entrypoint + command under /bin/sh with fake tools first on PATH. */
  function run(name: string, fakes: Record<string, string>) {
    dir = dir || mkdtempSync(join(tmpdir(), 'duban-compose-'));
    for (const [tool, body] of Object.entries(fakes)) {
      writeFileSync(join(dir, tool), `#!/bin/sh\necho "${tool} $*" >> "$CALLS"\n${body}\n`);
      chmodSync(join(dir, tool), 0o755);
    }
    const s = service(resolved, name);
    const [shell = '', ...args] = [...(s.entrypoint ?? []), ...(s.command ?? [])];
    const env = { ...s.environment, PATH: `${dir}:${process.env.PATH ?? ''}`, CALLS: join(dir, 'calls'), STATE: dir };
    const result = spawnSync(shell, args, { env, encoding: 'utf8' });
    const calls = existsSync(env.CALLS) ? readFileSync(env.CALLS, 'utf8').trim().split('\n') : [];
    rmSync(env.CALLS, { force: true });
    return { status: result.status, stderr: result.stderr, calls: calls.filter((call) => !call.startsWith('sleep ')) };
  }

  const sqlTool = (failOn = '') => ({ 'temporal-sql-tool': failOn ? `case "$*" in *${failOn}*) exit 1;; esac` : '' });

  it('creates, initialises and updates both Temporal databases with the steps the cluster launcher runs', () => {
    const { status, calls } = run('temporal-schema', sqlTool());
    expect(status).toBe(0);
    expect(calls).toEqual(schemaSteps().map((args) => `temporal-sql-tool ${args.join(' ')}`));
    expect(calls).toContain('temporal-sql-tool --db temporal update-schema --schema-name postgresql/v12/temporal');
  });

  it('stops at the first failing schema step, so Temporal never starts on a half-made schema', () => {
    const { status, calls } = run('temporal-schema', sqlTool('update-schema'));
    expect(status).not.toBe(0);
    expect(calls.at(-1)).toContain('--db temporal update-schema');
  });

  // A fake `temporal` CLI with a cluster kept in files: a namespace marker and one file per attribute.
  const temporalCli = (healthyAfter = 0) => ({
    sleep: '',
    temporal: `
      n=0; [ -f "$STATE/health" ] && n=$(cat "$STATE/health"); echo $((n + 1)) > "$STATE/health"
      name=; type=; prev=
      for arg in "$@"; do case "$prev" in --name) name=$arg;; --type) type=$arg;; esac; prev=$arg; done
      case "$*" in
        "operator cluster health"*) [ "$n" -ge ${healthyAfter} ] ;;
        "operator namespace describe"*) [ -f "$STATE/namespace" ] ;;
        "operator namespace create"*) touch "$STATE/namespace" ;;
        "operator search-attribute create"*)
          if [ -f "$STATE/sa-$name" ]; then
            if [ "$(cat "$STATE/sa-$name")" = "$type" ]; then echo "Search attribute $name already exists." >&2
            else echo "search attribute $name already exists and has different type $(cat "$STATE/sa-$name")" >&2; fi
            exit 1
          fi
          echo "$type" > "$STATE/sa-$name" ;;
        *) exit 2 ;;
      esac`,
  });
  const registered = () =>
    readdirSync(dir)
      .filter((file) => file.startsWith('sa-'))
      .map((file) => `${file.slice(3)}=${readFileSync(join(dir, file), 'utf8').trim()}`)
      .sort();
  const expected = Object.values(searchAttributes)
    .map((attribute) => `${attribute.name}=${attribute.type}`)
    .sort();

  it('registers the namespace and exactly the shared search attributes on a fresh cluster', () => {
    const { status, calls } = run('temporal-setup', temporalCli());
    expect(status).toBe(0);
    expect(calls.filter((call) => call.startsWith('temporal operator namespace create'))).toHaveLength(1);
    expect(calls.find((call) => call.startsWith('temporal operator namespace create'))).toContain(
      '--namespace default',
    );
    expect(registered()).toEqual(expected);
  });

  it('succeeds again on a cluster it already set up, changing nothing', () => {
    expect(run('temporal-setup', temporalCli()).status).toBe(0);
    const again = run('temporal-setup', temporalCli());
    expect(again.status).toBe(0);
    expect(again.calls.filter((call) => call.includes(' create '))).toHaveLength(expected.length);
    expect(again.calls.some((call) => call.startsWith('temporal operator namespace create'))).toBe(false);
    expect(registered()).toEqual(expected);
  });

  it('fails when an attribute already exists with another type, naming it', () => {
    dir = mkdtempSync(join(tmpdir(), 'duban-compose-'));
    writeFileSync(join(dir, 'sa-DubanOverdue'), 'Keyword\n');
    const { status, stderr } = run('temporal-setup', temporalCli());
    expect(status).not.toBe(0);
    expect(stderr).toContain('DubanOverdue already exists and has different type Keyword');
  });

  it('waits for the frontend to serve before registering anything, and gives up if it never does', () => {
    const late = run('temporal-setup', temporalCli(3));
    expect(late.status).toBe(0);
    expect(late.calls.slice(0, 4).every((call) => call.startsWith('temporal operator cluster health'))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
    dir = '';
    const never = run('temporal-setup', temporalCli(1_000));
    expect(never.status).not.toBe(0);
    expect(never.calls.some((call) => call.includes('search-attribute'))).toBe(false);
  });
});

describe('the inline db-roles script', () => {
  it('creates duban_app and its login duban_api with the host password, and grants the one to the other', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-db-roles-'));
    try {
      // A fake psql that records its arguments and the SQL it was given on stdin.
      writeFileSync(join(dir, 'psql'), `#!/bin/sh\necho "$*" > "$STATE/args"\ncat > "$STATE/sql"\n`);
      chmodSync(join(dir, 'psql'), 0o755);
      const s = service(resolved, 'db-roles');
      const [shell = '', ...args] = [...(s.entrypoint ?? []), ...(s.command ?? [])];
      const env = { ...s.environment, PATH: `${dir}:${process.env.PATH ?? ''}`, STATE: dir };
      const result = spawnSync(shell, args, { env, encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      expect(readFileSync(join(dir, 'args'), 'utf8')).toContain(`app_password=${hostEnv.DUBAN_APP_DB_PASSWORD}`);
      const sql = readFileSync(join(dir, 'sql'), 'utf8');
      expect(sql).toContain('CREATE ROLE duban_app NOLOGIN');
      expect(sql).toMatch(/ALTER ROLE duban_api WITH LOGIN NOSUPERUSER .* PASSWORD :'app_password'/);
      expect(sql).toContain('GRANT duban_app TO duban_api');
      // Dollar quotes survive Compose ($$$$ → $$) and the quoted heredoc.
      expect(sql).toContain('DO $$ BEGIN');
      expect(s.environment.PGUSER).toBe(service(resolved, 'postgresql').environment.POSTGRES_USER);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Dockerfile and .dockerignore', () => {
  const dockerfile = read('Dockerfile').replace(/\\\n/g, ' ');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1) ?? '';
  const build = stages[0] ?? '';

  it('compiles in a build stage that copies every folder tsconfig.build.json compiles', () => {
    const { include } = z.object({ include: z.array(z.string()) }).parse(JSON.parse(read('tsconfig.build.json')));
    for (const folder of include) expect(build, folder).toMatch(new RegExp(`^COPY ${folder} `, 'm'));
    expect(build).toMatch(/npm ci\b/);
    expect(build).toMatch(/npm run build/);
  });

  it('ships the SQL migrations next to the compiled migration runner', () => {
    expect(readdirSync(join(root, 'shared/db/migrations')).some((file) => file.endsWith('.sql'))).toBe(true);
    expect(existsSync(join(root, 'shared/db/migrate.ts'))).toBe(true);
    expect(build).toMatch(/cp -R shared\/db\/migrations dist\/shared\/db\/migrations/);
    expect(runtime).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
  });

  it('builds the web console into the compiled tree, where the API serves it from', () => {
    expect(build).toMatch(/^COPY web \.\/web$/m);
    expect(build).toMatch(/npm run build:web/);
    // api/plugins/console.ts looks two folders up from dist/api/plugins: dist/web/dist.
    expect(read('api/plugins/console.ts')).toMatch(/join\(__dirname, '\.\.', '\.\.', 'web', 'dist'\)/);
    expect(build).toMatch(/cp -R web\/dist dist\/web\/dist/);
  });

  it('runs production dependencies only, as the unprivileged node user, on node 20', () => {
    for (const stage of stages) expect(stage).toMatch(/^node:20-bookworm-slim\b/);
    expect(runtime).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/^ENV NODE_ENV=production$/m);
    expect(runtime).toMatch(/^USER node$/m);
    const cmd = z.array(z.string()).parse(JSON.parse(/^CMD (.*)$/m.exec(runtime)?.[1] ?? 'null'));
    expect(existsSync(join(root, sourceOf(cmd)))).toBe(true);
  });

  it('keeps secrets and host-built modules out of the build context, but not what the build copies', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['.env', 'node_modules', 'dist']));
    const copied = [...build.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((match) => (match[1] ?? '').split(' '));
    const matches = (pattern: string, path: string) =>
      new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`).test(path);
    for (const path of copied)
      for (const pattern of ignored) expect(matches(pattern, path), `${pattern} hides ${path}`).toBe(false);
  });
});
