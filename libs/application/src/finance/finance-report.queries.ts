import { Inject, Injectable } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  Actor,
  FinanceReportEvent,
  FinanceReportState,
  canReadFinanceReport,
  evidencedPence,
  financeReportDecider,
  financeReportStreamId,
  fold,
  notFound,
  sumPence,
} from '@benefit-ledger/domain';
import { EVENT_STORE, EventStore } from '@benefit-ledger/event-store';
import { Cutoff, Projector, ReadModelQueries } from '@benefit-ledger/projections';
import { ClosedYearView } from '../periods/closed-year-view';
import { ForbiddenError } from '../application-errors';
import { GetFinanceReportQuery, GetReconciliationQuery } from './finance-report.command';

/** Refuses (403) anyone but the organisation's finance staff, auditors and admins, before anything is read. */
export function requireFinanceReportReader(actor: Actor, organisationId: string): void {
  if (!canReadFinanceReport(actor, organisationId)) {
    throw new ForbiddenError(
      `an organisation's waste-reduction report and reconciliation are read by its finance staff, auditors and admins only`,
    );
  }
}

/** Folds one organisation's report for a year; 404 when none was recorded. */
@Injectable()
export class FinanceReportReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async read(organisationId: string, financialYear: string): Promise<{ state: FinanceReportState; revision: number }> {
    const events = await this.store.readStreamOf<FinanceReportEvent>(
      financeReportStreamId(organisationId, financialYear),
    );
    const state = fold(financeReportDecider, events);
    if (state.version === 0) {
      throw notFound(
        'finance-report-not-found',
        `no waste-reduction report has been recorded for '${organisationId}' in ${financialYear}`,
      );
    }
    return { state, revision: events.length - 1 };
  }
}

@QueryHandler(GetFinanceReportQuery)
export class GetFinanceReportHandler implements IQueryHandler<GetFinanceReportQuery> {
  constructor(private readonly reader: FinanceReportReader) {}

  async execute({ organisationId, financialYear, actor }: GetFinanceReportQuery) {
    requireFinanceReportReader(actor, organisationId);
    const { state, revision } = await this.reader.read(organisationId, financialYear);
    return {
      organisationId,
      financialYear,
      revision,
      version: state.version,
      totalPence: state.totalPence,
      source: state.source,
      signedOff: state.signedOff,
      evidencedPence: evidencedPence(state),
      lines: state.lines.map((line) => {
        const benefits = state.links.get(line.lineId) ?? [];
        return { ...line, evidencedPence: sumPence(benefits.map((b) => b.amountPence)), benefits };
      }),
    };
  }
}

@QueryHandler(GetReconciliationQuery)
export class GetReconciliationHandler implements IQueryHandler<GetReconciliationQuery> {
  constructor(
    private readonly projector: Projector,
    private readonly queries: ReadModelQueries,
    private readonly closed: ClosedYearView,
  ) {}

  /** For a closed year, the reconciliation as closed beside it as restated (ClosedYearView). */
  async execute({ organisationId, financialYear, actor, asAt }: GetReconciliationQuery) {
    requireFinanceReportReader(actor, organisationId);
    await this.projector.caughtUp();
    const at = (cutoff: Cutoff) => this.queries.reconciliation({ organisationId, financialYear, cutoff });
    return this.closed.beside(at(this.queries.cutoff(asAt)), { financialYear, asAt }, { organisationId }, at);
  }
}
