/**
 * Failed authentications per client address, in fixed one-minute windows held in memory (one API
 * process; a restart forgets them, which costs an attacker nothing it could not get by waiting).
 * Asked before the token lookup, so an address over its limit costs no database round trip.
 */
export interface FailedAttempts {
  /** Seconds until `address` may try again; 0 when it may try now. */
  retryAfterSeconds(address: string): number;
  /** Counts one failed attempt from `address`. */
  record(address: string): void;
}

/** Past this many addresses, expired windows are swept on the next failure, so the map stays bounded in time. */
const SWEEP_ABOVE = 10_000;

export function createFailedAttempts(max: number, windowMs = 60_000, now = Date.now): FailedAttempts {
  const windows = new Map<string, { count: number; endsAt: number }>();
  const current = (address: string) => {
    const window = windows.get(address);
    return window && window.endsAt > now() ? window : null;
  };
  return {
    retryAfterSeconds(address) {
      const window = current(address);
      return window && window.count >= max ? Math.max(1, Math.ceil((window.endsAt - now()) / 1000)) : 0;
    },
    record(address) {
      const window = current(address);
      if (window) {
        window.count += 1;
        return;
      }
      if (windows.size >= SWEEP_ABOVE) {
        for (const [key, value] of windows) if (value.endsAt <= now()) windows.delete(key);
      }
      windows.set(address, { count: 1, endsAt: now() + windowMs });
    },
  };
}
