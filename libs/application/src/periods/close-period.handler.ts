import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  PeriodScope,
  PeriodSeal,
  closeScopeOf,
  isSystemScope,
  periodDecider,
  periodStreamId,
  refusePeriodClose,
  requireClosable,
  ruleViolated,
} from '@benefit-ledger/domain';
import { LogVerifier } from '@benefit-ledger/event-store';
import { ForbiddenError } from '../application-errors';
import { LogVerification } from '../audit/log-verification';
import { WriteResult } from '../commands/command-context';
import { StreamCommandRunner } from '../commands/stream-command-runner';
import { OrganisationDirectory } from '../organisations/organisation-directory';
import { ClosePeriodCommand } from './close-period.command';
import { PeriodDirectory } from './period-directory';
import { PeriodGate } from './period-gate';

export interface ClosePeriodResult extends WriteResult {
  financialYear: string;
  scope: PeriodScope;
  seal: Omit<PeriodSeal, 'heads'>;
}

/**
 * Closes a year: access, then the rules (year ended, not closed already), then the seal. The seal is taken
 * over a log that verifies: every chain and earlier seal is recomputed first (outside the gate, so writes go
 * on), then, with writes held at the gate, only what was appended meanwhile, and the PeriodClosed is appended
 * with the Merkle root of every stream's head at that position.
 */
@CommandHandler(ClosePeriodCommand)
export class ClosePeriodHandler implements ICommandHandler<ClosePeriodCommand, ClosePeriodResult> {
  constructor(
    private readonly runner: StreamCommandRunner,
    private readonly periods: PeriodDirectory,
    private readonly gate: PeriodGate,
    private readonly verification: LogVerification,
    private readonly organisations: OrganisationDirectory,
  ) {}

  async execute({ financialYear, note, context }: ClosePeriodCommand): Promise<ClosePeriodResult> {
    const scope = closeScopeOf(context.actor);
    const refusal = refusePeriodClose(context.actor, scope);
    if (refusal) throw new ForbiddenError(refusal);
    if (!isSystemScope(scope) && !(await this.organisations.find(scope.organisationId))) {
      throw ruleViolated(
        'organisation-not-registered',
        `your organisation '${scope.organisationId}' is not registered: there is nothing of it to close`,
      );
    }
    const closing = { type: 'ClosePeriod' as const, financialYear, scope, note, now: context.now };
    requireClosable(closing, (await this.periods.read(financialYear)).state);

    const verifier = this.verification.verifier();
    await this.requireVerified(verifier);
    return this.gate.exclusive(async () => {
      await this.requireVerified(verifier);
      const seal = verifier.heads.seal();
      const result = await this.runner.run({
        decider: periodDecider,
        streamId: periodStreamId(financialYear),
        command: { ...closing, seal },
        context,
        refuse: () => refusePeriodClose(context.actor, scope),
      });
      const { heads: _heads, ...summary } = seal;
      return { ...result, financialYear, scope, seal: summary };
    });
  }

  private async requireVerified(verifier: LogVerifier): Promise<void> {
    const report = await verifier.run();
    if (report.ok) return;
    const b = report.firstBroken;
    if (!b) throw new Error('the log verification failed without naming where it broke');
    throw ruleViolated(
      'log-does-not-verify',
      `the log does not verify, so it cannot be sealed: ${b.streamId ?? 'the log'}${b.revision === null ? '' : ` revision ${b.revision}`}` +
        `${b.position === null ? '' : ` (global position ${b.position})`}: ${b.reason}. Run verify for the full report.`,
    );
  }
}
