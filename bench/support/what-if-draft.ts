// The what-if bench's draft, filter and checks (bench/what-if.ts). The draft is a change an office
// could plausibly make to the demo rule set: the four streets take over street vending (the street
// office leads, the 综合行政执法局 helps), and neighbour disputes go back to the default principle
// (the 司法局 leads, the locality helps) — so a fair share of the ledger's cases change lead and
// co-handlers. Every generated case lies under a locality with a governing unit (bench/ledger-data.ts),
// so the locality default always resolves and no valid draft can send a case to triage: `toTriage`
// is 0 by construction here, and the hand-built test counts it instead.
import type { WhatIfAnswer } from '../../api/services/routing-what-if';
import type { RoutingRule } from '../../shared/routing';

/** 兴泰、洒金、黄草、丰都街道: urban streets, where vending on the pavement is the street office's daily work. */
export const STREET_VENDING_STREETS = ['xingtai', 'sajin', 'huangcao', 'fengdu'];
/** r-disputes: neighbour disputes led by the locality. Dropped, they fall to 业务主管牵头、属地配合. */
export const DROPPED_RULE = 'r-disputes';
/** The town the filtered run looks at (one of the streets the draft changes). */
export const FILTER_LOCALITY = 'xingtai';

export function whatIfDraft(inForce: readonly RoutingRule[]): RoutingRule[] {
  const kept = inForce.filter((rule) => rule.id !== DROPPED_RULE);
  if (kept.length === inForce.length) throw new Error(`the rule set in force has no ${DROPPED_RULE} to drop`);
  return [
    ...kept,
    ...STREET_VENDING_STREETS.map((locality): RoutingRule => ({
      id: `sv-${locality}`,
      category: 'street-vending',
      locality,
      lead: 'locality',
      coHandlers: ['business_owner'],
    })),
  ];
}

const BEIJING_MS = 8 * 3_600_000;
const day = (year: number, month: number, date: number) =>
  new Date(Date.UTC(year, month, date)).toISOString().slice(0, 10);

/** The last complete calendar quarter in Beijing days, as the filter's bare dates (`reportedTo` inclusive). */
export function lastCompleteQuarter(now: number): { reportedFrom: string; reportedTo: string } {
  const beijing = new Date(now + BEIJING_MS);
  const quarterStart = Math.floor(beijing.getUTCMonth() / 3) * 3;
  const year = beijing.getUTCFullYear();
  // Month arithmetic past either end of the year is Date.UTC's: month -3 is October of the year before.
  return { reportedFrom: day(year, quarterStart - 3, 1), reportedTo: day(year, quarterStart, 0) };
}

/**
 * Problems with the answer's figures: every case is led by one unit or in triage, on each side, so
 * the units' leads plus triage add up to the cases compared; and the cases compared are the ones
 * PostgreSQL counts for the same filter. An empty list when the figures hold together.
 */
export function inconsistencies(answer: WhatIfAnswer, expectedCases: number): string[] {
  const problems: string[] = [];
  const sum = (side: 'before' | 'after') => answer.perUnit.reduce((total, row) => total + row[side], 0);
  if (answer.cases !== expectedCases) problems.push(`cases ${answer.cases}, expected ${expectedCases}`);
  if (sum('before') + answer.triageBefore !== answer.cases) {
    problems.push(`before: units ${sum('before')} + triage ${answer.triageBefore} ≠ cases ${answer.cases}`);
  }
  if (sum('after') + answer.triageAfter !== answer.cases) {
    problems.push(`after: units ${sum('after')} + triage ${answer.triageAfter} ≠ cases ${answer.cases}`);
  }
  for (const name of ['changedLead', 'changedCoHandlers', 'toTriage'] as const) {
    if (answer[name] < 0 || answer[name] > answer.cases) problems.push(`${name} ${answer[name]} out of range`);
  }
  if (answer.toTriage > answer.triageAfter) problems.push(`toTriage ${answer.toTriage} > triageAfter`);
  const changed = answer.changedLead + answer.changedCoHandlers;
  if (changed > 0 && answer.examples.length === 0) problems.push('cases changed but no example');
  return problems;
}

/** Throws when the answer's figures do not hold together, or when the draft changed nothing it should have. */
export function checkAnswer(name: string, answer: WhatIfAnswer, expectedCases: number): void {
  const problems = inconsistencies(answer, expectedCases);
  if (answer.cases > 0 && (answer.changedLead === 0 || answer.changedCoHandlers === 0)) {
    problems.push(`the draft changed lead of ${answer.changedLead} and co-handlers of ${answer.changedCoHandlers}`);
  }
  if (problems.length > 0) throw new Error(`${name}: the answer does not hold together: ${problems.join('; ')}`);
}
