// `npm run cluster`: a real Temporal cluster on this machine (four services on PostgreSQL, loopback
// only), built once from the pinned release and started until Ctrl-C, which stops everything and
// deletes its data. Point duban at it with TEMPORAL_ADDRESS (docs/deployment.md, "A province").
//   npm run cluster                          start it and wait for Ctrl-C
//   npm run cluster -- bench [intake surge]  each bench against the dev server, then against a cluster
import { startCluster } from './lib/temporal-cluster';
import { benchAgainstCluster } from './lib/temporal-cluster-bench';
import { clusterCacheDir } from './lib/temporal-cluster-build';
import { TEMPORAL_SERVER_VERSION } from './lib/temporal-cluster-config';

async function main(): Promise<void> {
  const started = Date.now();
  const cluster = await startCluster({ log: (line) => console.log(`cluster: ${line}`) });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
Temporal ${TEMPORAL_SERVER_VERSION} cluster serving at ${cluster.address} (namespace ${cluster.namespace}, ready in ${seconds} s)
  PostgreSQL (Temporal's own): postgres://postgres@127.0.0.1:${cluster.postgres.port}/temporal
  logs: ${cluster.dir}   binaries: ${clusterCacheDir()}
  no Web UI: the standalone UI is not built here; \`temporal workflow list --address ${cluster.address}\` lists cases
Run duban against it, e.g.:  TEMPORAL_ADDRESS=${cluster.address} npm start
Ctrl-C stops the cluster and deletes its data.`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log('\ncluster: stopping frontend, worker, matching, history, then PostgreSQL…');
    cluster.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // A service that dies on its own is reported: a person watching the terminal should know.
  for (const service of Object.values(cluster.services)) {
    const pid = service.pid();
    if (pid === null) continue;
    const check = setInterval(() => {
      if (!stopping && service.pid() === null) {
        console.error(`cluster: the ${service.name} service exited; see ${cluster.dir}/${service.name}.log`);
        clearInterval(check);
      }
    }, 2000);
  }
}

const [command, ...rest] = process.argv.slice(2);
(command === 'bench' ? benchAgainstCluster(rest).then(() => process.exit(0)) : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
