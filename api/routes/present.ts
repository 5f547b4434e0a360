// Rows from the repositories carry Dates; the API speaks ISO-8601 strings with an offset.
type Presented<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

export function present<T extends object>(row: T): Presented<T> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  ) as Presented<T>;
}

export const presentPage = <T extends object>(page: { items: T[]; nextCursor: string | null }) => ({
  items: page.items.map(present),
  nextCursor: page.nextCursor,
});
