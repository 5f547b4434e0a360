// Custom search attributes that let operators list cases in the Temporal Web UI by what matters to
// the office. They must be registered on the namespace before a workflow sets them: the start
// command, the test command and the production compose file all register exactly this list.
import {
  defineSearchAttributeKey,
  SearchAttributeType,
  type SearchAttributePair,
  type SearchAttributeUpdatePair,
} from '@temporalio/common';
import type { CaseState } from '../domain/case-schema';

export const searchAttributes = {
  status: { name: 'DubanStatus', type: 'Keyword' },
  leadUnit: { name: 'DubanLeadUnit', type: 'Keyword' },
  locality: { name: 'DubanLocality', type: 'Keyword' },
  category: { name: 'DubanCategory', type: 'Keyword' },
  overdue: { name: 'DubanOverdue', type: 'Bool' },
  escalationLevel: { name: 'DubanEscalationLevel', type: 'Int' },
} as const;

export type SearchAttributeSpec = (typeof searchAttributes)[keyof typeof searchAttributes];

/** `--search-attribute Name=Type` pairs for `temporal server start-dev` and `temporal operator`. */
export const searchAttributeFlags = (): string[] =>
  Object.values(searchAttributes).flatMap((attribute) => ['--search-attribute', `${attribute.name}=${attribute.type}`]);

/** Typed keys for `upsertSearchAttributes` in the case workflow, one per entry above. */
export const caseSearchAttributeKeys = {
  status: defineSearchAttributeKey(searchAttributes.status.name, SearchAttributeType.KEYWORD),
  leadUnit: defineSearchAttributeKey(searchAttributes.leadUnit.name, SearchAttributeType.KEYWORD),
  locality: defineSearchAttributeKey(searchAttributes.locality.name, SearchAttributeType.KEYWORD),
  category: defineSearchAttributeKey(searchAttributes.category.name, SearchAttributeType.KEYWORD),
  overdue: defineSearchAttributeKey(searchAttributes.overdue.name, SearchAttributeType.BOOL),
  escalationLevel: defineSearchAttributeKey(searchAttributes.escalationLevel.name, SearchAttributeType.INT),
} as const;

/** The case's search attributes as its state stands: kept current by its journal (null unsets). */
export const caseSearchAttributes = (state: CaseState): SearchAttributeUpdatePair[] => [
  { key: caseSearchAttributeKeys.status, value: state.status },
  { key: caseSearchAttributeKeys.leadUnit, value: state.lead },
  { key: caseSearchAttributeKeys.locality, value: state.locality },
  { key: caseSearchAttributeKeys.category, value: state.category },
  { key: caseSearchAttributeKeys.overdue, value: state.overdue },
  { key: caseSearchAttributeKeys.escalationLevel, value: state.escalationLevel },
];

/** The same at the case's start, which takes only the attributes that have a value. */
export const startSearchAttributes = (state: CaseState): SearchAttributePair[] =>
  caseSearchAttributes(state).filter((pair): pair is SearchAttributePair => pair.value !== null);
