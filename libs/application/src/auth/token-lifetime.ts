/**
 * How long a bearer token may live. Every token must carry `exp`, at most TOKEN_MAX_LIFETIME_HOURS after it was
 * issued (`iat`) and after now: a leaked token is then useful for a bounded time, and a token minted by careless
 * tooling without an expiry is refused instead of working for ever.
 */
export const DEFAULT_TOKEN_MAX_LIFETIME_HOURS = 24;
/** The lifetime `npm run cli -- token` gives when asked for none (shortened to the maximum if that is less). */
export const DEFAULT_TOKEN_LIFETIME = '12h';
/** The bounds TOKEN_MAX_LIFETIME_HOURS may be set within: an hour to a year. */
export const TOKEN_MAX_LIFETIME_HOURS_RANGE = { min: 1, max: 8760 } as const;
/** Clocks of the minting machine and an API replica may differ by this much. */
export const CLOCK_SKEW_SECONDS = 60;

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/**
 * A lifetime written `<whole number><unit>`, unit s, m, h or d (`30m`, `8h`, `1d`), in seconds. Deliberately
 * narrower than the `ms` grammar jsonwebtoken accepts, where a bare `90` means 90 milliseconds.
 */
export function parseLifetime(text: string): number | null {
  const m = /^([1-9]\d{0,6})([smhd])$/.exec(text);
  return m ? Number(m[1]) * UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS] : null;
}

/** Seconds as hours for a message: `24 h`, `0.5 h`. */
export const hours = (seconds: number): string => `${Number((seconds / 3600).toFixed(2))} h`;
