// The routing rules as the table edits them, and the API's refusals mapped back to the rows. The 422
// of PUT /v1/routing-rules names each rule by its id (`body.rules[<id>]`, every row with that id: a
// duplicate id is a problem of each); a 400 of the schema names a position (`body.rules.3.lead`).
import { inChinese } from './api-messages';
import type { RoutingRule } from './api';

export interface RuleDraft {
  /** The row's own key: the rule's id is typed by the clerk and may repeat while being edited. */
  key: number;
  id: string;
  category: string;
  locality: string;
  kind: string;
  lead: string;
  coHandlers: string[];
}

let nextKey = 1;

export function draftOfRule(rule: RoutingRule): RuleDraft {
  return {
    key: nextKey++,
    id: rule.id,
    category: rule.category ?? '',
    locality: rule.locality ?? '',
    kind: rule.kind ?? '',
    lead: rule.lead,
    coHandlers: [...(rule.coHandlers ?? [])],
  };
}

export const emptyDraft = (position: number): RuleDraft => ({
  ...draftOfRule({ id: `r-${position}`, lead: '' }),
});

/** A matcher left empty matches any value: the API reads absence, so it is left out, not sent empty. */
export function ruleOf(draft: RuleDraft): RoutingRule {
  return {
    id: draft.id.trim(),
    ...(draft.category ? { category: draft.category } : {}),
    ...(draft.locality ? { locality: draft.locality } : {}),
    ...(draft.kind ? { kind: draft.kind } : {}),
    lead: draft.lead,
    ...(draft.coHandlers.length > 0 ? { coHandlers: [...draft.coHandlers] } : {}),
  };
}

export interface RuleSetProblems {
  /** Each row's problems, in Chinese, by the row's key. */
  byRow: Map<number, string[]>;
  /** Problems naming no row of the table (the set as a whole, or an id no row has now). */
  general: string[];
}

const FIELD_LABELS: Record<string, string> = {
  id: '编号',
  category: '类别',
  locality: '区划',
  kind: '类型',
  lead: '牵头单位',
  coHandlers: '协办单位',
};

export function problemsOfRows(
  rows: readonly RuleDraft[],
  errors: ReadonlyArray<{ path: string; message: string }>,
): RuleSetProblems {
  const byRow = new Map<number, string[]>();
  const general: string[] = [];
  // Two rules sharing an id are each named by both refusals: a row lists each sentence once.
  const add = (row: RuleDraft, said: string) => {
    const known = byRow.get(row.key) ?? [];
    if (!known.includes(said)) byRow.set(row.key, [...known, said]);
  };
  for (const { path, message } of errors) {
    const byId = /^body\.rules\[(.*)\]$/.exec(path);
    const byPosition = /^body\.rules\.(\d+)(?:\.(\w+))?/.exec(path);
    if (byId) {
      const named = rows.filter((row) => row.id.trim() === byId[1]);
      if (named.length === 0) general.push(`规则 ${byId[1]}：${inChinese(message)}`);
      for (const row of named) add(row, inChinese(message));
    } else if (byPosition && rows[Number(byPosition[1])]) {
      const field = byPosition[2] ? `${FIELD_LABELS[byPosition[2]] ?? byPosition[2]}：` : '';
      add(rows[Number(byPosition[1])]!, `${field}${inChinese(message)}`);
    } else {
      general.push(inChinese(message));
    }
  }
  return { byRow, general };
}
