import { createHash, randomUUID } from 'node:crypto';
import { existingReferences, getCampaign } from '../../shared/db/campaigns';
import { canonicalJson } from '../../shared/db/event-hash';
import type { Principal } from '../../shared/db/tokens';
import { findVisitByKey, getVisit, insertVisit, type Visit } from '../../shared/db/visits';
import { actorOf } from '../../shared/domain/actor';
import type { VisitInput } from '../../shared/domain/campaign';
import { parseVisitTime } from '../../shared/supervision/visit-time';
import { HttpProblem } from '../plugins/problems';
import { reportCase, type IntakeAnswer, type IntakeDeps } from './case-intake';

export interface VisitResult {
  /** False when an Idempotency-Key replay answered the visit stored before. */
  created: boolean;
  visit: Visit;
  cases: IntakeAnswer[];
}

type Problem = { path: string; message: string };

/**
 * Everything a visit and its cases name must exist, and the visit must fall within its campaign:
 * checked for the whole body before anything is stored, so one bad case refuses the whole visit.
 */
async function check(
  deps: IntakeDeps,
  principal: Principal,
  body: VisitInput,
): Promise<{ visitedAt: string; visitedOn: string }> {
  refuseAnotherUnit(principal, body);
  const campaign = await getCampaign(deps.sql, body.campaignId);
  const time = parseVisitTime(body.visitedAt);
  const cases = body.cases ?? [];
  const found = await existingReferences(deps.sql, {
    units: body.unitId ? [body.unitId] : [],
    localities: [body.locality, ...cases.map((c) => c.locality)],
    categories: cases.map((c) => c.category),
  });
  const problems: Problem[] = [];
  const unless = (ok: boolean, path: string, message: string) => ok || problems.push({ path, message });
  unless(campaign !== null, 'body.campaignId', 'no such campaign');
  unless(time !== null, 'body.visitedAt', 'must be a date or a time with an offset');
  if (campaign && time) {
    const within = time.visitedOn >= campaign.startsOn && time.visitedOn <= campaign.endsOn;
    unless(within, 'body.visitedAt', `must fall within the campaign, ${campaign.startsOn} to ${campaign.endsOn}`);
  }
  unless(found.localities.has(body.locality), 'body.locality', 'unknown locality');
  if (body.unitId) unless(found.units.has(body.unitId), 'body.unitId', 'unknown unit');
  cases.forEach((c, i) => {
    unless(found.categories.has(c.category), `body.cases.${i}.category`, 'unknown category');
    unless(found.localities.has(c.locality), `body.cases.${i}.locality`, 'unknown locality');
  });
  if (problems.length > 0) {
    throw new HttpProblem(422, 'Unprocessable Content', 'the visit was not stored', { errors: problems });
  }
  return time!;
}

/**
 * A visitor records visits for its own unit, the one its token or account carries: a body naming
 * another is refused (else a team could inflate another's progress). The office records for any unit.
 */
function refuseAnotherUnit(principal: Principal, body: VisitInput): void {
  if (principal.role !== 'visitor' || body.unitId === undefined || body.unitId === principal.unitId) return;
  const message = principal.unitId
    ? `a visitor records visits for its own unit, ${principal.unitId}; leave unitId out`
    : 'this visitor belongs to no unit, so its visits have none; leave unitId out';
  throw new HttpProblem(422, 'Unprocessable Content', 'the visit was not stored', {
    errors: [{ path: 'body.unitId', message }],
  });
}

/** The unit a visit counts for: the visitor's own, or the one the office names. */
const visitUnitOf = (principal: Principal, body: VisitInput): string | null =>
  principal.role === 'visitor' ? principal.unitId : (body.unitId ?? principal.unitId);

/** Stores the visit (or finds the one this Idempotency-Key stored); false when it is a replay. */
async function storeVisit(
  deps: IntakeDeps,
  principal: Principal,
  body: VisitInput,
  time: { visitedAt: string; visitedOn: string },
  idempotencyKey: string | undefined,
): Promise<{ created: boolean; visit: Visit }> {
  const bodyHash = createHash('sha256').update(canonicalJson(body)).digest('hex');
  const key = idempotencyKey === undefined ? undefined : { tokenId: principal.tokenId, key: idempotencyKey, bodyHash };
  const replay = async () => {
    const existing = key ? await findVisitByKey(deps.sql, key.tokenId, key.key) : null;
    if (!existing) return null;
    if (existing.bodyHash !== bodyHash) {
      throw new HttpProblem(409, 'Conflict', 'this Idempotency-Key was used with another body', {
        visitId: existing.id,
      });
    }
    const { bodyHash: _, ...visit } = existing;
    return { created: false, visit };
  };
  const before = await replay();
  if (before) return before;

  const id = randomUUID();
  const stored = await insertVisit(
    deps.sql,
    {
      id,
      campaignId: body.campaignId,
      targetType: body.targetType,
      targetName: body.targetName,
      locality: body.locality,
      unitId: visitUnitOf(principal, body),
      ...time,
      notes: body.notes ?? null,
      recordedBy: actorOf(principal),
    },
    key,
  );
  // Lost a race with a twin request carrying the same key: answer what the twin stored.
  if (!stored) return (await replay())!;
  return { created: true, visit: (await getVisit(deps.sql, id))! };
}

/**
 * Records a visit and reports each of its cases through `reportCase`, with `visitId` set. Each case
 * has the Idempotency-Key `visit:<visitId>:<index>`, so a retried visit (same Idempotency-Key)
 * starts the cases a failed attempt did not start, and never one twice.
 */
export async function recordVisit(
  deps: IntakeDeps,
  principal: Principal,
  body: VisitInput,
  idempotencyKey?: string,
): Promise<VisitResult> {
  const time = await check(deps, principal, body);
  const { created, visit } = await storeVisit(deps, principal, body, time, idempotencyKey);
  const cases: IntakeAnswer[] = [];
  for (const [index, c] of (body.cases ?? []).entries()) {
    const { answer } = await reportCase(deps, principal, { ...c, visitId: visit.id }, `visit:${visit.id}:${index}`);
    cases.push(answer);
  }
  return { created, visit, cases };
}
