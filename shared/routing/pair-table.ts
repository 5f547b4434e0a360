// Where a category has category+locality rules: (category id, locality id) → an offset into a flat
// array of rule positions. Open addressing over typed arrays, filled once at compile time and never
// grown after, so its size is bounded by the rule set (at most half full), and a probe for a pair
// without rules — what most probes are — usually reads one slot.

export class PairTable {
  /** Three numbers per slot, side by side so that a probe reads one cache line: the value + 1 (0
   * marks an empty slot), the category id, the locality id. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(entries: readonly (readonly [categoryId: number, localityId: number, value: number])[]) {
    let size = 16;
    while (size < entries.length * 2) size *= 2;
    this.slots = new Int32Array(size * 3);
    this.mask = size - 1;
    for (const [categoryId, localityId, value] of entries) {
      let slot = slotOf(categoryId, localityId) & this.mask;
      while (this.slots[slot * 3] !== 0) slot = (slot + 1) & this.mask;
      this.slots.set([value + 1, categoryId, localityId], slot * 3);
    }
  }

  /** The value stored for the pair, or -1. */
  get(categoryId: number, localityId: number): number {
    const slots = this.slots;
    for (let slot = slotOf(categoryId, localityId) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot * 3;
      const value = slots[at]!;
      if (value === 0) return -1;
      if (slots[at + 1] === categoryId && slots[at + 2] === localityId) return value - 1;
    }
  }
}

function slotOf(categoryId: number, localityId: number): number {
  let h = Math.imul(categoryId ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ localityId ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Per category with category+locality rules, two bitsets over the localities: `marks`, one bit per
 * locality where it has such rules, and `coverage`, one per locality whose chain holds one of those:
 * `words[offsets[categoryId] + (localityId >>> 5)]`, offset -1 for a category without such rules.
 * One coverage bit tells a case that none of its localities has a rule of its category — most
 * cases — and the others test the marks of their chain, probing the pair table only where one is set.
 */
export function coverageOf(
  pairs: readonly (readonly [categoryId: number, localityId: number])[],
  categoryCount: number,
  chains: Int32Array,
  chainStride: number,
): { offsets: Int32Array; marks: Uint32Array; coverage: Uint32Array } {
  const localityCount = chains.length / chainStride;
  const wordsPerCategory = Math.ceil(localityCount / 32);
  const offsets = new Int32Array(categoryCount).fill(-1);
  let used = 0;
  for (const [categoryId] of pairs) {
    if (offsets[categoryId] !== -1) continue;
    offsets[categoryId] = used;
    used += wordsPerCategory;
  }
  const marks = new Uint32Array(used);
  for (const [categoryId, localityId] of pairs)
    marks[offsets[categoryId]! + (localityId >>> 5)]! |= 1 << (localityId & 31);
  const coverage = new Uint32Array(used);
  for (let offset = 0; offset < used; offset += wordsPerCategory) {
    for (let localityId = 0; localityId < localityCount; localityId++) {
      for (let i = localityId * chainStride, end = i + chainStride; i < end && chains[i]! >= 0; i++) {
        const ancestor = chains[i]!;
        if ((marks[offset + (ancestor >>> 5)]! & (1 << (ancestor & 31))) === 0) continue;
        coverage[offset + (localityId >>> 5)]! |= 1 << (localityId & 31);
        break;
      }
    }
  }
  return { offsets, marks, coverage };
}
