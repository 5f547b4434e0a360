import { z } from 'zod';
import { LedgerFilterSchema, LedgerQuerySchema } from './ledger-filter-parser';
import { DayOrInstantSchema } from '../../shared/domain/calendar';
import { CASE_KINDS, CASE_STATUSES, PRIORITIES } from '../../shared/domain/enums';
import { text, WHITE_SPACE } from '../../shared/domain/text';

// LedgerFilterSchema (ledger-filter-parser.ts) parses the ledger's filters (lists, Beijing days), but its lists and
// dates come out of zod's JSON Schema as bare strings: /openapi.json promised that `status=0` or
// `reportedFrom=` would do. Here each such filter is first checked against what the parser really
// accepts, written as a pattern, and then handed on to the parser unchanged. The parsing stays where
// it was; the document stops promising more than it takes.

const shape = LedgerFilterSchema.shape;

const SPACES = `[${WHITE_SPACE}]*`;

/** `a,b` or the key repeated; the parser splits on commas and trims each value. */
function listOf(values: readonly string[]) {
  const one = `${SPACES}(?:${values.join('|')})${SPACES}`;
  const list = z
    .string()
    .regex(new RegExp(`^${one}(?:,${one})*$`), `must be one or more of ${values.join(', ')}, comma-separated`);
  return z.union([list, z.array(list)]);
}

// A category code as the parser takes it: 1 to 64 characters once trimmed, no comma; at most 50.
const CATEGORY = `${SPACES}[^,${WHITE_SPACE}](?:[^,]{0,62}[^,${WHITE_SPACE}])?${SPACES}`;
const categories = z.union([
  z
    .string()
    .regex(new RegExp(`^${CATEGORY}(?:,${CATEGORY}){0,49}$`), 'must be 1 to 50 category codes, comma-separated'),
  z.array(z.string().regex(new RegExp(`^${CATEGORY}$`), 'must be a category code')).max(50),
]);

// The date parser also takes a Date, for callers inside the process; a query string never holds one.
const fromQuery = <T extends z.ZodType>(parser: T) => parser as unknown as z.ZodType<z.output<T>, string | undefined>;

/** The ledger's filters (`/v1/ledger/counts`, `/v1/ledger.csv`, `/v1/ledger.xlsx`). */
export const LedgerFilterQuery = LedgerFilterSchema.extend({
  status: listOf(CASE_STATUSES).optional().pipe(shape.status),
  category: categories.optional().pipe(shape.category),
  kind: listOf(CASE_KINDS).optional().pipe(shape.kind),
  priority: listOf(PRIORITIES).optional().pipe(shape.priority),
  reportedFrom: DayOrInstantSchema.optional().pipe(fromQuery(shape.reportedFrom)),
  reportedTo: DayOrInstantSchema.optional().pipe(fromQuery(shape.reportedTo)),
  q: text(100).optional().pipe(shape.q),
});

/** The filters and the page (`GET /v1/cases`). */
export const LedgerPageQuery = LedgerFilterQuery.extend({
  limit: LedgerQuerySchema.shape.limit,
  cursor: LedgerQuerySchema.shape.cursor,
});
