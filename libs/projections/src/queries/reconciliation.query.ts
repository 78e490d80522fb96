import Database from 'better-sqlite3';
import { formatPounds, notFound } from '@benefit-ledger/domain';
import { FigureBook } from './figure-book';
import { FigureQueryModule } from './figure-query';
import { basisOf, bookFigures, cutoffParamsOf } from './figures';
import { eventsAt, organisationById } from './read-model-reads';
import {
  LINE_STATUSES,
  ReconciliationParams,
  SPLITS,
  Split,
  computeReconciliation,
  lineStatus,
  reconciliationKeys as RK,
} from './reconciliation';
import { bookTerms } from './term-sources';

/**
 * GET /organisations/:id/reconciliation: a finance report's lines against the validated benefits linked to them
 * (reconciliation.ts), with their cash, splits and what is left unclaimed; every figure traceable.
 */
export const reconciliationQuery = {
  query: 'reconciliation',
  answer(db: Database.Database, query: ReconciliationParams) {
    const organisation = organisationById(db, query.cutoff, query.organisationId);
    if (!organisation)
      throw notFound('organisation-not-found', `organisation '${query.organisationId}' is not registered`);
    const book = new FigureBook(false);
    const basis = computeReconciliation(db, query, book);
    const params = {
      organisationId: query.organisationId,
      financialYear: query.financialYear,
      ...cutoffParamsOf(query.cutoff),
    };
    const figure = bookFigures('reconciliation', params, book);
    const camel: Record<Split, string> = {
      'cash-releasing': 'cashReleasingPence',
      'non-cash-releasing': 'nonCashReleasingPence',
      recurrent: 'recurrentPence',
      'non-recurrent': 'nonRecurrentPence',
    };
    const splits = (side: 'reported' | 'evidenced' | 'validated' | 'unclaimed') =>
      Object.fromEntries(SPLITS.map((s) => [camel[s], figure.pence(RK.split(side, s))]));
    // reported cash against cash evidence; a cash-releasing line evidenced by what is not cash is flagged with how much
    const cashOfLine = (line: (typeof basis.lines)[number]) => {
      const notCash = book.value(RK.lineCash(line.lineId, 'evidence-not-cash'));
      return {
        reportedPence: figure.pence(RK.lineCash(line.lineId, 'reported-cash')),
        evidencedPence: figure.pence(RK.lineCash(line.lineId, 'evidenced-cash')),
        evidenceNotCashPence: figure.pence(RK.lineCash(line.lineId, 'evidence-not-cash')),
        flag:
          notCash > 0
            ? `cash-releasing line evidenced by ${formatPounds(notCash)} of benefits that are not cash (only cash-releasing benefits, and cash actually released from capacity, evidence cash)`
            : null,
      };
    };
    const lines = basis.lines.map((line) => {
      const evidenced = book.value(RK.line(line.lineId, 'evidenced'));
      return {
        lineId: line.lineId,
        description: line.description,
        cashReleasing: line.cashReleasing,
        recurrent: line.recurrent,
        status: lineStatus(line.amountPence, evidenced),
        reportedPence: figure.pence(RK.line(line.lineId, 'reported')),
        evidencedPence: figure.pence(RK.line(line.lineId, 'evidenced')),
        variancePence: figure.pence(RK.line(line.lineId, 'variance')),
        cash: cashOfLine(line),
        benefits: line.links.map((linked) => ({
          interventionId: linked.interventionId,
          benefitId: linked.benefitId,
          benefitType: linked.benefit.benefit_type,
          recurrence: linked.benefit.recurrence,
          linkedPence: figure.pence(RK.lineBenefit(line.lineId, linked.interventionId, linked.benefitId)),
        })),
      };
    });
    const signer = basis.signOff ? eventsAt(db, [basis.signOff.position])[0] : null;
    return {
      query: 'reconciliation',
      organisationId: query.organisationId,
      name: organisation.name,
      financialYear: query.financialYear,
      ...basisOf(query.cutoff),
      report: {
        version: basis.report.version,
        statedTotalPence: basis.report.totalPence,
        source: basis.report.source,
        recordedAt: basis.report.recordedAt,
        signedOff:
          basis.signOff && signer
            ? {
                version: basis.signOff.version,
                reportedPence: basis.signOff.reportedPence,
                evidencedPence: basis.signOff.evidencedPence,
                note: basis.signOff.note,
                recordedAt: basis.signOff.recordedAt,
                by: {
                  userId: signer.actor_user_id,
                  organisationId: signer.actor_organisation_id,
                  role: signer.actor_role,
                },
              }
            : null,
      },
      lines,
      byStatus: Object.fromEntries(LINE_STATUSES.map((s) => [s, lines.filter((l) => l.status === s).length])),
      unclaimedBenefits: basis.benefits
        .filter((b) => b.benefit.validated_value_pence > b.linkedPence)
        .map(({ benefit, linkedPence }) => ({
          interventionId: benefit.intervention_id,
          benefitId: benefit.benefit_id,
          benefitType: benefit.benefit_type,
          recurrence: benefit.recurrence,
          validatedPence: benefit.validated_value_pence,
          linkedPence,
          unclaimedPence: figure.pence(RK.unclaimed(benefit.intervention_id, benefit.benefit_id)),
        })),
      // claims not yet validated, beside the validated benefits the lines leave unclaimed
      claimsAwaitingValidation: basis.awaitingValidation.map((claim) => ({
        interventionId: claim.interventionId,
        benefitId: claim.benefitId,
        benefitType: claim.benefitType,
        claimedPence: figure.pence(RK.awaiting(claim.interventionId, claim.benefitId)),
      })),
      totals: {
        reportedPence: figure.pence(RK.total('reported')),
        evidencedPence: figure.pence(RK.total('evidenced')),
        variancePence: figure.pence(RK.total('variance')),
        validatedLandedPence: figure.pence(RK.total('validated')),
        unclaimedPence: figure.pence(RK.total('unclaimed')),
        reportedCashPence: figure.pence(RK.total('reported-cash')),
        evidencedCashPence: figure.pence(RK.total('evidenced-cash')),
        cashEvidenceNotCashPence: figure.pence(RK.total('evidence-not-cash')),
        claimsAwaitingValidationPence: figure.pence(RK.total('awaiting-validation')),
      },
      flaggedLines: lines.filter((l) => l.cash.flag !== null).length,
      splits: {
        reported: splits('reported'),
        evidenced: splits('evidenced'),
        validatedLanded: splits('validated'),
        unclaimed: splits('unclaimed'),
      },
    };
  },
  terms: ({ db, key, cutoff, param }) => {
    const book = new FigureBook(true, key);
    computeReconciliation(
      db,
      { organisationId: param('organisationId') ?? '', financialYear: param('financialYear') ?? '', cutoff },
      book,
    );
    return bookTerms(book, key);
  },
} satisfies FigureQueryModule<'reconciliation'>;
