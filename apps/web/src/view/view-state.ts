import { useCallback } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';

/**
 * The view every page shares, kept in the URL so that a link reproduces it: `financialYear` (absent: all years) and
 * `asAt` (an ISO instant, UTC; absent: the ledger as it stands). Both go to the API unchanged, so the same link asks
 * the API the same questions and gets the same answers.
 */
export interface View {
  financialYear: string | null;
  asAt: string | null;
}

const YEAR = /^\d{4}\/\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export function useView() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const year = search.get('financialYear');
  const asAt = search.get('asAt');
  const view: View = {
    financialYear: year && YEAR.test(year) ? year : null,
    asAt: asAt && INSTANT.test(asAt) ? asAt : null,
  };

  /** A path in the app that keeps this view, with its own parameters after it. */
  const link = useCallback(
    (path: string, params: Record<string, string | null | undefined> = {}) => {
      const next = new URLSearchParams();
      if (view.financialYear) next.set('financialYear', view.financialYear);
      if (view.asAt) next.set('asAt', view.asAt);
      for (const [key, value] of Object.entries(params)) if (value) next.set(key, value);
      const text = next.toString();
      return text ? `${path}?${text}` : path;
    },
    [view.financialYear, view.asAt],
  );

  /** Moves this page to another view (a new history entry, so Back returns to the previous view). */
  const change = useCallback(
    (changes: Partial<View> & Record<string, string | null | undefined>) => {
      const next = new URLSearchParams(location.search);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const text = next.toString();
      void navigate(text ? `${location.pathname}?${text}` : location.pathname);
    },
    [location.pathname, location.search, navigate],
  );

  return { ...view, link, change, search };
}

/** Financial years offered: 2016/17 to the year that starts next April (and any year already in the URL). */
export function financialYearsOffered(now: Date, current: string | null): string[] {
  const lastStart = now.getUTCFullYear() + (now.getUTCMonth() >= 3 ? 1 : 0);
  const years: string[] = [];
  for (let start = lastStart; start >= 2016; start--)
    years.push(`${start}/${String((start + 1) % 100).padStart(2, '0')}`);
  if (current && !years.includes(current)) years.unshift(current);
  return years;
}

/** `2020-03-31T23:59:59Z` → the value of a datetime-local input (read as UTC). */
export function instantToInput(instant: string | null): string {
  return instant ? instant.slice(0, 19) : '';
}

/** A datetime-local input's value, read as UTC, → an ISO instant; null if empty or not a date-time. */
export function inputToInstant(value: string): string | null {
  const text = value.trim();
  if (!text) return null;
  const withSeconds = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text) ? `${text}:00` : text;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(withSeconds) && !Number.isNaN(Date.parse(`${withSeconds}Z`))
    ? `${withSeconds}Z`
    : null;
}

/** The API's query parameters for this view. */
export function viewParams(view: View, withYear = true) {
  return { financialYear: withYear ? view.financialYear : null, asAt: view.asAt };
}
