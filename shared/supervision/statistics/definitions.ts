// The statistics leaders judge units by (issue 14), each defined once, as data: its Chinese and English
// name, what it counts in words, and the event whose Beijing date puts it in a period. The API answers
// these definitions with the figures, docs/statistics.md explains them, and shared/db/statistics.ts is
// the SQL that computes them over case_statistics (the events folded per case, migration 0014).

/** The dimensions statistics are grouped by: the case's lead unit (as last handed over), category, kind, locality. */
export const GROUP_BYS = ['unit', 'category', 'kind', 'locality'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface FigureDefinition {
  zh: string;
  en: string;
  /** The figure in words, as the API answers it and docs/statistics.md repeats it. */
  formula: string;
  /** The event that places a case in a period: the period holds the event's instant. */
  countedBy: string;
}

export const COUNT_DEFINITIONS = {
  received: {
    zh: '受理数',
    en: 'received',
    formula: 'cases reported in the period',
    countedBy: 'reported',
  },
  assigned: {
    zh: '交办数',
    en: 'assigned',
    formula: 'cases handed to a unit for the first time in the period (dispatched or assigned)',
    countedBy: 'first dispatched/assigned',
  },
  closable: {
    zh: '应办结数',
    en: 'closable',
    formula:
      'of the cases assigned in the period, those not closed as duplicate/withdrawn/not_actionable before its end',
    countedBy: 'first dispatched/assigned',
  },
  closedOfAssigned: {
    zh: '已办结数（交办批次）',
    en: 'closed of assigned',
    formula: 'of the cases assigned in the period, those closed as resolved or on_spot before its end',
    countedBy: 'first dispatched/assigned',
  },
  closedOnTimeOfAssigned: {
    zh: '按期办结数（交办批次）',
    en: 'closed on time of assigned',
    formula:
      'of those closed of the cases assigned in the period, the ones whose last resolution met the deadline in force',
    countedBy: 'first dispatched/assigned',
  },
  closed: {
    zh: '办结数',
    en: 'closed',
    formula:
      'cases closed as resolved or on_spot in the period: a resolution counts once its follow-up is satisfied ' +
      'or its follow-up window has passed, which is when the case closes',
    countedBy: 'closed (reason resolved or on_spot)',
  },
  closedOnTime: {
    zh: '按期办结数',
    en: 'closed on time',
    formula:
      'of the cases closed (办结) in the period, those whose last resolution came by the deadline in force ' +
      '(approved extensions included); an on-the-spot closure is on time',
    countedBy: 'closed (reason resolved or on_spot)',
  },
  signed: { zh: '签收数', en: 'signed for', formula: 'sign-fors in the period', countedBy: 'accepted' },
  signedOnTime: {
    zh: '按时签收数',
    en: 'signed for on time',
    formula: 'sign-fors in the period at or before the hand-over’s acceptDue (acceptWithin after the hand-over)',
    countedBy: 'accepted',
  },
  reportsDue: {
    zh: '应上报数',
    en: 'reports due',
    formula: 'weekly reports submitted on time in the period plus reports missed in the period',
    countedBy: 'report_submitted (on time) / report_missed',
  },
  reportsOnTime: {
    zh: '按期上报数',
    en: 'reports on time',
    formula: 'weekly reports submitted on time in the period (a late one counts only through its miss)',
    countedBy: 'report_submitted',
  },
  firstFollowUps: {
    zh: '首次回访数',
    en: 'first follow-ups',
    formula: 'cases whose first follow-up is in the period',
    countedBy: 'first followed_up',
  },
  firstSatisfied: {
    zh: '首次回访满意数',
    en: 'satisfied at first follow-up',
    formula: 'of those, the ones the resident was satisfied with',
    countedBy: 'first followed_up',
  },
  followUps: { zh: '回访数', en: 'follow-ups', formula: 'follow-ups in the period', countedBy: 'followed_up' },
  satisfied: {
    zh: '满意数',
    en: 'satisfied follow-ups',
    formula: 'follow-ups in the period where the resident was satisfied',
    countedBy: 'followed_up',
  },
  resolved: {
    zh: '首次办理完毕数',
    en: 'resolved',
    formula: 'cases whose first resolution is in the period',
    countedBy: 'first resolved',
  },
  reworked: {
    zh: '重办数',
    en: 'reworked',
    formula: 'of the cases first resolved in the period, those reopened at least once since',
    countedBy: 'first resolved',
  },
} as const satisfies Record<string, FigureDefinition>;

export const RATE_DEFINITIONS = {
  closeRate: {
    zh: '办结率',
    en: 'closure rate',
    formula: 'closedOfAssigned ÷ closable',
    countedBy: 'first dispatched/assigned',
  },
  onTimeCloseRate: {
    zh: '按期办结率',
    en: 'on-time closure rate',
    formula: 'closedOnTime ÷ closed',
    countedBy: 'closed',
  },
  signForRate: {
    zh: '签收及时率',
    en: 'timely sign-for rate',
    formula: 'signedOnTime ÷ signed',
    countedBy: 'accepted',
  },
  reportRate: {
    zh: '按期上报率',
    en: 'on-time report rate',
    formula: 'reportsOnTime ÷ reportsDue',
    countedBy: 'report_submitted / report_missed',
  },
  firstSatisfactionRate: {
    zh: '满意率（首次回访）',
    en: 'satisfaction, first follow-up',
    formula: 'firstSatisfied ÷ firstFollowUps',
    countedBy: 'first followed_up',
  },
  satisfactionRate: {
    zh: '满意率（全部回访）',
    en: 'satisfaction, all follow-ups',
    formula: 'satisfied ÷ followUps',
    countedBy: 'followed_up',
  },
  reworkRate: { zh: '重办率', en: 'rework rate', formula: 'reworked ÷ resolved', countedBy: 'first resolved' },
} as const satisfies Record<string, FigureDefinition>;

/** Segments of a case's life, each the last completed stint, placed in the period by the event that ends it. */
export const SEGMENT_DEFINITIONS = {
  triage: { zh: '分办（研判）', en: 'triage', formula: 'triaged → queued or assigned', countedBy: 'queued/assigned' },
  queue: { zh: '待交办', en: 'dispatch queue', formula: 'queued → dispatched', countedBy: 'dispatched' },
  signFor: { zh: '签收', en: 'sign-for', formula: 'dispatched/assigned → accepted', countedBy: 'accepted' },
  handling: {
    zh: '办理（未延期）',
    en: 'handling, no extension',
    formula: 'accepted (or reopened) → resolved, cases without an approved extension',
    countedBy: 'resolved',
  },
  handlingExtended: {
    zh: '办理（经延期）',
    en: 'handling, extended',
    formula: 'accepted (or reopened) → resolved, cases with an approved extension',
    countedBy: 'resolved',
  },
  extension: {
    zh: '延期时长',
    en: 'extension granted',
    formula: 'deadline after approved extensions − deadline before them, cases resolved with one',
    countedBy: 'resolved',
  },
  verification: { zh: '核验回访', en: 'verification', formula: 'resolved → closed as resolved', countedBy: 'closed' },
} as const satisfies Record<string, FigureDefinition>;

export type CountKey = keyof typeof COUNT_DEFINITIONS;
export type RateKey = keyof typeof RATE_DEFINITIONS;
export type SegmentKey = keyof typeof SEGMENT_DEFINITIONS;

export const COUNT_KEYS = Object.keys(COUNT_DEFINITIONS) as CountKey[];
export const SEGMENT_KEYS = Object.keys(SEGMENT_DEFINITIONS) as SegmentKey[];
