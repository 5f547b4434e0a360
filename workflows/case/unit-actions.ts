// The lead unit's actions (accept, return, report, extension request, resolve) and the co-handlers'
// contributions. Validators decide; handlers change the state, emit, and answer once it is stored.
import { setHandler, uuid4 } from '@temporalio/workflow';
import {
  acceptUpdate,
  contributeUpdate,
  reportUpdate,
  requestExtensionUpdate,
  resolveUpdate,
  returnUpdate,
  type AcceptArgs,
  type CaseState,
  type ExtensionRequestArgs,
  type ReportArgs,
  type ResolveArgs,
  type ReturnArgs,
} from '../../shared/case-contract';
import { SYSTEM_ACTOR } from '../../shared/domain/actor';
import {
  optionalText,
  refuse,
  requireCoHandler,
  requireInstant,
  requireLead,
  requireStatus,
  requireText,
} from './guards';
import { isoIn, nowIso, type CaseContext } from './state';
import { lapsePendingExtensions, startWork } from './transitions';

function requireReportBody(state: CaseState, body: ReportArgs): void {
  requireText(state, body.progress, 'progress');
  optionalText(state, body.measures, 'measures');
  optionalText(state, body.blockers, 'blockers');
  const percent = body.percentDone;
  if (percent !== undefined && (typeof percent !== 'number' || !(percent >= 0 && percent <= 100))) {
    refuse(state, 'INVALID_INPUT', 'percentDone must be between 0 and 100');
  }
}

function requireExtensionRequest(state: CaseState, { until, reason }: ExtensionRequestArgs): void {
  requireText(state, reason, 'reason');
  const requested = requireInstant(state, until, 'until');
  const deadline = Date.parse(state.deadline ?? '');
  if (!(Date.now() < deadline)) {
    refuse(state, 'EXTENSION_NOT_BEFORE_DEADLINE', `the deadline ${state.deadline ?? ''} has passed`);
  }
  if (requested <= deadline) refuse(state, 'EXTENSION_NOT_LATER', `until must be after ${state.deadline ?? ''}`);
  if (state.extensions.some((request) => request.status === 'pending')) {
    refuse(state, 'EXTENSION_ALREADY_PENDING', 'an extension request is already waiting for the office');
  }
}

export function registerUnitActions(c: CaseContext): void {
  const s = c.state;

  setHandler(
    acceptUpdate,
    async ({ actor }) => {
      startWork(c, actor);
      return c.journal.flush();
    },
    {
      validator: ({ actor }: AcceptArgs) => {
        requireLead(s, actor);
        requireStatus(s, ['assigned'], 'accept');
      },
    },
  );

  // A return sends the case to the office's triage; the unit that returned it no longer leads it.
  setHandler(
    returnUpdate,
    async ({ actor, reason }) => {
      const unitId = s.lead ?? '';
      s.status = 'triage';
      s.lead = null;
      s.acceptDue = null;
      c.journal.emit('returned', actor, { unitId, reason });
      c.journal.emit('triaged', SYSTEM_ACTOR, { reason: 'returned' });
      return c.journal.flush();
    },
    {
      validator: ({ actor, reason }: ReturnArgs) => {
        requireLead(s, actor);
        requireStatus(s, ['assigned'], 'return');
        requireText(s, reason, 'reason');
      },
    },
  );

  // Only the lead's report meets the weekly duty; on time or late, it starts the count afresh.
  setHandler(
    reportUpdate,
    async ({ actor, progress, measures, percentDone, blockers }) => {
      const dueAt = s.nextReportDue ?? nowIso();
      const onTime = s.missedReports === 0;
      s.missedReports = 0;
      s.nextReportDue = isoIn(c.clock.reportEvery);
      c.journal.emit('report_submitted', actor, {
        reportId: uuid4(),
        unitId: actor.unitId ?? '',
        progress,
        measures: measures ?? null,
        percentDone: percentDone ?? null,
        blockers: blockers ?? null,
        dueAt,
        onTime,
        nextReportDue: s.nextReportDue,
      });
      return c.journal.flush();
    },
    {
      validator: (args: ReportArgs) => {
        requireLead(s, args.actor);
        requireStatus(s, ['in_progress'], 'report on');
        requireReportBody(s, args);
      },
    },
  );

  setHandler(
    contributeUpdate,
    async ({ actor, progress, measures }) => {
      c.journal.emit('contribution_added', actor, {
        contributionId: uuid4(),
        unitId: actor.unitId ?? '',
        progress,
        measures: measures ?? null,
      });
      return c.journal.flush();
    },
    {
      validator: (args: ReportArgs) => {
        requireCoHandler(s, args.actor);
        requireStatus(s, ['assigned', 'in_progress'], 'contribute to');
        requireReportBody(s, args);
      },
    },
  );

  setHandler(
    requestExtensionUpdate,
    async ({ actor, until, reason }) => {
      // Unique beyond the case (the ledger keys requests by it) and deterministic on replay.
      const requestId = uuid4();
      const unitId = actor.unitId ?? '';
      const at = nowIso();
      const normalisedUntil = new Date(until).toISOString();
      s.extensions.push({
        requestId,
        unitId,
        until: normalisedUntil,
        reason,
        requestedAt: at,
        status: 'pending',
        note: null,
        decidedAt: null,
      });
      c.journal.emit('extension_requested', actor, { requestId, unitId, until: normalisedUntil, reason });
      return { ...(await c.journal.flush()), requestId };
    },
    {
      validator: (args: ExtensionRequestArgs) => {
        requireLead(s, args.actor);
        requireStatus(s, ['in_progress'], 'extend');
        requireExtensionRequest(s, args);
      },
    },
  );

  setHandler(
    resolveUpdate,
    async ({ actor, measures, outcome }) => {
      const unitId = actor.unitId ?? '';
      lapsePendingExtensions(c, 'resolved');
      s.status = 'verifying';
      s.resolution = { unitId, measures, outcome, resolvedAt: nowIso() };
      s.nextReportDue = null;
      s.followUpDue = isoIn(c.clock.followUpWithin);
      c.alerts.followUpReminded = false;
      c.journal.emit('resolved', actor, { unitId, measures, outcome, followUpDue: s.followUpDue });
      return c.journal.flush();
    },
    {
      validator: ({ actor, measures, outcome }: ResolveArgs) => {
        requireLead(s, actor);
        requireStatus(s, ['in_progress'], 'resolve');
        requireText(s, measures, 'measures');
        requireText(s, outcome, 'outcome');
      },
    },
  );
}
