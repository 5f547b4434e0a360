import { describe, expect, it } from 'vitest';
import { InvalidDurationError, parseDuration } from '../../shared/durations';

describe('ISO-8601 policy durations', () => {
  it.each([
    ['P7D', 7 * 86_400_000],
    ['P1W', 7 * 86_400_000],
    ['PT5S', 5_000],
    ['PT0.5S', 500],
    ['P1DT12H', 36 * 3_600_000],
    ['PT90M', 90 * 60_000],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['P', 'PT', 'P1M', 'P1Y', '7 days', 'P0D', '-P1D', 'P1DT'])(
    'refuses %s (calendar-free and positive only)',
    (text) => {
      expect(() => parseDuration(text)).toThrow(InvalidDurationError);
    },
  );
});
