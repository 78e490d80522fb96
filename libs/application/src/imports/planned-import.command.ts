import { Command } from '@nestjs/cqrs';
import { ImportPlan } from './import-plan';

/** How far an import's append has got, for a progress bar. */
export interface CommitProgress {
  start(eventsToAppend: number): void;
  update(eventsAppended: number): void;
  stop(): void;
}

export interface PlannedImportResult<T> {
  /** What `check` answered. */
  checked: T;
  /** The events the plan holds (appended unless refused or a dry run). */
  toAppend: number;
  /** What was appended; null when nothing was (refused, a dry run, or nothing new). */
  committed: { streams: number; events: number } | null;
}

/**
 * A file of commands (the CLI's CSV and register imports), all or nothing: `check` decides every row into a plan,
 * and if `accepted` says the result is clean the plan is appended. Like every other write that changes a year's
 * figures, the whole of it (check and append) holds the period gate, so no close comes between.
 */
export class PlannedImportCommand<T> extends Command<PlannedImportResult<T>> {
  constructor(
    readonly check: (plan: ImportPlan) => Promise<T>,
    readonly accepted: (checked: T) => boolean,
    readonly options: { dryRun?: boolean; progress?: CommitProgress } = {},
  ) {
    super();
  }
}
