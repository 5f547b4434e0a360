// The index `verdict` walks, built once per published rule set. Categories, localities and kinds
// become small integers. Each locality keeps, per kind, the interned list of the rules that match
// whatever the category (locality-subtree, kind-only and default rules): its tail. Each category
// keeps its own rules per kind, and one bit per locality where it has category+locality rules. What
// the common case reads (no category+locality rule at or above its locality) also sits in flat typed
// arrays, so that deciding it touches few places in memory.
import { CASE_KINDS } from '../domain/enums';
import type { CompiledRule } from './compile';
import type { LocalityNode } from './locality-tree';
import { MatchList } from './match-list';
import type { RoutingCategory } from './types';
import { VerdictTable } from './verdict-table';

/** One slot per case kind, one for a kind no rule can name, then the slot of the kind wildcard. */
export const KIND_SLOTS = CASE_KINDS.length + 1;
export const ANY_KIND = KIND_SLOTS;

export function kindSlot(kind: string): number {
  const slot = CASE_KINDS.indexOf(kind as (typeof CASE_KINDS)[number]);
  return slot < 0 ? CASE_KINDS.length : slot;
}

/** Rule positions by kind slot (`ANY_KIND` last); -1 where no rule has those matchers. */
export type RuleSlots = Int32Array;

export interface CategoryEntry {
  readonly id: number;
  /** The rules naming this category and no locality; null when there are none. */
  readonly rules: RuleSlots | null;
  /** Per kind slot: the id of the pair (rule for that kind, rule for any kind) in `rules`, or -1. */
  readonly prefixIds: Int32Array;
  /** One bit per locality id where this category has category+locality rules; null when nowhere. */
  readonly localityMarks: Uint32Array | null;
  /** Its business owner's part of a decision's context key. */
  readonly ownerKey: number;
}

export interface LocalityEntry {
  readonly id: number;
  /** Its chain's locality ids, root first (the reverse of `LocalityNode.chain`). */
  readonly ancestry: Int32Array;
  /** Per kind slot: the rules that match whatever the category, most specific first. */
  readonly tails: readonly MatchList[];
  /** Its governing unit's part of a decision's context key. */
  readonly governingKey: number;
}

/**
 * By id, the entries; and in flat typed arrays, what the common case (no category+locality rule at
 * any of its localities) needs, indexed `categoryId * KIND_SLOTS + kind`, `localityId * KIND_SLOTS +
 * kind`, `categoryId * markWords + word` or `localityId * ancestryStride + i`.
 */
export interface FastIndex {
  readonly categoryIds: ReadonlyMap<string, number>;
  readonly localityIds: ReadonlyMap<string, number>;
  readonly categories: readonly CategoryEntry[];
  readonly localities: readonly LocalityEntry[];
  readonly localityCount: number;
  /** Keyed `categoryId * localityCount + localityId`. */
  readonly categoryLocalityRules: ReadonlyMap<number, RuleSlots>;
  readonly prefixIds: Int32Array;
  /** Each locality's tail list, as a number for `verdicts`: equal lists share one. */
  readonly tailIds: Int32Array;
  readonly ownerKeys: Int32Array;
  readonly governingKeys: Int32Array;
  readonly localityMarks: Uint32Array;
  readonly markWords: number;
  /** Root first, then -1 up to the stride. */
  readonly ancestry: Int32Array;
  readonly ancestryStride: number;
  /** Null when there are too many units for a context key to fit 31 bits: every case walks its list. */
  readonly verdicts: VerdictTable | null;
}

export function buildFastIndex(
  rules: readonly CompiledRule[],
  categories: ReadonlyMap<string, RoutingCategory>,
  localities: ReadonlyMap<string, LocalityNode>,
): FastIndex {
  const categoryIds = idsOf(categories.keys());
  const localityIds = idsOf(localities.keys());
  const localityCount = localityIds.size;

  const categoryLocalityRules = new Map<number, RuleSlots>();
  const categoryRules: (RuleSlots | undefined)[] = [];
  const localityMarks: (Uint32Array | undefined)[] = [];
  const localityRules: (RuleSlots | undefined)[] = [];
  const defaultRules = emptySlots();
  for (const entry of rules) {
    const { category, locality, kind } = entry.rule;
    const categoryId = category == null ? -1 : categoryIds.get(category)!;
    const localityId = locality == null ? -1 : localityIds.get(locality)!;
    let slots: RuleSlots;
    if (categoryId >= 0 && localityId >= 0) {
      slots = slotsAt(categoryLocalityRules, categoryId * localityCount + localityId);
      const marks = (localityMarks[categoryId] ??= new Uint32Array(Math.ceil(localityCount / 32)));
      marks[localityId >>> 5]! |= 1 << (localityId & 31);
    } else if (categoryId >= 0) slots = categoryRules[categoryId] ??= emptySlots();
    else if (localityId >= 0) slots = localityRules[localityId] ??= emptySlots();
    else slots = defaultRules;
    slots[kind == null ? ANY_KIND : kindSlot(kind)] = entry.position;
  }

  // A decision's context is (business owner, governing unit): each as a small integer, 0 for none.
  const units = new Map<string, number>();
  const unitKey = (unitId: string | null | undefined) =>
    unitId ? (units.get(unitId) ?? units.set(unitId, units.size + 1).get(unitId)!) : 0;
  const ownerUnits = [...categories.values()].map((c) => unitKey(c.businessOwnerUnitId));
  const governingUnits = [...localities.values()].map((l) => unitKey(l.governing?.unitId));
  const contextStride = units.size + 1;

  const prefixIds = new Map<string, number>();
  const prefixIdOf = (slots: RuleSlots | undefined, kind: number) => {
    if (!slots || (slots[kind]! < 0 && slots[ANY_KIND]! < 0)) return -1;
    const pair = `${slots[kind]!} ${slots[ANY_KIND]!}`;
    return prefixIds.get(pair) ?? prefixIds.set(pair, prefixIds.size).get(pair)!;
  };
  const categoryEntries: CategoryEntry[] = [];
  for (const id of categoryIds.values()) {
    categoryEntries.push({
      id,
      rules: categoryRules[id] ?? null,
      prefixIds: Int32Array.from({ length: KIND_SLOTS }, (_, kind) => prefixIdOf(categoryRules[id], kind)),
      localityMarks: localityMarks[id] ?? null,
      ownerKey: ownerUnits[id]! * contextStride,
    });
  }

  // Lists grow at the front, so the least specific rules go in first: defaults, then the locality
  // subtree rules from the root down, each with its kind wildcard before its kind.
  const empty = MatchList.empty();
  const localityEntries: LocalityEntry[] = [];
  for (const [code, id] of localityIds) {
    const ancestry = Int32Array.from(
      localities
        .get(code)!
        .chain.map((c) => localityIds.get(c)!)
        .reverse(),
    );
    const tails: MatchList[] = [];
    for (let kind = 0; kind < KIND_SLOTS; kind++) {
      let list = empty.prepend(rules, defaultRules[ANY_KIND]!).prepend(rules, defaultRules[kind]!);
      for (const localityId of ancestry) {
        const slots = localityRules[localityId];
        if (slots) list = list.prepend(rules, slots[ANY_KIND]!).prepend(rules, slots[kind]!);
      }
      tails.push(list);
    }
    localityEntries.push({ id, ancestry, tails, governingKey: governingUnits[id]! });
  }
  return {
    categoryIds,
    localityIds,
    categories: categoryEntries,
    localities: localityEntries,
    localityCount,
    categoryLocalityRules,
    ...flatArrays(categoryEntries, localityEntries, localityCount),
    verdicts: contextStride * contextStride < 2 ** 31 ? new VerdictTable() : null,
  };
}

function flatArrays(categories: readonly CategoryEntry[], localities: readonly LocalityEntry[], localityCount: number) {
  const markWords = Math.ceil(localityCount / 32);
  const localityMarks = new Uint32Array(categories.length * markWords);
  for (const c of categories) if (c.localityMarks) localityMarks.set(c.localityMarks, c.id * markWords);
  const ancestryStride = Math.max(1, ...localities.map((l) => l.ancestry.length));
  const ancestry = new Int32Array(localities.length * ancestryStride).fill(-1);
  for (const l of localities) ancestry.set(l.ancestry, l.id * ancestryStride);
  const tailNumbers = new Map<MatchList, number>();
  const tailIds = Int32Array.from(
    localities.flatMap((l) => l.tails.map((t) => tailNumbers.get(t) ?? tailNumbers.set(t, tailNumbers.size).get(t)!)),
  );
  return {
    prefixIds: Int32Array.from(categories.flatMap((c) => [...c.prefixIds])),
    tailIds,
    ownerKeys: Int32Array.from(categories.map((c) => c.ownerKey)),
    governingKeys: Int32Array.from(localities.map((l) => l.governingKey)),
    localityMarks,
    markWords,
    ancestry,
    ancestryStride,
  };
}

function idsOf(keys: Iterable<string>): Map<string, number> {
  const ids = new Map<string, number>();
  for (const key of keys) ids.set(key, ids.size);
  return ids;
}

const emptySlots = (): RuleSlots => new Int32Array(KIND_SLOTS + 1).fill(-1);

function slotsAt(map: Map<number, RuleSlots>, key: number): RuleSlots {
  let slots = map.get(key);
  if (!slots) map.set(key, (slots = emptySlots()));
  return slots;
}
