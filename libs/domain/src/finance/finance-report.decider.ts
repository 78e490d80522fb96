import { Decider } from '../shared/decider';
import { conflict, invalidReference, notFound, ruleViolated } from '../shared/domain-error';
import { Pence, formatPounds, sumPence } from '../shared/money';
import { canonicalEqual } from '../shared/canonical-equal';
import { FinanceReportCommand, LinkReportLine, ReportWasteReduction } from './finance-report.commands';
import { FinanceReportEvent, LinkedBenefit } from './finance-report.events';
import { withMoneyCeiling } from '../shared/money-limits';
import {
  FinanceReportState,
  evidencedPence,
  evolveFinanceReport,
  initialFinanceReportState,
  linkedByBenefit,
  linkedOf,
} from './finance-report.state';

function requireReported(state: FinanceReportState): void {
  if (state.version === 0)
    throw notFound(
      'finance-report-not-found',
      'no waste-reduction report has been recorded for this organisation and year',
    );
}

function requireNotSignedOff(state: FinanceReportState): void {
  if (state.signedOff) {
    throw ruleViolated(
      'reconciliation-signed-off',
      `the reconciliation of version ${state.version} is signed off: changing its links needs a new version of the report`,
    );
  }
}

function decideReport(command: ReportWasteReduction, state: FinanceReportState): FinanceReportEvent[] {
  const { organisationId, financialYear, totalPence, lines, source } = command;
  if (lines.length === 0) throw ruleViolated('report-needs-lines', 'a report has at least one line', 'lines');
  lines.forEach((line, i) => {
    if (line.amountPence <= 0)
      throw ruleViolated(
        'line-amount-not-positive',
        `lines[${i}].amountPence must be greater than 0`,
        `lines[${i}].amountPence`,
      );
    const first = lines.findIndex((l) => l.lineId === line.lineId);
    if (first !== i)
      throw ruleViolated(
        'duplicate-line-id',
        `lines[${i}].lineId '${line.lineId}' repeats lines[${first}]: line ids are unique within a report`,
        `lines[${i}].lineId`,
      );
  });
  const sum = sumPence(lines.map((l) => l.amountPence));
  if (sum !== totalPence) {
    throw ruleViolated(
      'total-not-sum-of-lines',
      `totalPence (${totalPence}, ${formatPounds(totalPence)}) must equal the sum of the lines (${sum}, ${formatPounds(sum)})`,
      'totalPence',
    );
  }
  const plainLines = lines.map(({ lineId, description, amountPence, cashReleasing, recurrent }) => ({
    lineId,
    description,
    amountPence,
    cashReleasing,
    recurrent,
  }));
  if (
    state.version > 0 &&
    canonicalEqual(
      { totalPence, lines: plainLines, source },
      { totalPence: state.totalPence, lines: state.lines, source: state.source },
    )
  ) {
    throw conflict(
      'report-unchanged',
      `version ${state.version} already reports exactly this (same total, lines and source): a corrected report must differ`,
    );
  }
  return [
    {
      type: 'WasteReductionReported',
      data: { organisationId, financialYear, version: state.version + 1, totalPence, lines: plainLines, source },
    },
  ];
}

/**
 * A link takes, from each benefit in turn, the amount asked or by default as much as is free (validated value
 * not linked to the version's other lines) and the line still needs (its amount less what the benefits before it
 * in the list take). No benefit is linked beyond its validated value; no line is evidenced beyond its amount.
 */
function decideLink(command: LinkReportLine, state: FinanceReportState): FinanceReportEvent[] {
  requireReported(state);
  requireNotSignedOff(state);
  const line = state.lines.find((l) => l.lineId === command.lineId);
  if (!line)
    throw invalidReference(
      'lineId',
      `lineId names line '${command.lineId}', which is not in version ${state.version} of the report`,
    );
  const elsewhere = linkedByBenefit(state, command.lineId);
  const linked: LinkedBenefit[] = [];
  let evidenced: Pence = 0;
  for (const request of command.benefits) {
    const { interventionId, benefitId, field, benefit } = request;
    const name = `benefit '${benefitId}' of intervention '${interventionId}'`;
    if (!benefit) throw invalidReference(field, `${field} names ${name}, which was never claimed`);
    if (linked.some((b) => b.interventionId === interventionId && b.benefitId === benefitId)) {
      throw ruleViolated(
        'duplicate-benefit-link',
        `${field} names ${name} a second time: list each benefit once`,
        field,
      );
    }
    if (benefit.status !== 'validated' || benefit.validatedValuePence === null) {
      throw ruleViolated(
        'benefit-not-validated',
        `${name} is ${benefit.status}: only validated benefits evidence reported waste reduction`,
        field,
      );
    }
    if (benefit.landingOrganisationId !== state.organisationId) {
      throw ruleViolated(
        'benefit-lands-elsewhere',
        `${name} lands at '${benefit.landingOrganisationId}', not '${state.organisationId}': an organisation's waste reduction is evidenced by value that landed there`,
        field,
      );
    }
    if (benefit.financialYear !== state.financialYear) {
      throw ruleViolated(
        'benefit-year-mismatch',
        `${name} is a ${benefit.financialYear} benefit; this report is for ${state.financialYear}`,
        field,
      );
    }
    const free = benefit.validatedValuePence - linkedOf(elsewhere, interventionId, benefitId);
    const needed = line.amountPence - evidenced;
    const amountPence = request.amountPence ?? Math.min(free, needed);
    const amountField = request.amountPence === null ? field : `${field}.amountPence`;
    if (amountPence <= 0 && request.amountPence !== null)
      throw ruleViolated('link-amount-not-positive', `${amountField} must be greater than 0`, amountField);
    if (amountPence > free || free === 0) {
      throw ruleViolated(
        'benefit-over-linked',
        `${name} has ${formatPounds(benefit.validatedValuePence)} validated, of which ${formatPounds(benefit.validatedValuePence - free)} is linked to other lines: at most ${formatPounds(free)} more can be linked${request.amountPence === null ? '' : `, asked ${formatPounds(amountPence)}`}`,
        amountField,
      );
    }
    if (amountPence > needed || needed === 0) {
      throw ruleViolated(
        'line-over-evidenced',
        `line '${line.lineId}' reports ${formatPounds(line.amountPence)} and the benefits listed before ${field} already evidence ${formatPounds(evidenced)}: ${name} can evidence at most ${formatPounds(needed)}`,
        amountField,
      );
    }
    linked.push({ interventionId, benefitId, amountPence });
    evidenced += amountPence;
  }
  return [{ type: 'ReportLineLinked', data: { version: state.version, lineId: line.lineId, benefits: linked } }];
}

function decide(command: FinanceReportCommand, state: FinanceReportState): FinanceReportEvent[] {
  switch (command.type) {
    case 'ReportWasteReduction':
      return decideReport(command, state);
    case 'LinkReportLine':
      return decideLink(command, state);
    case 'SignOffReconciliation':
      requireReported(state);
      if (state.signedOff)
        throw ruleViolated(
          'reconciliation-already-signed-off',
          `the reconciliation of version ${state.version} is already signed off`,
        );
      return [
        {
          type: 'ReconciliationSignedOff',
          data: {
            version: state.version,
            reportedPence: state.totalPence,
            evidencedPence: evidencedPence(state),
            note: command.note,
          },
        },
      ];
  }
}

export const financeReportDecider: Decider<FinanceReportCommand, FinanceReportEvent, FinanceReportState> =
  withMoneyCeiling({
    initialState: initialFinanceReportState,
    decide,
    evolve: evolveFinanceReport,
  });
