import { ReportWasteReduction } from '@benefit-ledger/domain';
import { plainSource } from '../shared/data-source.dto';
import { FieldError, validatePlain } from '../http-validation/validate-plain';
import { WasteReductionReportDto } from './waste-reduction-report.dto';

/** A validated report DTO -> the domain command (plain data). */
export const reportWasteReductionCommand = (body: WasteReductionReportDto): ReportWasteReduction => ({
  type: 'ReportWasteReduction',
  organisationId: body.organisationId,
  financialYear: body.financialYear,
  totalPence: body.totalPence,
  lines: body.lines.map((line) => ({
    lineId: line.lineId,
    description: line.description,
    amountPence: line.amountPence,
    cashReleasing: line.cashReleasing,
    recurrent: line.recurrent,
  })),
  source: plainSource(body.source),
});

/**
 * A waste-reduction report from anywhere (a Kafka message, a file) validated exactly as `POST /finance/reports`
 * validates its body: the same DTO, whitelist, unknown fields refused. On success, the command to send as
 * `new FinanceReportCommandMessage(command.organisationId, command.financialYear, command, context)`; the
 * domain's rules (total = Σ lines, unique line ids, finance of the organisation) are then the handler's.
 */
export function parseWasteReductionReport(
  plain: unknown,
): { command: ReportWasteReduction } | { errors: FieldError[] } {
  const result = validatePlain(WasteReductionReportDto, plain);
  return 'errors' in result ? result : { command: reportWasteReductionCommand(result.value) };
}
