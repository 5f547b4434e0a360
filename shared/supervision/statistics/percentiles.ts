// Median and 90th percentile of a segment's samples, computed here over the samples PostgreSQL sends
// (shared/db/statistics.ts): collecting them is one cheap aggregate in the same pass as the counts,
// where PostgreSQL's own percentile_cont would sort every case of the window by its group first.
// The arithmetic is percentile_cont's: continuous, interpolated between the two nearest ranks.
// The ranks are found by selection (quickselect), not by sorting: a month's samples per request are
// hundreds of thousands, and sorting them was the largest cost on the API's side. The samples are whole
// seconds (the query rounds each to an int4), so there is no NaN to order.

/** The p-th percentile (0 ≤ p ≤ 1) of values sorted ascending, as PostgreSQL's percentile_cont; null when empty. */
export function percentileCont(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null;
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const below = sorted[lower]!;
  return lower === upper ? below : below + (position - lower) * (sorted[upper]! - below);
}

/**
 * The same percentiles as percentileCont over the sorted samples, for ps ascending, without sorting:
 * each rank is selected in place (the samples are reordered), the next rank above it is the least
 * value to its right.
 */
export function percentilesCont(samples: Float64Array, ps: readonly number[]): Array<number | null> {
  const n = samples.length;
  if (n === 0) return ps.map(() => null);
  let from = 0;
  return ps.map((p) => {
    const position = p * (n - 1);
    const lower = Math.floor(position);
    selectRank(samples, lower, from, n - 1);
    // Everything left of `lower` is ≤ it and everything right ≥ it: a higher rank lies to its right.
    from = lower;
    const below = samples[lower]!;
    if (lower === position) return below;
    let above = Infinity;
    for (let i = lower + 1; i < n; i++) if (samples[i]! < above) above = samples[i]!;
    return below + (position - lower) * (above - below);
  });
}

/** Reorders a[left..right] so that a[k] holds the value sorted order puts there (Hoare's selection). */
function selectRank(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    const pivot = medianOfThree(a[left]!, a[(left + right) >>> 1]!, a[right]!);
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const swap = a[i]!;
        a[i++] = a[j]!;
        a[j--] = swap;
      }
    }
    // Now a[left..j] ≤ pivot ≤ a[i..right], and whatever lies between equals the pivot.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

const medianOfThree = (x: number, y: number, z: number): number =>
  x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;

/** The byte two ASCII hex digits stand for, indexed by their two codes (first << 8 | second); 256 when not hex. */
const HEX_PAIR = (() => {
  const pairs = new Uint16Array(1 << 16).fill(256);
  const digits = '0123456789abcdef';
  for (let high = 0; high < 16; high++) {
    for (let low = 0; low < 16; low++) {
      pairs[(digits.charCodeAt(high) << 8) | digits.charCodeAt(low)] = (high << 4) | low;
    }
  }
  return pairs;
})();

/** PostgreSQL's hex text of a bytea: `\x`, then two hex digits per byte. */
const HEX_PREFIX = 2;
/** Hex digits per sample: an int4send is 4 bytes. */
const SAMPLE_DIGITS = 8;

/** How many samples the hex text of one string_agg of int4send bytes holds; throws when it is not that. */
export function sampleCount(text: Uint8Array): number {
  const count = (text.length - HEX_PREFIX) / SAMPLE_DIGITS;
  if (text[0] !== 0x5c || text[1] !== 0x78 || !Number.isInteger(count)) {
    throw new Error('expected a bytea of int4 samples in hex');
  }
  return count;
}

/**
 * Decodes the samples of one string_agg of int4send bytes (whole seconds, 4 bytes each, big-endian
 * two's complement) from the text PostgreSQL sends for a bytea into `into` from index `at`; returns the
 * index after the last. A group's parts (one per read of its window) are decoded one after another into
 * one array, sized by sampleCount beforehand, straight from the text's bytes (postgres.js `raw()`): no
 * string, Buffer or array per part. A month's samples are megabytes of text, and what a request
 * allocates outside V8's heap (the text, the arrays) is what starts its full collections.
 */
export function decodeSamplesInto(text: Uint8Array, into: Float64Array, at: number): number {
  const count = sampleCount(text);
  let notHex = 0;
  for (let sample = 0, from = HEX_PREFIX; sample < count; sample++, from += SAMPLE_DIGITS) {
    let value = 0;
    for (let b = 0; b < SAMPLE_DIGITS; b += 2) {
      const byte = HEX_PAIR[(text[from + b]! << 8) | text[from + b + 1]!]!;
      notHex |= byte;
      value = (value << 8) | (byte & 0xff);
    }
    // JavaScript shifts in 32 bits: after the fourth byte, the top bit is the sign, as int4 has it.
    into[at + sample] = value;
  }
  if (notHex & 256) throw new Error('expected a bytea of int4 samples in hex');
  return at + count;
}

/** The samples of several reads' hex texts (the parts of one group's window) in one array, unsorted. */
export function samplesFromHexParts(parts: readonly Uint8Array[]): Float64Array {
  const samples = new Float64Array(parts.reduce((n, part) => n + sampleCount(part), 0));
  let at = 0;
  for (const part of parts) at = decodeSamplesInto(part, samples, at);
  return samples;
}
