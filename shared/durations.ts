// ISO-8601 durations (P7D, PT5S, P1DT12H) to milliseconds. Pure, so workflows use it for timers.
// Years and months are refused: their length depends on the calendar, and a deadline must not.
const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export class InvalidDurationError extends Error {
  constructor(readonly value: string) {
    super(`"${value}" is not an ISO-8601 duration in weeks, days, hours, minutes or seconds (e.g. P7D, PT12H, PT5S)`);
    this.name = 'InvalidDurationError';
  }
}

export function parseDuration(value: string): number {
  const match = DURATION.exec(value);
  if (!match || value === 'P' || value.endsWith('T')) throw new InvalidDurationError(value);
  const [, weeks, days, hours, minutes, seconds] = match;
  const ms =
    Number(weeks ?? 0) * 604_800_000 +
    Number(days ?? 0) * 86_400_000 +
    Number(hours ?? 0) * 3_600_000 +
    Number(minutes ?? 0) * 60_000 +
    Math.round(Number(seconds ?? 0) * 1000);
  if (ms <= 0) throw new InvalidDurationError(value);
  return ms;
}

export function isDuration(value: string): boolean {
  try {
    parseDuration(value);
    return true;
  } catch {
    return false;
  }
}
