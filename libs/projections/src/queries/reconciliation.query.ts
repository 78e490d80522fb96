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
  answer(db: Database.Database, p: ReconciliationParams) {
    const organisation = organisationById(db, p.cutoff, p.organisationId);
    if (!organisation) throw notFound('organisation-not-found', `organisation '${p.organisationId}' is not registered`);
    const book = new FigureBook(false);
    const basis = computeReconciliation(db, p, book);
    const params = { organisationId: p.organisationId, financialYear: p.financialYear, ...cutoffParamsOf(p.cutoff) };
    const f = bookFigures('reconciliation', params, book);
    const camel: Record<Split, string> = {
      'cash-releasing': 'cashReleasingPence',
      'non-cash-releasing': 'nonCashReleasingPence',
      recurrent: 'recurrentPence',
      'non-recurrent': 'nonRecurrentPence',
    };
    const splits = (side: 'reported' | 'evidenced' | 'validated' | 'unclaimed') =>
      Object.fromEntries(SPLITS.map((s) => [camel[s], f.pence(RK.split(side, s))]));
    // reported cash against cash evidence; a cash-releasing line evidenced by what is not cash is flagged with how much
    const cashOfLine = (l: (typeof basis.lines)[number]) => {
      const notCash = book.value(RK.lineCash(l.lineId, 'evidence-not-cash'));
      return {
        reportedPence: f.pence(RK.lineCash(l.lineId, 'reported-cash')),
        evidencedPence: f.pence(RK.lineCash(l.lineId, 'evidenced-cash')),
        evidenceNotCashPence: f.pence(RK.lineCash(l.lineId, 'evidence-not-cash')),
        flag:
          notCash > 0
            ? `cash-releasing line evidenced by ${formatPounds(notCash)} of benefits that are not cash (only cash-releasing benefits, and cash actually released from capacity, evidence cash)`
            : null,
      };
    };
    const lines = basis.lines.map((l) => {
      const evidenced = book.value(RK.line(l.lineId, 'evidenced'));
      return {
        lineId: l.lineId,
        description: l.description,
        cashReleasing: l.cashReleasing,
        recurrent: l.recurrent,
        status: lineStatus(l.amountPence, evidenced),
        reportedPence: f.pence(RK.line(l.lineId, 'reported')),
        evidencedPence: f.pence(RK.line(l.lineId, 'evidenced')),
        variancePence: f.pence(RK.line(l.lineId, 'variance')),
        cash: cashOfLine(l),
        benefits: l.links.map((x) => ({
          interventionId: x.interventionId,
          benefitId: x.benefitId,
          benefitType: x.benefit.benefit_type,
          recurrence: x.benefit.recurrence,
          linkedPence: f.pence(RK.lineBenefit(l.lineId, x.interventionId, x.benefitId)),
        })),
      };
    });
    const signer = basis.signOff ? eventsAt(db, [basis.signOff.position])[0] : null;
    return {
      query: 'reconciliation',
      organisationId: p.organisationId,
      name: organisation.name,
      financialYear: p.financialYear,
      ...basisOf(p.cutoff),
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
        .map(({ benefit: b, linkedPence }) => ({
          interventionId: b.intervention_id,
          benefitId: b.benefit_id,
          benefitType: b.benefit_type,
          recurrence: b.recurrence,
          validatedPence: b.validated_value_pence,
          linkedPence,
          unclaimedPence: f.pence(RK.unclaimed(b.intervention_id, b.benefit_id)),
        })),
      // claims not yet validated, beside the validated benefits the lines leave unclaimed
      claimsAwaitingValidation: basis.awaitingValidation.map((c) => ({
        interventionId: c.interventionId,
        benefitId: c.benefitId,
        benefitType: c.benefitType,
        claimedPence: f.pence(RK.awaiting(c.interventionId, c.benefitId)),
      })),
      totals: {
        reportedPence: f.pence(RK.total('reported')),
        evidencedPence: f.pence(RK.total('evidenced')),
        variancePence: f.pence(RK.total('variance')),
        validatedLandedPence: f.pence(RK.total('validated')),
        unclaimedPence: f.pence(RK.total('unclaimed')),
        reportedCashPence: f.pence(RK.total('reported-cash')),
        evidencedCashPence: f.pence(RK.total('evidenced-cash')),
        cashEvidenceNotCashPence: f.pence(RK.total('evidence-not-cash')),
        claimsAwaitingValidationPence: f.pence(RK.total('awaiting-validation')),
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
