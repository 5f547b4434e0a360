// The lines of a printed 交办单. The batch (`GET /v1/dispatches/{id}`) names each case, its lead, place
// and category; the sign-for due is in the case's `dispatched` event of this batch, and the co-handlers
// and the resolution deadline in the case itself. The deadline starts when the unit signs for the case
// (docs/domain.md), so before that the sheet says how long the category's policy gives.
import { beijingDateTime } from '../../lib/beijing-time';
import { caseEvents, caseView, type BatchDetail } from './api';
import { durationLabel, type RoutingContext } from './routing-context';

export interface SheetLine {
  caseId: string;
  title: string;
  localityName: string;
  leadId: string;
  coHandlerIds: string[];
  signForDue: string;
  resolveBy: string;
  /** Why the batch could not dispatch it, or null. */
  skipped: string | null;
}

/** Read a few cases at a time: a batch of a hundred cases should not open two hundred requests at once. */
async function inGroups<T, R>(items: T[], size: number, each: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(each))));
  return out;
}

export async function sheetLines(batch: BatchDetail, context: RoutingContext): Promise<SheetLine[]> {
  const entries = batch.units.flatMap((unit) => unit.cases.map((entry) => ({ unit, entry })));
  return inGroups(entries, 6, async ({ unit, entry }) => {
    const [view, events] = await Promise.all([caseView(entry.caseId), caseEvents(entry.caseId)]);
    const dispatched = events.findLast((e) => e.type === 'dispatched' && e.data.batchId === batch.id);
    const acceptDue = typeof dispatched?.data.acceptDue === 'string' ? dispatched.data.acceptDue : null;
    const resolveWithin = durationLabel(context.categories.get(view.category)?.policy.resolveWithin);
    const skipped = entry.outcome && entry.outcome !== 'dispatched' ? entry.outcome : null;
    return {
      caseId: entry.caseId,
      title: entry.title,
      localityName: entry.localityName ?? view.locality,
      leadId: unit.unitId,
      coHandlerIds: view.coHandlers,
      signForDue: acceptDue ? beijingDateTime(acceptDue) : '—',
      resolveBy: view.deadline ? beijingDateTime(view.deadline) : resolveWithin ? `签收后${resolveWithin}内` : '—',
      skipped,
    };
  });
}
