import { fromHundredths } from '@benefit-ledger/domain';
import { FigureBook } from './figure-book';
import { FigureQuery, FigureRef, encodeFigureRef } from './figure-ref';
import { Cutoff } from './query-basis';

/** A figure of an answer: its amount and the reference /trace accepts for it. */
export interface Figure {
  pence: number;
  ref: string;
}
export interface QuantityFigure {
  quantity: number;
  ref: string;
}

/** The basis every answer states: the log position it answers up to, and the instant when asked as at one. */
export const basisOf = (c: Cutoff) => (c.asAt ? { asAt: c.asAt, upToPosition: c.upTo } : { upToPosition: c.upTo });
/** What a figure reference pins: the position, and the instant it was asked as at (for the record). */
export const cutoffParamsOf = (cutoff: Cutoff): Record<string, string | number | null> =>
  cutoff.asAt ? { asAt: cutoff.asAt, upTo: cutoff.upTo } : { upTo: cutoff.upTo };

/** Figures {pence, ref} of one query run, by key. */
export function figureMaker(query: FigureQuery, params: FigureRef['params']) {
  const ref = (key: string) => encodeFigureRef({ query, params, key });
  return {
    pence: (key: string, pence: number): Figure => ({ pence, ref: ref(key) }),
    quantity: (key: string, hundredths: number): QuantityFigure => ({
      quantity: fromHundredths(hundredths),
      ref: ref(key),
    }),
  };
}

/** Figures of a query computed in a FigureBook (capacity, attribution, reconciliation). */
export function bookFigures(query: FigureQuery, params: FigureRef['params'], book: FigureBook) {
  const figure = figureMaker(query, params);
  return {
    pence: (key: string): Figure => figure.pence(key, book.value(key)),
    quantity: (key: string): QuantityFigure => figure.quantity(key, book.value(key)),
  };
}

/** The sum of `amount` over the rows `where` keeps. */
export const sumOf = <T>(rows: readonly T[], amount: (row: T) => number, where: (row: T) => boolean = () => true) =>
  rows.reduce((total, row) => (where(row) ? total + amount(row) : total), 0);
