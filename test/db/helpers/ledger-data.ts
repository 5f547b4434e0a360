// A generated ledger: thousands of cases recorded through recordTransition, each with the events its
// status implies, from a seeded generator so every run (and every failure) is the same.
import { randomUUID } from 'node:crypto';
import type { CaseState } from '../../../shared/contracts/case';
import { createReporter } from '../../../shared/db/reporters';
import type { Sql } from '../../../shared/db/sql';
import type { Actor } from '../../../shared/domain/actor';
import { CASE_KINDS, PRIORITIES, type CaseStatus } from '../../../shared/domain/enums';
import { CaseHistory, newCase, officeActor, unitActor } from './cases';
import { CATEGORIES, HANDLING_UNITS, LOCALITIES } from './ledger-city';
import { seededRandom } from '../../../shared/supervision/sampling';

export interface GeneratedCase {
  state: CaseState;
  reporter: { name: string; phone: string } | null;
}

/** The spot check's seeded generator, good enough to scatter test data. */
export function seeded(seed: number) {
  const next = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, pick, chance: (p: number) => next() < p };
}

const NAMES = ['周建国', '曾丽', '王先生', '李秀英', '张伟', '刘女士', '陈志强', '杨老师', 'Anna Li'];
const PLACES = ['菜市场旁', '小学门口', '村委会附近', '老街口', '安置小区'];
// Text that tests ILIKE escaping: a literal "50%" and "_" must not act as wildcards.
const EXTRAS = ['完成率50%以上', '涉及500户', '3_1号楼', '3B1号楼', ''];

const STATUS_WEIGHTS: Array<[CaseStatus, number]> = [
  ['triage', 0.05],
  ['queued', 0.15],
  ['assigned', 0.15],
  ['in_progress', 0.35],
  ['verifying', 0.1],
  ['closed', 0.2],
];

export const VISITOR_TOKENS = Array.from({ length: 8 }, () => randomUUID());

const START = Date.parse('2026-01-01T00:00:00Z');
const SPAN = Date.parse('2026-07-01T00:00:00Z') - START;

export function generateCases(count: number, seed = 4): GeneratedCase[] {
  const r = seeded(seed);
  const cases: GeneratedCase[] = [];
  let previousReportedAt = '';
  for (let i = 0; i < count; i++) {
    const roll = r.next();
    let acc = 0;
    const status = STATUS_WEIGHTS.find(([, w]) => (acc += w) > roll)?.[0] ?? 'closed';
    const category = r.pick(CATEGORIES);
    const locality = r.pick(LOCALITIES);
    const lead = status === 'triage' ? null : r.pick(HANDLING_UNITS);
    const coHandlers =
      lead === null
        ? []
        : [...new Set([r.pick(HANDLING_UNITS), r.pick(HANDLING_UNITS)])]
            .filter((u) => u !== lead)
            .slice(0, r.chance(0.5) ? 0 : 2);
    const priority = r.pick(PRIORITIES);
    const overdue = status === 'in_progress' && r.chance(0.2);
    const escalationLevel = overdue
      ? priority === 'urgent'
        ? 2
        : 1
      : status === 'in_progress' && r.chance(0.1)
        ? 1
        : 0;
    // Every tenth case shares its predecessor's time: ties the keyset must break by id.
    const reportedAt = i % 10 === 9 ? previousReportedAt : new Date(START + Math.floor(r.next() * SPAN)).toISOString();
    previousReportedAt = reportedAt;
    const topic = r.pick(category.topics);
    const reportedBy: Actor = r.chance(0.85)
      ? { id: r.pick(VISITOR_TOKENS), role: 'visitor', unitId: null }
      : officeActor;
    cases.push({
      state: newCase({
        status,
        kind: r.pick(CASE_KINDS),
        category: category.code,
        locality: locality.code,
        priority,
        lead,
        coHandlers,
        routing: {
          lead,
          coHandlers,
          ruleId: null,
          rulesVersion: 1,
          decidedBy: lead ? 'business_owner_default' : 'triage',
          candidates: [],
          explanation: [],
        },
        title: `${topic}问题`,
        description: `${r.pick(PLACES)}${topic}，群众反映强烈。${r.pick(EXTRAS)}`,
        reportedBy,
        reportedAt,
        overdue,
        escalationLevel,
        visitId: r.chance(0.3) ? randomUUID() : null,
        closeReason: status === 'closed' ? (r.chance(0.2) ? 'on_spot' : 'resolved') : null,
      }),
      reporter: r.chance(0.6)
        ? { name: r.pick(NAMES), phone: `138${String(Math.floor(r.next() * 1e8)).padStart(8, '0')}` }
        : null,
    });
  }
  return cases;
}

/** The events a case in its final state went through, as the workflow would have emitted them. */
export function historyOf(final: CaseState): CaseHistory {
  const target = structuredClone(final);
  const h = new CaseHistory({
    ...structuredClone(final),
    status: target.lead ? 'queued' : 'triage',
    overdue: false,
    escalationLevel: 0,
    closeReason: null,
  });
  h.reported();
  const lead = target.lead;
  if (target.closeReason === 'on_spot' || lead === null || target.status === 'queued') {
    if (target.closeReason === 'on_spot')
      h.emit(
        'closed',
        { reason: 'on_spot', duplicateOf: null, note: null, measures: '当场解释政策' },
        { status: 'closed', closeReason: 'on_spot' },
      );
    return h;
  }
  const unit = unitActor(lead);
  h.emit(
    'dispatched',
    { batchId: 'b', batchNumber: 1, lead, coHandlers: target.coHandlers, acceptDue: target.reportedAt },
    { status: 'assigned' },
    officeActor,
  );
  if (target.status === 'assigned') return h;
  const deadline = new Date(Date.parse(target.reportedAt) + 30 * 86_400_000).toISOString();
  h.emit('accepted', { unitId: lead, deadline, nextReportDue: deadline }, { status: 'in_progress', deadline }, unit);
  h.emit(
    'report_submitted',
    {
      reportId: randomUUID(),
      unitId: lead,
      progress: '正在协调处理',
      measures: '上门核实情况',
      percentDone: 50,
      blockers: null,
      dueAt: deadline,
      onTime: true,
      nextReportDue: deadline,
    },
    {},
    unit,
  );
  if (target.overdue) {
    h.emit('overdue', { deadline }, { overdue: true });
    h.emit(
      'escalated',
      { level: target.escalationLevel as 1 | 2, reason: 'overdue', notifiedUnits: [lead, 'office'] },
      { escalationLevel: target.escalationLevel },
    );
  } else if (target.escalationLevel > 0) {
    h.emit(
      'escalated',
      { level: 1, reason: 'reports_missed', notifiedUnits: [lead, 'office'] },
      { escalationLevel: 1 },
    );
  }
  if (target.status === 'in_progress') return h;
  h.emit(
    'resolved',
    { unitId: lead, measures: '已规范整改', outcome: '群众认可', followUpDue: deadline },
    { status: 'verifying', followUpDue: deadline },
    unit,
  );
  if (target.status === 'verifying') return h;
  h.emit('followed_up', { satisfied: true, note: null }, {}, officeActor);
  h.emit(
    'closed',
    { reason: 'resolved', duplicateOf: null, note: null, measures: null },
    { status: 'closed', closeReason: 'resolved', followUpDue: null },
  );
  return h;
}

/** Stores reporters and records every case's history, several cases at a time. */
export async function recordCases(sql: Sql, cases: GeneratedCase[], parallel = 8): Promise<void> {
  const queue = [...cases];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (next.reporter) next.state.reporterId = await createReporter(sql, next.reporter);
      await historyOf(next.state).record(sql);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
