import { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { loadConfig } from '@benefit-ledger/application';
import { REBUILD_BATCH, ReadModelStore, rebuildReadModels } from '@benefit-ledger/projections';
import { openCore } from '../application-context';
import { asTheWriter } from '../writer-lock';

/** Drops and rebuilds every read model from position zero; prints the digest of the result. */
export function rebuildCommand(print: (line: string) => void): Command {
  return new Command('rebuild')
    .description(
      'drop every read model and fold the whole log again from position zero; refused while the API runs on the same DATA_DIR; prints the digest',
    )
    .option('--batch <events>', 'events applied per transaction', (v) => Number(v), REBUILD_BATCH)
    .action(async (options: { batch: number }) => {
      if (!Number.isInteger(options.batch) || options.batch < 1)
        throw new Error('--batch must be a whole number of events');
      const config = loadConfig();
      await asTheWriter(config, 'rebuild', async () => {
        const core = await openCore(config);
        try {
          const readModels = core.context.get(ReadModelStore);
          const total = await core.store.headPosition();
          const bar = process.stderr.isTTY
            ? new SingleBar(
                {
                  format: 'rebuild [{bar}] {percentage}% | {phase} | position {value}/{total}',
                  stream: process.stderr,
                },
                Presets.shades_classic,
              )
            : null;
          // the fold reports positions; the phases SQLite runs from the log file report only that they began
          let position = 0;
          bar?.start(total, 0, { phase: 'starting' });
          const started = process.hrtime.bigint();
          const result = await rebuildReadModels(core.store, readModels, {
            batchSize: options.batch,
            onProgress: (_n, at) => bar?.update((position = at)),
            onPhase: (phase) => bar?.update(position, { phase }),
          });
          bar?.stop();
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          print(
            `rebuilt ${result.events} events in ${seconds.toFixed(2)} s (${Math.round(result.events / Math.max(seconds, 1e-9))} events/s)`,
          );
          print(`digest ${result.digest}`);
        } finally {
          await core.context.close();
        }
      });
    });
}

/** Prints the checkpoint and digest of the read models as they stand (e.g. after the API's live catch-up). */
export function digestCommand(print: (line: string) => void): Command {
  return new Command('digest')
    .description("print the read models' checkpoint and digest as they stand, to compare live catch-up with a rebuild")
    .action(async () => {
      const core = await openCore(loadConfig());
      try {
        const readModels = core.context.get(ReadModelStore);
        print(`checkpoint ${readModels.checkpoint()}`);
        print(`digest ${readModels.digest()}`);
      } finally {
        await core.context.close();
      }
    });
}
