// Median and 90th percentile of a segment's samples, computed here over the samples PostgreSQL sends
// (shared/db/statistics.ts): collecting them is one cheap aggregate in the same pass as the counts,
// where PostgreSQL's own percentile_cont would sort every case of the window by its group first.
// The arithmetic is percentile_cont's: continuous, interpolated between the two nearest ranks.
// The ranks are found by selection (quickselect), not by sorting: a month's samples per request are
// hundreds of thousands, and sorting them was the largest cost on the API's side. The fold stores
// finite seconds, so there is no NaN to order.

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

/** Samples sent as PostgreSQL's float8send bytes (8 per sample, big-endian), in one array, unsorted. */
export function float8Samples(parts: readonly Uint8Array[]): Float64Array {
  const samples = new Float64Array(parts.reduce((n, part) => n + part.byteLength / 8, 0));
  let at = 0;
  for (const part of parts) {
    const view = new DataView(part.buffer, part.byteOffset, part.byteLength);
    for (let offset = 0; offset < part.byteLength; offset += 8) samples[at++] = view.getFloat64(offset);
  }
  return samples;
}
