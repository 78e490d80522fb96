import { financialYearOf } from '@benefit-ledger/domain';
import { Prng } from '../prng';

/** Months simulated: 2019-04 (month 0) to 2024-03 (month 59). Steps planned later are not recorded (still ongoing). */
export const LEDGER_MONTHS = 60;
export const DAY_MS = 86_400_000;

export const monthStart = (m: number) => Date.UTC(2019, 3 + m, 1);
export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const fyOfMonth = (m: number) => financialYearOf(isoDate(monthStart(m)));
export const firstDay = (m: number) => isoDate(monthStart(m));
export const lastDayBefore = (m: number) => isoDate(monthStart(m) - DAY_MS);

export const round2 = (x: number) => Math.round(x * 100) / 100;

/** A source extracted 1-25 days before the month starts. */
export function source(rng: Prng, month: number, system: string, reference: string) {
  return { system, reference, extractedOn: isoDate(monthStart(month) - rng.int(1, 25) * DAY_MS) };
}

/** A source that draws nothing from the generator (so adding one leaves every other generated figure as it was). */
export const fixedSource = (system: string, reference: string) => ({ system, reference });
