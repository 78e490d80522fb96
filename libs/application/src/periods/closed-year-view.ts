import { Injectable } from '@nestjs/common';
import { DomainError } from '@benefit-ledger/domain';
import {
  Cutoff,
  PeriodCloseRow,
  ReadModelStore,
  RestatementRow,
  applicableClose,
  changedFigures,
  describeClose,
  periodCloses,
  restatements,
} from '@benefit-ledger/projections';
import { ValueQueryOptions } from '../read-models/read-model.queries';

/**
 * Whose figures a report shows: one organisation's, several organisations' (an intervention's: any close covering one
 * of them fixed its figures), or the whole system's (flows, a partnership).
 */
export type ReportSubject = { organisationId: string } | { organisationIds: readonly string[] } | 'system';

/** A year as known at a position: its closes, the one that fixed a subject's figures (if any), the restatements since. */
export interface YearClose {
  closes: PeriodCloseRow[];
  close: PeriodCloseRow | undefined;
  restated: RestatementRow[];
}

/** A report's answer at a cutoff, or why there was none then (a DomainError: e.g. a partnership formed later). */
export function answerAt<A>(at: (cutoff: Cutoff) => A, cutoff: Cutoff): { answer: A } | { unavailable: string } {
  try {
    return { answer: at(cutoff) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { unavailable: error.message };
  }
}

/** The same report as it was at a close (its seal position), or why there was none, and each figure that has changed since. */
export function asClosedBeside<A>(answer: A, close: PeriodCloseRow, at: (cutoff: Cutoff) => A) {
  const closed = answerAt(at, { asAt: null, upTo: close.sealPosition });
  return 'answer' in closed
    ? { asClosed: closed.answer, changedFigures: changedFigures(closed.answer, answer) }
    : { asClosed: null, asClosedUnavailable: closed.unavailable, changedFigures: [] };
}

/**
 * A report of a closed year, side by side (docs/design.md#integrity): the answer itself is the year as restated (every event
 * so far); `period.asClosed` is the same query at the close's seal position; `changedFigures` lists each figure
 * whose value differs, both values with references /trace accepts; `restatements` lists why. Years that are not
 * closed for the report's subject say so, with any closes there are. Audit packs show their reports the same way.
 */
@Injectable()
export class ClosedYearView {
  constructor(private readonly readModels: ReadModelStore) {}

  /** The year's closes up to `upTo` and, for an organisation's figures (or several's, or the system's: null), the close that applies. */
  yearClose(financialYear: string, upTo: number, organisationId: string | readonly string[] | null): YearClose {
    return this.readModels.read((db) => {
      const closes = periodCloses(db, financialYear, upTo);
      if (typeof organisationId === 'string' || organisationId === null) {
        return {
          closes,
          close: applicableClose(closes, organisationId),
          restated: restatements(db, financialYear, upTo, organisationId),
        };
      }
      const ids = new Set(organisationId);
      return {
        closes,
        close: applicableClose(closes, organisationId),
        restated: restatements(db, financialYear, upTo).filter((r) => r.organisationIds.some((o) => ids.has(o))),
      };
    });
  }

  beside<A extends { upToPosition?: number | null }>(
    answer: A,
    options: ValueQueryOptions,
    subject: ReportSubject,
    at: (cutoff: Cutoff) => A,
  ) {
    const { financialYear } = options;
    if (!financialYear || options.asAt || answer.upToPosition == null) return answer;
    const whose =
      subject === 'system' ? null : 'organisationId' in subject ? subject.organisationId : subject.organisationIds;
    const { closes, close, restated } = this.yearClose(financialYear, answer.upToPosition, whose);
    if (!close) return { ...answer, period: { financialYear, closed: false, closes: closes.map(describeClose) } };
    return {
      ...answer,
      period: {
        financialYear,
        closed: true,
        close: describeClose(close),
        ...asClosedBeside(answer, close, at),
        restatements: restated,
      },
    };
  }
}
