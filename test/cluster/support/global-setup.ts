// Once per `npm run test:cluster`: the Temporal server and SQL tool built (first run only, about 8
// minutes on two cores; cached outside the repository) and the workflow bundle built, so that each
// file's cluster and workers start in seconds. Each file starts its own cluster.
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWorkflowBundle } from '../../../scripts/lib/load-system';
import { projectRoot } from '../../../scripts/lib/processes';
import { ensureClusterBinaries } from '../../../scripts/lib/temporal-cluster-build';

export default async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  ensureClusterBinaries((line) => console.log(`test:cluster: ${line}`));
  const bundle = await buildWorkflowBundle(
    join(projectRoot, 'workflows', 'index.ts'),
    join(projectRoot, '.data', 'cluster-test', 'workflow-bundle.js'),
  );
  console.log(`test:cluster: binaries and workflow bundle ready in ${Math.round((Date.now() - started) / 1000)} s`);
  project.provide('workflowBundlePath', bundle);
}
