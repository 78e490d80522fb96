import { Injectable } from '@nestjs/common';
import { DomainEvent, PeriodEffect, financialYearOf, restatementsFor, yearsAffected } from '@benefit-ledger/domain';
import { WriteResult } from '../commands/command-context';
import { periodGate } from '../commands/middleware/period-gate.middleware';
import { StreamCommand } from '../commands/stream-command';
import { StreamCommandRunner } from '../commands/stream-command-runner';
import { PeriodDirectory } from './period-directory';
import { PeriodGate } from './period-gate';

/**
 * The period lock at the edge (docs/periods-and-audit.md): a write that changes a financial year's figures reads that year's
 * period stream, and the pure policy (domain period-lock.ts) refuses it if the year is closed for anyone whose
 * figures it changes, unless it is a restatement; then the RestatementRecorded goes into the same append,
 * just before the change. Any stream whose figures a close must freeze runs its commands through here,
 * saying what each changes (`effectsOf`); that is the one line a new kind of stream adds.
 */
@Injectable()
export class PeriodLock {
  constructor(
    private readonly runner: StreamCommandRunner,
    private readonly periods: PeriodDirectory,
    private readonly gate: PeriodGate,
  ) {}

  /** Runs a request from `locked`: its period gate keeps any close from coming between its check and its append. */
  runLocked<C, E extends DomainEvent, S>(request: StreamCommand<C, E, S>): Promise<WriteResult> {
    return this.runner.run(request);
  }

  /**
   * The request with the lock as its preface and the period gate around its run: what `runLocked` writes, and what
   * an import plans (a plan holds the gate through PlannedImportCommand instead).
   */
  locked<C, E extends DomainEvent, S>(
    request: Omit<StreamCommand<C, E, S>, 'preface'>,
    effectsOf: (state: S) => PeriodEffect[] | Promise<PeriodEffect[]>,
  ): StreamCommand<C, E, S> {
    const { context } = request;
    return {
      ...request,
      around: [periodGate(this.gate), ...(request.around ?? [])],
      preface: async (state, decided) => {
        const effects = await effectsOf(state);
        if (effects.length === 0 && !context.restatement) return [];
        const closes = await this.periods.closes(yearsAffected(effects, financialYearOf(context.now.toISOString())));
        return restatementsFor(effects, closes, context.restatement, decided);
      },
    };
  }
}
