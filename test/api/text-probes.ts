// What the text-integrity test reads from a request body, a request schema and the database.
import type { Sql } from '../../shared/db/sql';

export type Schema = Record<string, unknown>;
export type Operations = Record<
  string,
  Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>
>;

/** Where `value` holds strings: `reporter.name`, `cases.0.title`. */
export const stringLeaves = (value: unknown, path = ''): string[] => {
  if (typeof value === 'string') return [path];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => stringLeaves(child, path ? `${path}.${key}` : key));
};

/** The free-text fields a request schema documents (enums and constants are no text). */
export const documentedText = (schema: Schema, path = ''): string[] => {
  if (schema.type === 'string' && !('enum' in schema) && !('const' in schema)) return [path];
  const at = (key: string) => (path ? `${path}.${key}` : key);
  return [
    ...Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {}).flatMap(([key, child]) =>
      documentedText(child, at(key)),
    ),
    ...(schema.items ? documentedText(schema.items as Schema, at('0')) : []),
    ...['anyOf', 'oneOf', 'allOf'].flatMap((key) =>
      ((schema[key] as Schema[] | undefined) ?? []).flatMap((child) => documentedText(child, path)),
    ),
  ];
};

export const withValue = (body: Record<string, unknown>, path: string, value: string) => {
  const copy = structuredClone(body);
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((at, key) => at[key] as never, copy);
  parent[keys.at(-1)!] = value;
  return copy;
};

/** A digest of every row of every table: equal digests, nothing stored, changed or deleted. */
export async function databaseContent(sql: Sql): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`;
  const digests = tables.map(
    ({ name }) => `(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM "${name}" t) AS "${name}"`,
  );
  const [row] = await sql.unsafe<Array<Record<string, string>>>(`SELECT ${digests.join(', ')}`);
  return row!;
}
