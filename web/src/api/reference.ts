// Units, categories and localities, read once per login: every role may read them (docs/api.md
// "Reference data"), and the console needs their names wherever the API gives ids.

import { get } from './client';
import type { Category, Locality, Page, Unit } from './types';

async function everyPage<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: Page<T> = await get<Page<T>>(`${path}?limit=200${query}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export interface ReferenceData {
  units: Unit[];
  unitName(id: string | null | undefined): string;
  categoryName(code: string): string;
  localityName(code: string): string;
}

let loading: Promise<ReferenceData> | null = null;

function index<T>(items: T[], key: (item: T) => string, name: (item: T) => string): Map<string, string> {
  return new Map(items.map((item) => [key(item), name(item)]));
}

/** Loaded once; a failed load is forgotten, so the next desk asks again. */
export function referenceData(): Promise<ReferenceData> {
  loading ??= Promise.all([
    everyPage<Unit>('/v1/units'),
    everyPage<Category>('/v1/categories'),
    everyPage<Locality>('/v1/localities'),
  ]).then(
    ([units, categories, localities]) => {
      const unitNames = index(
        units,
        (u) => u.id,
        (u) => u.name,
      );
      const categoryNames = index(
        categories,
        (c) => c.code,
        (c) => c.name,
      );
      const localityNames = index(
        localities,
        (l) => l.code,
        (l) => l.name,
      );
      return {
        units,
        unitName: (id) => (id ? (unitNames.get(id) ?? id) : '—'),
        categoryName: (code) => categoryNames.get(code) ?? code,
        localityName: (code) => localityNames.get(code) ?? code,
      };
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** On logout: the next account may see other names (a unit sees only some). */
export function forgetReferenceData(): void {
  loading = null;
}
