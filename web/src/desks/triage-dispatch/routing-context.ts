// What the office may weigh when it assigns a case no rule routed: the units that own its category or
// govern its place or a place above it (the 业务主管、属地管理 defaults, looked up one level higher).
// These are suggestions for a person to read, not a routing decision: the API decided "triage", and
// the clerk chooses. Also how long a category gives a unit to resolve, for the printed 交办单.
import { get } from '../../api/client';
import type { Page } from '../../api/types';

export type PolicyDuration = string | { workingDays: number };

export interface CategoryFacts {
  code: string;
  name: string;
  businessOwnerUnitId: string | null;
  policy: { acceptWithin?: PolicyDuration; resolveWithin?: PolicyDuration };
}

export interface LocalityFacts {
  code: string;
  name: string;
  parentCode: string | null;
  governingUnitId: string | null;
}

export interface RoutingContext {
  categories: Map<string, CategoryFacts>;
  localities: Map<string, LocalityFacts>;
}

async function everyPage<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await get<Page<T>>(
      `${path}?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export async function routingContext(): Promise<RoutingContext> {
  const [categories, localities] = await Promise.all([
    everyPage<CategoryFacts>('/v1/categories'),
    everyPage<LocalityFacts>('/v1/localities'),
  ]);
  return {
    categories: new Map(categories.map((c) => [c.code, c])),
    localities: new Map(localities.map((l) => [l.code, l])),
  };
}

export interface CandidateUnit {
  unitId: string;
  /** Why it is a candidate, in Chinese: 业务主管单位（占道经营）, 属地（七舍镇）. */
  why: string;
}

/** The category's owner, then the governing unit of the place and of each place above it, nearest first. */
export function candidateUnits(context: RoutingContext, category: string, locality: string): CandidateUnit[] {
  const found: CandidateUnit[] = [];
  const add = (unitId: string | null, why: string) => {
    if (unitId && !found.some((c) => c.unitId === unitId)) found.push({ unitId, why });
  };
  const owned = context.categories.get(category);
  add(owned?.businessOwnerUnitId ?? null, `业务主管单位（${owned?.name ?? category}）`);
  const seen = new Set<string>();
  for (let place = context.localities.get(locality); place && !seen.has(place.code);) {
    seen.add(place.code);
    add(place.governingUnitId, place.code === locality ? `属地（${place.name}）` : `上级属地（${place.name}）`);
    place = place.parentCode ? context.localities.get(place.parentCode) : undefined;
  }
  return found;
}

/** `P30D` → 30日, `{ workingDays: 10 }` → 10个工作日; other ISO durations as they are written. */
export function durationLabel(duration: PolicyDuration | undefined): string | null {
  if (duration === undefined) return null;
  if (typeof duration !== 'string') return `${duration.workingDays}个工作日`;
  const days = /^P(\d+)D$/.exec(duration);
  if (days) return `${days[1]}日`;
  const hours = /^PT(\d+)H$/.exec(duration);
  return hours ? `${hours[1]}小时` : duration;
}
