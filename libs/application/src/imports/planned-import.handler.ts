import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@benefit-ledger/event-store';
import { StreamCommandRunner } from '../commands/stream-command-runner';
import { FinanceReportCommandHandler } from '../finance/finance-report-command.handler';
import { InterventionCommandHandler } from '../interventions/intervention-command.handler';
import { PeriodGate } from '../periods/period-gate';
import { ImportPlan } from './import-plan';
import { PlannedImportCommand, PlannedImportResult } from './planned-import.command';

@CommandHandler(PlannedImportCommand)
export class PlannedImportHandler implements ICommandHandler<PlannedImportCommand<unknown>> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: StreamCommandRunner,
    private readonly gate: PeriodGate,
    private readonly interventions: InterventionCommandHandler,
    private readonly finance: FinanceReportCommandHandler,
  ) {}

  execute({ check, accepted, options }: PlannedImportCommand<unknown>): Promise<PlannedImportResult<unknown>> {
    return this.gate.shared(async () => {
      const plan = new ImportPlan(this.store, this.interventions, this.finance);
      const checked = await check(plan);
      const toAppend = plan.pendingEvents;
      if (!accepted(checked) || options.dryRun || toAppend === 0) return { checked, toAppend, committed: null };
      const { progress } = options;
      progress?.start(toAppend);
      try {
        const committed = await this.runner.commit(plan, (appended) => progress?.update(appended));
        return { checked, toAppend, committed };
      } finally {
        progress?.stop();
      }
    });
  }
}
