import { ruleViolated } from './domain-error';
import { FIRST_FINANCIAL_YEAR, LAST_FINANCIAL_YEAR } from './financial-year';

/**
 * Dates and instants as the ledger accepts them. ISO 8601 allows many forms of one day (`20190401`, `2019-W14-1`,
 * `2019-091`); the ledger takes exactly one, the extended calendar date `2019-04-01`, so that a date is stored as
 * it was given and two dates can be told apart, and ordered, at a glance. Instants take RFC 3339's profile of
 * ISO 8601: a full date and time with seconds and an offset (`2020-03-31T23:59:59Z`, `2020-04-01T00:59:59+01:00`).
 */

/** A calendar date, `YYYY-MM-DD`. */
export type CalendarDate = string;

const CALENDAR_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a year, month (1-12) and day; Date.UTC rolls an impossible day over, callers check first. */
const daysSinceEpoch = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / MS_PER_DAY;

/** The days the ledger accepts: from the first day of its first financial year to the last day of its last. */
const FIRST_DAY = daysSinceEpoch(Number(FIRST_FINANCIAL_YEAR.slice(0, 4)), 4, 1);
const LAST_DAY = daysSinceEpoch(Number(LAST_FINANCIAL_YEAR.slice(0, 4)) + 1, 4, 1) - 1;

/** The calendar date `days` days after 1970-01-01. */
export function calendarDateOfDay(days: number): CalendarDate {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

export const EARLIEST_DATE: CalendarDate = calendarDateOfDay(FIRST_DAY);
export const LATEST_DATE: CalendarDate = calendarDateOfDay(LAST_DAY);

/** What a refusal says a date or an instant must be. */
export const CALENDAR_DATE_RULE = `an ISO 8601 date written YYYY-MM-DD (a real calendar date, ${EARLIEST_DATE} to ${LATEST_DATE}), e.g. 2019-04-01`;
export const INSTANT_RULE =
  'an ISO 8601 timestamp with seconds and a time zone (Z or ±hh:mm), e.g. 2020-03-31T23:59:59Z';

/** The day a calendar date names, as days since 1970-01-01; null unless it is a calendar date in range. */
function dayNumberOf(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = CALENDAR_DATE_PATTERN.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // day 0 of the next month is the last day of this one (leap years included)
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const days = daysSinceEpoch(year, month, day);
  return days >= FIRST_DAY && days <= LAST_DAY ? days : null;
}

/** `YYYY-MM-DD`, a day that exists (no 2019-02-30), from EARLIEST_DATE to LATEST_DATE. */
export function isCalendarDate(value: unknown): value is CalendarDate {
  return dayNumberOf(value) !== null;
}

/** The date, or a refusal naming the field (422 `invalid-date`) for commands that reach the domain unvalidated. */
export function requireCalendarDate(value: unknown, field: string): CalendarDate {
  if (!isCalendarDate(value))
    throw ruleViolated('invalid-date', `${field} must be ${CALENDAR_DATE_RULE}, got '${String(value)}'`, field);
  return value;
}

/** Days since 1970-01-01 of a calendar date; throws on anything else (callers check with isCalendarDate first). */
export function dayNumber(date: CalendarDate): number {
  const day = dayNumberOf(date);
  if (day === null) throw new Error(`'${date}' is not a calendar date: it must be ${CALENDAR_DATE_RULE}`);
  return day;
}

/** Negative when `left` is before `right`, zero on the same day, positive after: compared as days, never as text. */
export function compareCalendarDates(left: CalendarDate, right: CalendarDate): number {
  return dayNumber(left) - dayNumber(right);
}

/**
 * A full ISO 8601 date-time with seconds and a time zone: its date a calendar date (as written), hours 00–23,
 * minutes and seconds 00–59 (no leap second: JavaScript time has none), an optional fraction of up to 9 digits,
 * then `Z` or an offset of at most ±23:59.
 */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = INSTANT_PATTERN.exec(value);
  if (!m || !isCalendarDate(m[1])) return false;
  const [hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (hour > 23 || minute > 59 || second > 59) return false;
  const offsetHours = m.at(5); // undefined when the instant ends in `Z`
  return offsetHours === undefined || (Number(offsetHours) <= 23 && Number(m[6]) <= 59);
}
