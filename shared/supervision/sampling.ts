// The daily spot check's draw (日抽查): a seeded pseudo-random sample, so anyone holding the same
// population (ordered by id) and the same date can draw the very same sample again and audit it.

export interface SampleSettings {
  /** Share of the population to re-check: 0.1 draws one in ten. */
  rate: number;
  /** At least this many (or the whole population, when smaller). */
  minimum: number;
}

export interface SpotCheckSettings {
  visits: SampleSettings;
  cases: SampleSettings;
  /** Cases closed (as resolved or on the spot) within this many days up to and including the date. */
  closedWithinDays: number;
}

export const DEFAULT_SPOT_CHECK_SETTINGS: SpotCheckSettings = {
  visits: { rate: 0.1, minimum: 3 },
  cases: { rate: 0.1, minimum: 3 },
  closedWithinDays: 7,
};

/** How many to draw from a population of `population`. */
export function sampleSize(population: number, { rate, minimum }: SampleSettings): number {
  if (population <= 0) return 0;
  return Math.min(population, Math.max(minimum, Math.ceil(rate * population)));
}

/** FNV-1a over the UTF-16 code units, then a final avalanche: a 32-bit seed from any text. */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

/** mulberry32: small, fast, and the same sequence on every platform for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Draws `size` items without replacement by a partial Fisher–Yates shuffle driven by the seed, in
 * the order drawn. `items` must come in a stable order (by id): the same items, size and seed text
 * always give the same sample.
 */
export function drawSample<T>(items: readonly T[], size: number, seedText: string): T[] {
  const pool = [...items];
  const random = seededRandom(seedOf(seedText));
  const count = Math.min(size, pool.length);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

/** The seed text of a day's draw: the date and what is drawn, nothing else. */
export const spotCheckSeed = (date: string, subject: 'visit' | 'case'): string => `duban-spot-check:${date}:${subject}`;
