import { Injectable } from '@nestjs/common';
import { DomainError } from '@benefit-ledger/domain';
import {
  Cutoff, ReadModelStore, applicableClose, changedFigures, describeClose, periodCloses, restatements,
} from '@benefit-ledger/projections';
import { ValueQueryOptions } from '../read-models/read-model.queries';

/** Whose figures a report shows: one organisation's, or the whole system's (flows, a partnership). */
export type ReportSubject = { organisationId: string } | 'system';

/**
 * A report of a closed year, side by side (design §5): the answer itself is the year as restated (every event
 * so far); `period.asClosed` is the same query at the close's seal position; `changedFigures` lists each figure
 * whose value differs, both values with references /trace accepts; `restatements` lists why. Years that are not
 * closed for the report's subject say so, with any closes there are.
 */
@Injectable()
export class ClosedYearView {
  constructor(private readonly readModels: ReadModelStore) {}

  beside<A extends { upToPosition?: number | null }>(answer: A, options: ValueQueryOptions, subject: ReportSubject, at: (cutoff: Cutoff) => A) {
    const { financialYear } = options;
    if (!financialYear || options.asAt || answer.upToPosition == null) return answer;
    const upTo = answer.upToPosition;
    const organisationId = subject === 'system' ? null : subject.organisationId;
    const { closes, close, restated } = this.readModels.read((db) => {
      const closes = periodCloses(db, financialYear, upTo);
      const close = applicableClose(closes, organisationId);
      return { closes, close, restated: close ? restatements(db, financialYear, upTo, organisationId) : [] };
    });
    if (!close) return { ...answer, period: { financialYear, closed: false, closes: closes.map(describeClose) } };
    const period = { financialYear, closed: true, close: describeClose(close) };
    let asClosed: A;
    try {
      asClosed = at({ asAt: null, upTo: close.sealPosition });
    } catch (error) {
      // e.g. a partnership formed, or its agreement set, only after the close: there was no such figure then
      if (!(error instanceof DomainError)) throw error;
      return { ...answer, period: { ...period, asClosed: null, asClosedUnavailable: error.message, changedFigures: [], restatements: restated } };
    }
    return { ...answer, period: { ...period, asClosed, changedFigures: changedFigures(asClosed, answer), restatements: restated } };
  }
}
