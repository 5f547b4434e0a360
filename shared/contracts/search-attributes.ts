// Custom search attributes that let operators list cases in the Temporal Web UI by what matters to
// the office. They must be registered on the namespace before a workflow sets them: the start
// command, the test command and the production compose file all register exactly this list.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

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
