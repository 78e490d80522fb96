import Database from 'better-sqlite3';
import { benefitKey, notFound } from '@benefit-ledger/domain';
import { Cutoff, cutoffParams, within } from './query-basis';
import { ValidatedBenefit, validatedBenefits } from './read-model-reads';
import { BenefitThreeWays, benefitsThreeWays } from './benefits-three-ways';
import { required } from '../required';

/**
 * What an organisation's reconciliation of a year reads (docs/finance.md): the finance report as at the cutoff,
 * its lines and their links to validated benefits, the sign-off, the validated benefits landing there and the claims
 * awaiting validation; with the keys and statuses its figures use.
 */

export interface ReconciliationParams {
  organisationId: string;
  financialYear: string;
  cutoff: Cutoff;
}

/** The two sides split by kind: reported lines by their flags, benefits by their own type and recurrence. */
export const RECONCILIATION_SIDES = ['reported', 'evidenced', 'validated', 'unclaimed'] as const;
export type ReconciliationSide = (typeof RECONCILIATION_SIDES)[number];
export const SPLITS = ['cash-releasing', 'non-cash-releasing', 'recurrent', 'non-recurrent'] as const;
export type Split = (typeof SPLITS)[number];

const keyOf = (...parts: string[]) => JSON.stringify(parts);
export const reconciliationKeys = {
  line: (lineId: string, measure: 'reported' | 'evidenced' | 'variance') => keyOf('line', lineId, measure),
  lineBenefit: (lineId: string, interventionId: string, benefitId: string) =>
    keyOf('line', lineId, 'benefit', interventionId, benefitId),
  unclaimed: (interventionId: string, benefitId: string) => keyOf('unclaimed', interventionId, benefitId),
  total: (measure: ReconciliationSide | 'variance' | CashMeasure | 'awaiting-validation') => keyOf('total', measure),
  /** A line's cash: reported (the line's amount if it is cash-releasing), evidenced by cash, and, of a cash-releasing line's evidence, what is not cash. */
  lineCash: (lineId: string, measure: CashMeasure) => keyOf('line', lineId, 'cash', measure),
  awaiting: (interventionId: string, benefitId: string) => keyOf('awaiting-validation', interventionId, benefitId),
  split: (side: ReconciliationSide, split: Split) => keyOf('split', side, split),
};

/** Cash on each side of a line: reported cash, cash evidencing it, and evidence of a cash-releasing line that is not cash. */
export const CASH_MEASURES = ['reported-cash', 'evidenced-cash', 'evidence-not-cash'] as const;
export type CashMeasure = (typeof CASH_MEASURES)[number];

export const LINE_STATUSES = ['evidenced', 'partly-evidenced', 'unevidenced'] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

/** Evidenced: fully; partly: some but not all; unevidenced: nothing linked. */
export const lineStatus = (reportedPence: number, evidencedPence: number): LineStatus =>
  evidencedPence >= reportedPence ? 'evidenced' : evidencedPence > 0 ? 'partly-evidenced' : 'unevidenced';

export interface ReconciliationLine {
  lineId: string;
  description: string;
  amountPence: number;
  cashReleasing: boolean;
  recurrent: boolean;
  links: {
    interventionId: string;
    benefitId: string;
    amountPence: number;
    linkPosition: number;
    benefit: ValidatedBenefit;
    realised: BenefitThreeWays;
  }[];
}

export interface ReconciliationBasis {
  report: { version: number; totalPence: number; source: unknown; position: number; recordedAt: string };
  signOff: {
    version: number;
    reportedPence: number;
    evidencedPence: number;
    note: string;
    position: number;
    recordedAt: string;
  } | null;
  lines: ReconciliationLine[];
  /** Validated benefits landing at the organisation in the year, each with how much of it the lines link. */
  benefits: { benefit: ValidatedBenefit; linkedPence: number; linkPositions: number[] }[];
  /** Claims landing at the organisation in the year that finance has not yet decided (neither validated nor rejected). */
  awaitingValidation: BenefitThreeWays[];
}

/** The current version of the report as at the cutoff, its lines, each line's latest links, the sign-off and the validated benefits. */
export function reconciliationBasis(db: Database.Database, params: ReconciliationParams): ReconciliationBasis {
  const bindings = { ...cutoffParams(params.cutoff), org: params.organisationId, fy: params.financialYear };
  const report = db
    .prepare(
      `SELECT r.version, r.total_pence, r.source_json, r.position, r.recorded_at FROM finance_reports r
    WHERE r.organisation_id = @org AND r.financial_year = @fy AND ${within('r')} ORDER BY r.version DESC LIMIT 1`,
    )
    .get(bindings) as
    { version: number; total_pence: number; source_json: string; position: number; recorded_at: string } | undefined;
  if (!report)
    throw notFound(
      'finance-report-not-found',
      `no waste-reduction report had been recorded for '${params.organisationId}' in ${params.financialYear} by then`,
    );
  const versionBindings = { ...bindings, version: report.version };
  const lines = db
    .prepare(
      `SELECT line_id, description, amount_pence, cash_releasing, recurrent FROM finance_report_lines
    WHERE organisation_id = @org AND financial_year = @fy AND version = @version ORDER BY ordinal`,
    )
    .all(versionBindings) as {
    line_id: string;
    description: string;
    amount_pence: number;
    cash_releasing: number;
    recurrent: number;
  }[];
  const linkEvents = db
    .prepare(
      `SELECT l.position, l.line_id FROM finance_report_links l
    WHERE l.organisation_id = @org AND l.financial_year = @fy AND l.version = @version AND ${within('l')} ORDER BY l.position`,
    )
    .all(versionBindings) as { position: number; line_id: string }[];
  const latestLink = new Map(linkEvents.map((l) => [l.line_id, l.position])); // later positions overwrite earlier ones
  const linkRows = db
    .prepare(
      `SELECT position, intervention_id, benefit_id, amount_pence FROM finance_report_link_benefits
    WHERE position IN (SELECT value FROM json_each(?)) ORDER BY position, ordinal`,
    )
    .all(JSON.stringify([...latestLink.values()])) as {
    position: number;
    intervention_id: string;
    benefit_id: string;
    amount_pence: number;
  }[];
  const signOff = db
    .prepare(
      `SELECT s.version, s.reported_pence, s.evidenced_pence, s.note, s.position, s.recorded_at FROM finance_signoffs s
    WHERE s.organisation_id = @org AND s.financial_year = @fy AND s.version = @version AND ${within('s')} LIMIT 1`,
    )
    .get(versionBindings) as
    | {
        version: number;
        reported_pence: number;
        evidenced_pence: number;
        note: string;
        position: number;
        recorded_at: string;
      }
    | undefined;

  const validated = validatedBenefits(db, params.cutoff, {
    financialYear: params.financialYear,
    landingOrganisationId: params.organisationId,
  });
  const claims = benefitsThreeWays(db, params.cutoff, {
    financialYear: params.financialYear,
    landingOrganisationId: params.organisationId,
  });
  const claimByKey = new Map(claims.map((b) => [benefitKey(b.interventionId, b.benefitId), b]));
  const byKey = new Map(
    validated.map((benefit) => [
      benefitKey(benefit.intervention_id, benefit.benefit_id),
      { benefit, linkedPence: 0, linkPositions: [] as number[] },
    ]),
  );
  const linesOut: ReconciliationLine[] = lines.map((line) => ({
    lineId: line.line_id,
    description: line.description,
    amountPence: line.amount_pence,
    cashReleasing: line.cash_releasing === 1,
    recurrent: line.recurrent === 1,
    links: [],
  }));
  const lineById = new Map(linesOut.map((l) => [l.lineId, l]));
  const lineOfPosition = new Map([...latestLink].map(([lineId, position]) => [position, lineId]));
  for (const row of linkRows) {
    const entry = byKey.get(benefitKey(row.intervention_id, row.benefit_id));
    // the decider links only benefits validated at this organisation for this year, before the link was made
    if (!entry)
      throw new Error(
        `read models are inconsistent: a link at position ${row.position} names ${row.benefit_id} of ${row.intervention_id}, which is not a validated benefit landing at ${params.organisationId} in ${params.financialYear}`,
      );
    entry.linkedPence += row.amount_pence;
    entry.linkPositions.push(row.position);
    required(
      lineById,
      required(lineOfPosition, row.position, 'reconciliation line linked at position'),
      'reconciliation line',
    ).links.push({
      interventionId: row.intervention_id,
      benefitId: row.benefit_id,
      amountPence: row.amount_pence,
      linkPosition: row.position,
      benefit: entry.benefit,
      realised: required(
        claimByKey,
        benefitKey(row.intervention_id, row.benefit_id),
        'realised claim of linked benefit',
      ),
    });
  }
  return {
    report: {
      version: report.version,
      totalPence: report.total_pence,
      source: JSON.parse(report.source_json),
      position: report.position,
      recordedAt: report.recorded_at,
    },
    signOff: signOff
      ? {
          version: signOff.version,
          reportedPence: signOff.reported_pence,
          evidencedPence: signOff.evidenced_pence,
          note: signOff.note,
          position: signOff.position,
          recordedAt: signOff.recorded_at,
        }
      : null,
    lines: linesOut,
    benefits: [...byKey.values()],
    awaitingValidation: claims.filter((b) => b.status === 'claimed'),
  };
}
