// What a draft rule set would change (docs/routing-what-if.md): both rule sets decide every group of
// past cases that share their routing inputs, and the differences are counted per case. Pure, like the
// rest of the engine: the API reads the groups from PostgreSQL and hands them here.
import type { CompiledRuleSet } from './compile';
import { route } from './route';
import type { CaseKind, RoutingInput, RoutingVerdict } from './types';
import { verdict } from './verdict';

/** Past cases with the same routing inputs: routing decides them alike, so they are decided once. */
export interface RoutingInputGroup {
  category: string;
  locality: string;
  kind: CaseKind;
  /** How many cases share these inputs. */
  cases: number;
}

export interface UnitShift {
  unitId: string;
  /** Cases the unit leads under the rule set in force, and under the draft. */
  before: number;
  after: number;
  /** Cases the unit co-handles, before and after. */
  coHandlingBefore: number;
  coHandlingAfter: number;
}

export interface RoutingSide {
  lead: string | null;
  coHandlers: string[];
  ruleId: string | null;
  explanation: string[];
}

export interface WhatIfExample {
  /** One of the group's cases, to open; the caller finds it (null until then, or if none is left). */
  caseId: string | null;
  category: string;
  locality: string;
  kind: CaseKind;
  /** Cases with the same inputs, which the same change moves. */
  cases: number;
  before: RoutingSide;
  after: RoutingSide;
}

export interface WhatIfFigures {
  /** Cases compared. */
  cases: number;
  changedLead: number;
  changedCoHandlers: number;
  /** Cases the rule set in force gives a unit and the draft sends to triage. */
  toTriage: number;
  triageBefore: number;
  triageAfter: number;
  /** Every unit leading or co-handling any case before or after, the largest shift first. */
  perUnit: UnitShift[];
  /** The changed groups with the most cases, each with both explanations. */
  examples: WhatIfExample[];
}

export const DEFAULT_EXAMPLES = 20;

const sameUnits = (a: readonly string[], b: readonly string[]): boolean => {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((unit) => set.has(unit));
};

/** Counts what the two rule sets decide differently over the groups, case by case. */
export function compareRoutings(
  before: CompiledRuleSet,
  after: CompiledRuleSet,
  groups: Iterable<RoutingInputGroup>,
  exampleLimit = DEFAULT_EXAMPLES,
): WhatIfFigures {
  const figures = { cases: 0, changedLead: 0, changedCoHandlers: 0, toTriage: 0, triageBefore: 0, triageAfter: 0 };
  const units = new Map<string, UnitShift>();
  const shift = (unitId: string): UnitShift => {
    let row = units.get(unitId);
    if (row === undefined) {
      row = { unitId, before: 0, after: 0, coHandlingBefore: 0, coHandlingAfter: 0 };
      units.set(unitId, row);
    }
    return row;
  };
  const changed: RoutingInputGroup[] = [];

  for (const group of groups) {
    const input: RoutingInput = { category: group.category, locality: group.locality, kind: group.kind };
    const was = verdict(before, input);
    const will = verdict(after, input);
    const n = group.cases;
    figures.cases += n;
    if (was.lead === null) figures.triageBefore += n;
    else shift(was.lead).before += n;
    if (will.lead === null) figures.triageAfter += n;
    else shift(will.lead).after += n;
    for (const unit of was.coHandlers) shift(unit).coHandlingBefore += n;
    for (const unit of will.coHandlers) shift(unit).coHandlingAfter += n;
    const leadMoved = was.lead !== will.lead;
    const coMoved = !sameUnits(was.coHandlers, will.coHandlers);
    if (leadMoved) figures.changedLead += n;
    if (coMoved) figures.changedCoHandlers += n;
    if (was.lead !== null && will.lead === null) figures.toTriage += n;
    if (leadMoved || coMoved) changed.push(group);
  }

  const moved = (row: UnitShift) =>
    Math.abs(row.after - row.before) + Math.abs(row.coHandlingAfter - row.coHandlingBefore);
  const perUnit = [...units.values()].sort((a, b) => moved(b) - moved(a) || a.unitId.localeCompare(b.unitId));
  const examples = changed
    .sort((a, b) => b.cases - a.cases || inputOrder(a, b))
    .slice(0, exampleLimit)
    .map((group) => example(before, after, group));
  return { ...figures, perUnit, examples };
}

/** A stable order among groups of equal size, so the same ledger gives the same examples. */
const inputOrder = (a: RoutingInputGroup, b: RoutingInputGroup): number =>
  a.category.localeCompare(b.category) || a.locality.localeCompare(b.locality) || a.kind.localeCompare(b.kind);

function example(before: CompiledRuleSet, after: CompiledRuleSet, group: RoutingInputGroup): WhatIfExample {
  const input: RoutingInput = { category: group.category, locality: group.locality, kind: group.kind };
  return {
    caseId: null,
    category: group.category,
    locality: group.locality,
    kind: group.kind,
    cases: group.cases,
    before: side(route(before, input)),
    after: side(route(after, input)),
  };
}

const side = (decision: RoutingVerdict & { explanation: string[] }): RoutingSide => ({
  lead: decision.lead,
  coHandlers: [...decision.coHandlers],
  ruleId: decision.ruleId,
  explanation: decision.explanation,
});
