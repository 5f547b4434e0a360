// The `targets` array every result file carries: one entry per target its issue sets, with the
// figure, the baseline it was measured against in the same run (when there is one), their ratio, the
// target as written, and whether it holds — so a reader or a script can check results/*.json alone.

export interface TargetEntry {
  name: string;
  value: number;
  /** The same-run figure the target compares against, or null when the target is an absolute bound. */
  baseline: number | null;
  /** value ÷ baseline, or null without a baseline. */
  ratio: number | null;
  /** The target as the issue states it, e.g. "≥ 1000000" or "≤ baseline + 10". */
  target: string;
  holds: boolean;
}

interface Against {
  baseline?: number | null;
  /** The ratio to record when it is not value ÷ baseline (e.g. a ratio target's own baseline). */
  ratio?: number | null;
}

const ratioOf = (value: number, baseline: number | null | undefined, given: number | null | undefined) =>
  given !== undefined ? given : baseline ? Math.round((value / baseline) * 1000) / 1000 : null;

function bounded(name: string, value: number, bound: number, against: Against, side: '≥' | '≤'): TargetEntry {
  const baseline = against.baseline ?? null;
  return {
    name,
    value,
    baseline,
    ratio: ratioOf(value, baseline, against.ratio),
    target: `${side} ${bound}`,
    holds: side === '≥' ? value >= bound : value <= bound,
  };
}

/** A target met when `value ≥ bound`. */
export const atLeast = (name: string, value: number, bound: number, against: Against = {}): TargetEntry =>
  bounded(name, value, bound, against, '≥');

/** A target met when `value ≤ bound`. */
export const atMost = (name: string, value: number, bound: number, against: Against = {}): TargetEntry =>
  bounded(name, value, bound, against, '≤');

/** A latency target relative to its baseline: `value ≤ baseline + margin`. */
export function withinMarginOf(name: string, value: number, baseline: number, margin: number): TargetEntry {
  return {
    name,
    value,
    baseline,
    ratio: ratioOf(value, baseline, undefined),
    target: `≤ baseline + ${margin}`,
    holds: value <= baseline + margin,
  };
}

/** A ratio target: `value ÷ baseline ≥ minimum`. */
export function ratioAtLeast(name: string, value: number, baseline: number, minimum: number): TargetEntry {
  const ratio = ratioOf(value, baseline, undefined);
  return { name, value, baseline, ratio, target: `ratio ≥ ${minimum}`, holds: ratio !== null && ratio >= minimum };
}

/** The README table's target cell: "≥ 1000000: holds". */
export const describeTarget = (entry: TargetEntry) => `${entry.target}: ${entry.holds ? 'holds' : 'fails'}`;
