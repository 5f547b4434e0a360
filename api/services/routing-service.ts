import { loadPublishedRules, loadRoutingReference } from '../../shared/db/reference';
import type { Db } from '../../shared/db/sql';
import { compileRuleSet, route, type CompiledRuleSet } from '../../shared/routing';
import type { RoutingDecision, RoutingInput, RoutingReference } from '../../shared/routing/types';

export interface RoutingService {
  /** The decision for a new case under the rule set in force, plus the reference data it used. */
  decide(input: RoutingInput): Promise<{ decision: RoutingDecision; reference: RoutingReference }>;
  /** Drops the compiled rule set at once (this process changed reference data). */
  invalidate(): void;
}

interface Compiled {
  revision: string;
  compiled: CompiledRuleSet;
  reference: RoutingReference;
}

/**
 * Compiles the published rule set with the reference data once, and reuses it until the database's
 * reference revision moves (migration 0004 bumps it on any change to units, localities, categories
 * or rule sets, by any process): one tiny read per decision instead of a compile.
 */
export function createRoutingService(db: Db): RoutingService {
  let cached: Compiled | null = null;
  let compiling: Promise<Compiled> | null = null;

  const compile = async (revision: string): Promise<Compiled> => {
    const [published, reference] = await Promise.all([loadPublishedRules(db), loadRoutingReference(db)]);
    return { revision, compiled: compileRuleSet(published.rules, reference, published.version), reference };
  };

  return {
    async decide(input) {
      const [row] = await db<{ revision: string }[]>`SELECT revision::text FROM reference_revision`;
      const revision = row?.revision ?? '0';
      if (cached?.revision !== revision) {
        // Concurrent requests after a change share one compile.
        compiling ??= compile(revision).finally(() => (compiling = null));
        cached = await compiling;
      }
      return { decision: route(cached.compiled, input), reference: cached.reference };
    },
    invalidate() {
      cached = null;
    },
  };
}
