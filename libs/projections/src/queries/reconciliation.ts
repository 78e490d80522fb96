import Database from 'better-sqlite3';
import { benefitKey, formatPounds } from '@benefit-ledger/domain';
import { FigureBook, Term } from './figure-book';
import { ValidatedBenefit } from './read-model-reads';
import {
  CASH_MEASURES,
  RECONCILIATION_SIDES,
  ReconciliationBasis,
  ReconciliationParams,
  SPLITS,
  Split,
  reconciliationBasis,
  reconciliationKeys,
} from './reconciliation-basis';
import { required } from '../required';

// the basis, its keys and statuses, as this module always exported them
export * from './reconciliation-basis';

const benefitSplits = (benefit: ValidatedBenefit): Split[] => [
  benefit.benefit_type === 'cash-releasing' ? 'cash-releasing' : 'non-cash-releasing',
  benefit.recurrence === 'recurrent' ? 'recurrent' : 'non-recurrent',
];

/**
 * Design §3 reconciliation: each line's reported amount against the validated value linked to it (evidenced)
 * and the variance between; the validated benefits landing at the organisation in the year that the lines leave
 * unclaimed (wholly or in part); and both sides split into cash-releasing or not and recurrent or not (lines by
 * their flags, benefits by their own type and recurrence). Validated = evidenced + unclaimed, to the penny.
 */
export function computeReconciliation(
  db: Database.Database,
  params: ReconciliationParams,
  book: FigureBook,
): ReconciliationBasis {
  const basis = reconciliationBasis(db, params);
  const keys = reconciliationKeys;
  for (const side of RECONCILIATION_SIDES) for (const split of SPLITS) book.add(keys.split(side, split), 0);
  for (const measure of [
    'reported',
    'evidenced',
    'variance',
    'validated',
    'unclaimed',
    ...CASH_MEASURES,
    'awaiting-validation',
  ] as const)
    book.add(keys.total(measure), 0);

  for (const line of basis.lines) {
    const reported = (sign: number) => (): Term => ({
      note: `line ${line.lineId} (${line.description}) reported ${formatPounds(line.amountPence)}`,
      amount: sign * line.amountPence,
      positions: [basis.report.position],
    });
    for (const key of [
      keys.line(line.lineId, 'reported'),
      keys.total('reported'),
      keys.line(line.lineId, 'variance'),
      keys.total('variance'),
      keys.split('reported', line.cashReleasing ? 'cash-releasing' : 'non-cash-releasing'),
      keys.split('reported', line.recurrent ? 'recurrent' : 'non-recurrent'),
    ]) {
      book.add(key, line.amountPence, reported(1));
    }
    book.add(keys.line(line.lineId, 'evidenced'), 0);
    for (const link of line.links) {
      const benefit = link.benefit;
      const evidence = (sign: number) => (): Term => ({
        note: `benefit ${link.benefitId} of ${link.interventionId} (${benefit.benefit_type}, ${benefit.recurrence}, validated ${formatPounds(benefit.validated_value_pence)}): ${formatPounds(link.amountPence)} linked to line ${line.lineId}`,
        amount: sign * link.amountPence,
        positions: [benefit.claim_position, benefit.decision_position, link.linkPosition],
      });
      for (const key of [
        keys.lineBenefit(line.lineId, link.interventionId, link.benefitId),
        keys.line(line.lineId, 'evidenced'),
        keys.total('evidenced'),
        ...benefitSplits(benefit).map((s) => keys.split('evidenced', s)),
      ]) {
        book.add(key, link.amountPence, evidence(1));
      }
      book.add(keys.line(line.lineId, 'variance'), -link.amountPence, evidence(-1));
      book.add(keys.total('variance'), -link.amountPence, evidence(-1));
    }
  }
  addCashEvidence(book, basis);
  for (const claim of basis.awaitingValidation) {
    const term = (): Term => ({
      note: `benefit ${claim.benefitId} of ${claim.interventionId} (${claim.benefitType}) claimed ${formatPounds(claim.claimedPence)}, not yet validated`,
      amount: claim.claimedPence,
      positions: claim.claimPositions,
    });
    book.add(keys.awaiting(claim.interventionId, claim.benefitId), claim.claimedPence, term);
    book.add(keys.total('awaiting-validation'), claim.claimedPence, term);
  }
  for (const { benefit, linkedPence, linkPositions } of basis.benefits) {
    const validated = (): Term => ({
      note: `benefit ${benefit.benefit_id} of ${benefit.intervention_id} (${benefit.benefit_type}, ${benefit.recurrence}) validated ${formatPounds(benefit.validated_value_pence)}`,
      amount: benefit.validated_value_pence,
      positions: [benefit.claim_position, benefit.decision_position],
    });
    for (const key of [keys.total('validated'), ...benefitSplits(benefit).map((s) => keys.split('validated', s))])
      book.add(key, benefit.validated_value_pence, validated);
    const unclaimedPence = benefit.validated_value_pence - linkedPence;
    if (unclaimedPence === 0) continue;
    const linked = (): Term => ({
      note: `less ${formatPounds(linkedPence)} of it linked to report lines`,
      amount: -linkedPence,
      positions: linkPositions,
    });
    for (const key of [
      keys.unclaimed(benefit.intervention_id, benefit.benefit_id),
      keys.total('unclaimed'),
      ...benefitSplits(benefit).map((s) => keys.split('unclaimed', s)),
    ]) {
      book.add(key, benefit.validated_value_pence, validated);
      if (linkedPence > 0) book.add(key, -linkedPence, linked);
    }
  }
  return basis;
}

/**
 * Cash on both sides of each line. Reported: a cash-releasing line's amount. Evidenced: the part of each linked amount
 * that is cash: all of it for a cash-releasing benefit; for any other benefit only the cash actually released from it
 * (capacity harvested as cash), which its links take in the order they were made, so no cash counts twice; none for
 * the rest. Whatever evidences a cash-releasing line but is not cash is flagged (`evidence-not-cash`).
 */
function addCashEvidence(book: FigureBook, basis: ReconciliationBasis): void {
  const keys = reconciliationKeys;
  const cashLeft = new Map<string, number>();
  const links = basis.lines
    .flatMap((line) => line.links.map((link) => ({ line, link })))
    .sort((a, b) => a.link.linkPosition - b.link.linkPosition);
  const cashOf = new Map<(typeof links)[number], number>();
  for (const linked of links) {
    const key = benefitKey(linked.link.interventionId, linked.link.benefitId);
    const realised = linked.link.realised;
    const left =
      cashLeft.get(key) ??
      (realised.benefitType === 'cash-releasing' ? Number.MAX_SAFE_INTEGER : (realised.realisation?.cashPence ?? 0));
    const cash = Math.min(linked.link.amountPence, left);
    cashLeft.set(key, left - cash);
    cashOf.set(linked, cash);
  }
  for (const line of basis.lines) {
    for (const key of [
      keys.lineCash(line.lineId, 'reported-cash'),
      keys.lineCash(line.lineId, 'evidenced-cash'),
      keys.lineCash(line.lineId, 'evidence-not-cash'),
    ])
      book.add(key, 0);
    if (line.cashReleasing) {
      const term = (): Term => ({
        note: `line ${line.lineId} (${line.description}) is cash-releasing: ${formatPounds(line.amountPence)} reported as cash`,
        amount: line.amountPence,
        positions: [basis.report.position],
      });
      book.add(keys.lineCash(line.lineId, 'reported-cash'), line.amountPence, term);
      book.add(keys.total('reported-cash'), line.amountPence, term);
    }
  }
  for (const linked of links) {
    const { line, link } = linked;
    const cash = required(cashOf, linked, 'cash of link');
    const what =
      link.realised.benefitType === 'cash-releasing'
        ? 'cash-releasing'
        : `${link.realised.benefitType}, ${formatPounds(link.realised.realisation?.cashPence ?? 0)} of it released as cash`;
    const positions = [
      ...link.realised.claimPositions,
      link.benefit.decision_position,
      ...link.realised.releasePositions,
      link.linkPosition,
    ];
    const cashTerm = (): Term => ({
      note: `benefit ${link.benefitId} of ${link.interventionId} (${what}): ${formatPounds(link.amountPence)} linked to line ${line.lineId}, ${formatPounds(cash)} of it cash`,
      amount: cash,
      positions,
    });
    book.add(keys.lineCash(line.lineId, 'evidenced-cash'), cash, cashTerm);
    if (!line.cashReleasing) continue;
    book.add(keys.total('evidenced-cash'), cash, cashTerm);
    const notCash = link.amountPence - cash;
    if (notCash === 0) continue;
    const notCashTerm = (): Term => ({
      note: `benefit ${link.benefitId} of ${link.interventionId} (${what}): ${formatPounds(notCash)} of the ${formatPounds(link.amountPence)} evidencing cash-releasing line ${line.lineId} is not cash`,
      amount: notCash,
      positions,
    });
    book.add(keys.lineCash(line.lineId, 'evidence-not-cash'), notCash, notCashTerm);
    book.add(keys.total('evidence-not-cash'), notCash, notCashTerm);
  }
}
