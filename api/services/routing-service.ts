import { loadWorkingCalendar } from '../../shared/db/calendar';
import { loadCategoryPolicies } from '../../shared/db/categories';
import { loadPublishedRules, loadRoutingReference } from '../../shared/db/reference';
import type { Db } from '../../shared/db/sql';
import { campaignDate } from '../../shared/domain/campaign-clock';
import { countsWorkingDays, type PinnedPolicy } from '../../shared/domain/policy';
import type { WorkingCalendar } from '../../shared/domain/working-days';
import { compileRuleSet, route, type CompiledRuleSet } from '../../shared/routing';
import type { RoutingDecision, RoutingInput, RoutingReference } from '../../shared/routing/types';

export interface RoutingService {
  /**
   * The decision for a new case under the rule set in force, the reference data it used, and the
   * policy in force for its category as a new case pins it (null for a category with no policy).
   */
  decide(
    input: RoutingInput,
  ): Promise<{ decision: RoutingDecision; reference: RoutingReference; policy: PinnedPolicy | null }>;
  /** Drops the compiled rule set at once (this process changed reference data). */
  invalidate(): void;
}

interface Compiled {
  revision: string;
  compiled: CompiledRuleSet;
  reference: RoutingReference;
  policies: Map<string, PinnedPolicy>;
  /** The calendar a working-day clock pins, by the Beijing year a case is reported in. */
  calendars: Map<number, Promise<WorkingCalendar>>;
}

/**
 * Compiles the published rule set with the reference data, and reads the categories' policies, once,
 * and reuses them until the database's reference revision moves (migrations 0004 and 0019 bump it on
 * any change to units, localities, categories, policies, rule sets or the calendar, by any process):
 * one tiny read per report instead of a compile and the policy's and calendar's rows.
 */
export function createRoutingService(db: Db): RoutingService {
  let cached: Compiled | null = null;
  let compiling: Promise<Compiled> | null = null;

  const compile = async (revision: string): Promise<Compiled> => {
    const [published, reference, policies] = await Promise.all([
      loadPublishedRules(db),
      loadRoutingReference(db),
      loadCategoryPolicies(db),
    ]);
    const compiled = compileRuleSet(published.rules, reference, published.version);
    return { revision, compiled, reference, policies, calendars: new Map() };
  };

  return {
    async decide(input) {
      const [row] = await db<{ revision: string }[]>`SELECT revision::text FROM reference_revision`;
      const revision = row?.revision ?? '0';
      if (cached?.revision !== revision) {
        // Concurrent requests after a change share one compile.
        compiling ??= compile(revision).finally(() => (compiling = null));
        cached = await compiling;
      }
      const current = cached;
      const policy = current.policies.get(input.category) ?? null;
      return {
        decision: route(current.compiled, input),
        reference: current.reference,
        policy: policy === null ? null : await withPinnedCalendar(db, current, policy),
      };
    },
    invalidate() {
      cached = null;
    },
  };
}

/**
 * A policy that counts working days takes the calendar in force with it (this year's and next), so a
 * later calendar edit moves none of the case's deadlines; a count past next year is flagged
 * `calendarUnknown` (docs/calendar.md).
 */
async function withPinnedCalendar(db: Db, current: Compiled, policy: PinnedPolicy): Promise<PinnedPolicy> {
  if (!countsWorkingDays(policy)) return policy;
  const year = Number(campaignDate(Date.now()).slice(0, 4));
  let calendar = current.calendars.get(year);
  if (calendar === undefined) {
    calendar = loadWorkingCalendar(db, year, year + 1);
    current.calendars.set(year, calendar);
    // A failed read is not kept: the next report reads again.
    calendar.catch(() => current.calendars.delete(year));
  }
  return { ...policy, calendar: await calendar };
}
