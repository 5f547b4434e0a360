// The routing engine's vocabulary (DOMAIN.md "Routing: business owner and locality"). Plain types:
// importable from workflow code, the API and the database layer alike.
import type { CaseKind, Priority, UnitKind } from '../domain/enums';

export type { CaseKind, Priority, UnitKind };

/** Who handles: the category's business owner, the locality's governing unit, or a fixed unit id. */
export type HandlerSpec = 'business_owner' | 'locality' | (string & {});

export interface RoutingRule {
  id: string;
  category?: string;
  /** Matches this locality and every locality below it. */
  locality?: string;
  kind?: CaseKind;
  lead: HandlerSpec;
  coHandlers?: HandlerSpec[];
}

export interface RoutingUnit {
  id: string;
  name: string;
  kind: UnitKind;
  parentId?: string | null;
}

export interface RoutingLocality {
  code: string;
  name: string;
  parentCode?: string | null;
  governingUnitId?: string | null;
}

export interface RoutingCategory {
  code: string;
  name: string;
  businessOwnerUnitId?: string | null;
}

export interface RoutingReference {
  units: RoutingUnit[];
  localities: RoutingLocality[];
  categories: RoutingCategory[];
}

export interface RoutingInput {
  category: string;
  locality: string;
  kind: CaseKind;
  /** Carried for the record; no rule matcher depends on it. */
  priority?: Priority;
}

export type DecidedBy = 'rule' | 'business_owner_default' | 'locality_default' | 'triage';

export interface RoutingCandidate {
  ruleId: string;
  tier: string;
}

export interface RoutingDecision {
  /** Unit id; null means the case goes to triage. */
  lead: string | null;
  /** Unit ids, deduplicated, never containing the lead. */
  coHandlers: string[];
  /** The deciding rule; null for a fallback. */
  ruleId: string | null;
  rulesVersion: number;
  decidedBy: DecidedBy;
  /** The matching rules considered, winner first, then the others from most to least specific. */
  candidates: RoutingCandidate[];
  /** Sentences a person can read, using the Chinese names from the reference data. */
  explanation: string[];
}

/**
 * A decision without its explanation, as `verdict` returns it: a new object per call, but its
 * candidate entries and empty lists are shared with other decisions and frozen, so it is read-only.
 * `route` and `explain` give the explanation when someone will read it.
 */
export interface RoutingVerdict {
  readonly lead: string | null;
  readonly coHandlers: readonly string[];
  readonly ruleId: string | null;
  readonly rulesVersion: number;
  readonly decidedBy: DecidedBy;
  readonly candidates: readonly Readonly<RoutingCandidate>[];
}

export interface RuleProblem {
  ruleId: string;
  message: string;
}

export class RuleSetInvalidError extends Error {
  readonly problems: RuleProblem[];

  constructor(problems: RuleProblem[]) {
    super(`routing rule set is invalid: ${problems.map((p) => `${p.ruleId}: ${p.message}`).join('; ')}`);
    this.name = 'RuleSetInvalidError';
    this.problems = problems;
  }
}
