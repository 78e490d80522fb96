import fc from 'fast-check';
import {
  EARLIEST_DATE,
  LATEST_DATE,
  calendarDateOfDay,
  compareCalendarDates,
  dayNumber,
  financialYearOf,
  isCalendarDate,
  isFinancialYear,
  isInstant,
} from '../src';

const DAY_MS = 86_400_000;
const FIRST = Date.parse(`${EARLIEST_DATE}T00:00:00Z`) / DAY_MS;
const LAST = Date.parse(`${LATEST_DATE}T00:00:00Z`) / DAY_MS;

/** Any day the ledger accepts, as a JavaScript Date at UTC midnight (an independent oracle for the calendar). */
const dayArb = fc.integer({ min: FIRST, max: LAST }).map((n) => new Date(n * DAY_MS));
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const written = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** ISO 8601 week date of a day (Monday = 1), computed independently of the code under test. */
function weekDate(d: Date, extended: boolean): string {
  const weekday = d.getUTCDay() || 7;
  const thursday = new Date(d.getTime() + (4 - weekday) * DAY_MS);
  const week = Math.floor((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / DAY_MS / 7) + 1;
  return extended
    ? `${thursday.getUTCFullYear()}-W${pad(week)}-${weekday}`
    : `${thursday.getUTCFullYear()}W${pad(week)}${weekday}`;
}
const ordinalDay = (d: Date) => Math.round((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS) + 1;

describe('calendar dates, for every day in range', () => {
  it("every calendar date is accepted and round-trips through its day number, agreeing with JavaScript's calendar", () => {
    fc.assert(
      fc.property(dayArb, (d) => {
        const date = written(d);
        expect(isCalendarDate(date)).toBe(true);
        expect(calendarDateOfDay(dayNumber(date))).toBe(date);
        expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
        expect(isFinancialYear(financialYearOf(date))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('every other ISO 8601 form of the same day is refused: basic, week, ordinal, date-time', () => {
    fc.assert(
      fc.property(dayArb, fc.boolean(), (d, extended) => {
        const date = written(d);
        const forms = [
          date.replaceAll('-', ''),
          weekDate(d, extended),
          extended ? `${d.getUTCFullYear()}-${pad(ordinalDay(d), 3)}` : `${d.getUTCFullYear()}${pad(ordinalDay(d), 3)}`,
          `${date}T00:00:00Z`,
          `${date}T00:00:00`,
          date.slice(0, 7),
          `+00${date}`,
        ];
        for (const form of forms) expect(isCalendarDate(form)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('a day past the end of its month is refused, in every month of every year in range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1949, max: 2099 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
        expect(isCalendarDate(`${year}-${pad(month)}-${pad(lastDay)}`)).toBe(true);
        for (let day = lastDay + 1; day <= 31; day += 1)
          expect(isCalendarDate(`${year}-${pad(month)}-${pad(day)}`)).toBe(false);
        expect(isCalendarDate(`${year}-${pad(month)}-00`)).toBe(false);
      }),
    );
  });

  it('any string that is not exactly YYYY-MM-DD is refused', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (s) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) expect(isCalendarDate(s)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('comparing two dates agrees with comparing the days they name', () => {
    fc.assert(
      fc.property(dayArb, dayArb, (a, b) => {
        expect(Math.sign(compareCalendarDates(written(a), written(b)))).toBe(Math.sign(a.getTime() - b.getTime()));
      }),
    );
  });
});

describe('instants, for every second in range', () => {
  const offsetArb = fc.oneof(
    fc.constant('Z'),
    fc
      .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`),
  );
  const instantArb = fc
    .tuple(
      dayArb,
      fc.integer({ min: 0, max: 86_399 }),
      fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
      offsetArb,
    )
    .map(
      ([d, s, ms, offset]) =>
        `${written(d)}T${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}${ms === undefined ? '' : `.${pad(ms, 3)}`}${offset}`,
    );

  it('every full date-time with seconds and a time zone is accepted, and JavaScript reads it as the same instant', () => {
    fc.assert(
      fc.property(instantArb, (instant) => {
        expect(isInstant(instant)).toBe(true);
        expect(Number.isNaN(Date.parse(instant))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('the same instant without its time zone, or without its seconds, is refused', () => {
    fc.assert(
      fc.property(instantArb, (instant) => {
        const local = instant.replace(/(Z|[+-]\d{2}:\d{2})$/, '');
        expect(isInstant(local)).toBe(false);
        expect(isInstant(instant.replace(/T(\d{2}:\d{2}):\d{2}(\.\d+)?/, 'T$1'))).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
