// Median and 90th percentile of a segment's samples, computed here over the samples PostgreSQL sends
// (shared/db/statistics.ts): collecting them is one cheap aggregate in the same pass as the counts,
// where PostgreSQL's own percentile_cont would sort every case of the window by its group first.
// The arithmetic is percentile_cont's: continuous, interpolated between the two nearest ranks. A
// Float64Array's sort() is numeric (and NaN-free here: the fold stores finite seconds).

/** The p-th percentile (0 ≤ p ≤ 1) of values sorted ascending, as PostgreSQL's percentile_cont; null when empty. */
export function percentileCont(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null;
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const below = sorted[lower]!;
  return lower === upper ? below : below + (position - lower) * (sorted[upper]! - below);
}

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
