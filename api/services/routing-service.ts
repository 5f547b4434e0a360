import { loadPublishedRules, loadRoutingReference } from '../../shared/db/reference';
import type { Db } from '../../shared/db/sql';
import { compileRuleSet, route, type CompiledRuleSet } from '../../shared/routing';
import type { RoutingDecision, RoutingInput, RoutingReference } from '../../shared/routing/types';

export interface RoutingService {
  /** The decision for a new case under the rule set in force, plus the reference data it used. */
  decide(input: RoutingInput): Promise<{ decision: RoutingDecision; reference: RoutingReference }>;
  /** Drops the compiled rule set: call after reference data or rules change. */
  invalidate(): void;
}

/** Compiles the published rule set once and reuses it until the version changes or is invalidated. */
export function createRoutingService(db: Db): RoutingService {
  let cached: { compiled: CompiledRuleSet; reference: RoutingReference; version: number } | null = null;
  return {
    async decide(input) {
      const published = await loadPublishedRules(db);
      if (!cached || cached.version !== published.version) {
        const reference = await loadRoutingReference(db);
        cached = {
          compiled: compileRuleSet(published.rules, reference, published.version),
          reference,
          version: published.version,
        };
      }
      return { decision: route(cached.compiled, input), reference: cached.reference };
    },
    invalidate() {
      cached = null;
    },
  };
}
