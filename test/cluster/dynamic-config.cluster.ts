// The committed dynamic config (deploy/temporal/dynamic-config.yaml, read by the cluster and by
// docker-compose.yml) checked by the pinned server itself: a key the release no longer knows is
// ignored by the server in silence, and only this check says so.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { clusterBinaries } from '../../scripts/lib/temporal-cluster-build';
import { dynamicConfigPath } from '../../scripts/lib/temporal-cluster-config';

describe('the dynamic config file', () => {
  it('holds only keys and values the pinned server knows', () => {
    const check = spawnSync(clusterBinaries().server, ['validate-dynamic-config', dynamicConfigPath()], {
      encoding: 'utf8',
    });
    expect(check.stdout).not.toMatch(/warning|error/);
    expect(check.status).toBe(0);
  });
});
