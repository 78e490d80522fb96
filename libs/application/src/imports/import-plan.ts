import { DomainEvent } from '@benefit-ledger/domain';
import { EventStore } from '@benefit-ledger/event-store';
import { CommandPlan } from '../commands/command-plan';
import { StreamCommand } from '../commands/stream-command';
import { FinanceReportCommandMessage } from '../finance/finance-report.command';
import { FinanceReportCommandHandler } from '../finance/finance-report-command.handler';
import { InterventionCommandHandler } from '../interventions/intervention-command.handler';
import { InterventionCommandMessage } from '../interventions/intervention-bus-command';

/** A command an import plans: the same messages the command bus takes from the API. */
export type PlannedMessage = InterventionCommandMessage | FinanceReportCommandMessage;

/** Reference checks an import replaces (e.g. to count what the file itself registers as already there). */
export interface PlanOverrides {
  checkReferences?: () => Promise<void>;
}

/**
 * The plan an import decides its rows into: each message goes through its handler's access, reference and period
 * lock checks and its decider, exactly as the bus would run it, but nothing is appended until the import commits.
 */
export class ImportPlan extends CommandPlan {
  constructor(
    store: EventStore,
    private readonly interventions: InterventionCommandHandler,
    private readonly finance: FinanceReportCommandHandler,
  ) {
    super(store);
  }

  /** Decides one more message in memory; throws its refusal (ForbiddenError, DomainError), planning nothing for it. */
  addMessage(message: PlannedMessage, overrides: PlanOverrides = {}): Promise<DomainEvent[]> {
    return this.add({ ...this.requestOf(message), ...overrides });
  }

  /** The stream a message writes to. */
  streamIdOf(message: PlannedMessage): string {
    return this.requestOf(message).streamId;
  }

  /** Whether the message's actor may send it, on the stream as planned so far: the refusal, or null. */
  refusalOf(message: PlannedMessage): Promise<string | null> {
    return this.refusal(this.requestOf(message));
  }

  private requestOf(message: PlannedMessage): StreamCommand<unknown, DomainEvent, unknown> {
    const request =
      message instanceof InterventionCommandMessage
        ? this.interventions.streamCommand(message)
        : this.finance.streamCommand(message);
    return request as unknown as StreamCommand<unknown, DomainEvent, unknown>;
  }
}
