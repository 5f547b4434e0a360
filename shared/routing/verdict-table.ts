// The verdicts of cases without category+locality rules, by (rules of any category for the case's
// locality and kind, the category's own rules for that kind, the decision's context): three small
// integers in one open-addressing table of typed arrays, so finding a verdict seen before reads a
// cache line or two rather than walking objects and maps scattered over the heap.
import type { RoutingVerdict } from './types';

export class VerdictTable {
  /** Three numbers per slot: tail id + 1 (0 marks an empty slot), prefix id, context key. */
  private keys = new Int32Array(3 * 1024);
  private values: (RoutingVerdict | undefined)[] = new Array<RoutingVerdict | undefined>(1024);
  private mask = 1023;
  private size = 0;

  get(tail: number, prefix: number, context: number): RoutingVerdict | undefined {
    const keys = this.keys;
    for (let slot = slotOf(tail, prefix, context) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot * 3;
      const stored = keys[at]!;
      if (stored === 0) return undefined;
      if (stored === tail + 1 && keys[at + 1] === prefix && keys[at + 2] === context) return this.values[slot];
    }
  }

  set(tail: number, prefix: number, context: number, verdict: RoutingVerdict): RoutingVerdict {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    this.place(tail, prefix, context, verdict);
    this.size++;
    return verdict;
  }

  private place(tail: number, prefix: number, context: number, verdict: RoutingVerdict): void {
    let slot = slotOf(tail, prefix, context) & this.mask;
    while (this.keys[slot * 3] !== 0) slot = (slot + 1) & this.mask;
    this.keys.set([tail + 1, prefix, context], slot * 3);
    this.values[slot] = verdict;
  }

  /** Doubles the table, keeping it at most half full so that probes stay short. */
  private grow(): void {
    const [keys, values] = [this.keys, this.values];
    this.keys = new Int32Array(keys.length * 2);
    this.values = new Array<RoutingVerdict | undefined>(values.length * 2);
    this.mask = values.length * 2 - 1;
    for (let slot = 0; slot < values.length; slot++) {
      if (keys[slot * 3] !== 0)
        this.place(keys[slot * 3]! - 1, keys[slot * 3 + 1]!, keys[slot * 3 + 2]!, values[slot]!);
    }
  }
}

function slotOf(tail: number, prefix: number, context: number): number {
  let h = Math.imul(tail ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (prefix + 0x7f4a7c15) ^ (h >>> 13), 0xc2b2ae35);
  h = Math.imul(h ^ context ^ (h >>> 16), 0x27d4eb2f);
  return (h ^ (h >>> 15)) >>> 0;
}
