// What the field form edits and what it sends: the body of POST /v1/visits (docs/supervision.md
// "Visits"), each problem a POST /v1/cases body without visitId. Labels of the API's codes in Chinese.

export const TARGET_TYPE_LABELS: Record<string, string> = {
  household: '户',
  village: '村寨',
  community: '社区',
  enterprise: '企业',
  school: '学校',
};

export const CASE_KIND_LABELS: Record<string, string> = {
  problem_clue: '问题线索',
  suggestion: '意见建议',
  conflict_risk: '矛盾风险',
  hardship: '困难诉求',
};

export const PRIORITY_LABELS: Record<string, string> = { normal: '一般', high: '较急', urgent: '紧急' };

export interface ProblemDraft {
  kind: string;
  category: string;
  title: string;
  description: string;
  locality: string;
  priority: string;
  reporterName: string;
  reporterPhone: string;
  resolvedOnSpot: boolean;
  measures: string;
}

export interface VisitDraft {
  campaignId: string;
  targetType: string;
  targetName: string;
  locality: string;
  unitId: string;
  visitedOn: string;
  notes: string;
  problems: ProblemDraft[];
}

export interface CaseBody {
  kind: string;
  category: string;
  title: string;
  description: string;
  locality: string;
  priority: string;
  reporter?: { name: string; phone?: string };
  resolvedOnSpot?: { measures: string };
}

export interface VisitBody {
  campaignId: string;
  targetType: string;
  targetName: string;
  locality: string;
  unitId?: string;
  visitedAt: string;
  notes?: string;
  cases?: CaseBody[];
}

/** Today in Beijing as YYYY-MM-DD: a visit's day is Beijing's, whatever zone the phone is set to. */
export function beijingToday(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

export const emptyProblem = (locality: string): ProblemDraft => ({
  kind: 'problem_clue',
  category: '',
  title: '',
  description: '',
  locality,
  priority: 'normal',
  reporterName: '',
  reporterPhone: '',
  resolvedOnSpot: false,
  measures: '',
});

export const emptyVisit = (campaignId = ''): VisitDraft => ({
  campaignId,
  targetType: 'household',
  targetName: '',
  locality: '',
  unitId: '',
  visitedOn: beijingToday(),
  notes: '',
  problems: [],
});

function caseBodyOf(p: ProblemDraft): CaseBody {
  const name = p.reporterName.trim();
  const phone = p.reporterPhone.trim();
  return {
    kind: p.kind,
    category: p.category,
    title: p.title.trim(),
    description: p.description.trim(),
    locality: p.locality,
    priority: p.priority,
    // The API takes a reporter only with a name; a phone alone has nobody to call back.
    ...(name ? { reporter: { name, ...(phone ? { phone } : {}) } } : {}),
    ...(p.resolvedOnSpot ? { resolvedOnSpot: { measures: p.measures.trim() } } : {}),
  };
}

/** The request body, frozen at 提交: the outbox resends exactly this with its one key. */
export function visitBodyOf(d: VisitDraft): VisitBody {
  const notes = d.notes.trim();
  return {
    campaignId: d.campaignId,
    targetType: d.targetType,
    targetName: d.targetName.trim(),
    locality: d.locality,
    ...(d.unitId ? { unitId: d.unitId } : {}),
    visitedAt: d.visitedOn,
    ...(notes ? { notes } : {}),
    ...(d.problems.length > 0 ? { cases: d.problems.map(caseBodyOf) } : {}),
  };
}

/** Back from a refused body into the form, for the person to fix. */
export function draftOf(body: VisitBody): VisitDraft {
  return {
    campaignId: body.campaignId,
    targetType: body.targetType,
    targetName: body.targetName,
    locality: body.locality,
    unitId: body.unitId ?? '',
    visitedOn: body.visitedAt.slice(0, 10),
    notes: body.notes ?? '',
    problems: (body.cases ?? []).map((c) => ({
      kind: c.kind,
      category: c.category,
      title: c.title,
      description: c.description,
      locality: c.locality,
      priority: c.priority,
      reporterName: c.reporter?.name ?? '',
      reporterPhone: c.reporter?.phone ?? '',
      resolvedOnSpot: c.resolvedOnSpot !== undefined,
      measures: c.resolvedOnSpot?.measures ?? '',
    })),
  };
}
