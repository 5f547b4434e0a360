import type { CaseKind, CaseStatus, Priority } from '../domain/enums';

/**
 * The ledger's filters (docs/api.md `GET /v1/cases`), shared by the list, the counts and the
 * exports. Every filter narrows; none can reach past the viewer's scope, which is ANDed in SQL.
 * The API parses query strings into it (api/routes/ledger-filter-parser.ts).
 */
export interface LedgerFilter {
  status?: readonly CaseStatus[] | undefined;
  /** Cases the unit leads or co-handles. */
  unit?: string | undefined;
  /** The locality and every locality below it. */
  locality?: string | undefined;
  category?: readonly string[] | undefined;
  kind?: readonly CaseKind[] | undefined;
  priority?: readonly Priority[] | undefined;
  overdue?: boolean | undefined;
  /** 临期预警: in progress, warned that the deadline is near (policy `warnBefore`). */
  dueSoon?: boolean | undefined;
  escalationLevel?: number | undefined;
  /** Reported at or after. */
  reportedFrom?: Date | undefined;
  /** Reported before. */
  reportedTo?: Date | undefined;
  /** Words that must each appear in the title or the description (ILIKE, any script). */
  q?: string | undefined;
}
