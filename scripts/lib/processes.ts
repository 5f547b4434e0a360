import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { dirname, join } from 'node:path';

export const projectRoot = join(__dirname, '..', '..');

/** A port the OS says is free right now (a race with another process is possible, and harmless here). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Whether this process could listen on `port` now. Listening, not connecting: a server that answers
 * is not ours to use, and one bound to 0.0.0.0 or [::] holds the port on 127.0.0.1 too.
 */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export interface WantedPort {
  port: number;
  host?: string;
  /** The setting that asked for this port (`PORT`): taken, it stops the start instead of moving. */
  setBy?: string;
}

export interface ChosenPort {
  port: number;
  wanted: number;
  /** Why not the wanted one; null when it is the wanted one. */
  note: string | null;
}

/**
 * A port for each of `wanted`: the wanted one when free, else another free one, all different; a
 * port a setting asked for is never moved, its being taken is an error that names the setting.
 */
export async function choosePorts<Name extends string>(
  wanted: Record<Name, WantedPort>,
): Promise<Record<Name, ChosenPort>> {
  const chosen = {} as Record<Name, ChosenPort>;
  const used = new Map<number, Name>();
  for (const [name, { port, host, setBy }] of Object.entries(wanted) as Array<[Name, WantedPort]>) {
    if (!used.has(port) && (await portIsFree(port, host))) {
      chosen[name] = { port, wanted: port, note: null };
    } else if (setBy) {
      throw new Error(`${setBy}=${port}: that port is taken by another process; set ${setBy} to a free port`);
    } else {
      let other = await freePort(host);
      while (used.has(other)) other = await freePort(host);
      const holder = used.has(port) ? `the ${used.get(port)} port` : 'taken by another process';
      chosen[name] = { port: other, wanted: port, note: `${port} is ${holder}` };
    }
    used.set(chosen[name].port, name);
  }
  return chosen;
}

export function portAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, child?: ChildProcess) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} while starting`);
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s`);
}

export interface Managed {
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a long-lived child whose output goes to a log file, and stops it with SIGTERM, then SIGKILL. */
export function startManaged(command: string, args: string[], logFile: string, options: SpawnOptions = {}): Managed {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { child, stop };
}
