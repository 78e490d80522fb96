import { Provider } from '@nestjs/common';
import { BenefitDirectory } from './benefit-directory';
import { FinanceReportCommandHandler } from './finance-report-command.handler';
import { FinanceReportReader, GetFinanceReportHandler, GetReconciliationHandler } from './finance-report.queries';

/** Finance report command and query handlers, registered by ApplicationModule. */
export const financeProviders: Provider[] = [
  BenefitDirectory,
  FinanceReportReader,
  FinanceReportCommandHandler,
  GetFinanceReportHandler,
  GetReconciliationHandler,
];
