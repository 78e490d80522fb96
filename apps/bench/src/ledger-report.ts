/** The ledger part's report: the generated ledger, how each figure was taken, and the results against the targets. */
import { LedgerResult } from './ledger-run';
import { formatRate, table } from './measure';
import { TARGETS } from './targets';

const MB = (bytes: number) => bytes / 1e6;
const ms = (millis: number) => (millis < 10 ? millis.toFixed(2) : millis < 100 ? millis.toFixed(1) : millis.toFixed(0));
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const number = (count: number) => count.toLocaleString('en-GB');

export function reportLedger(result: LedgerResult): void {
  const { stats, measurement } = result;
  const types = Object.entries(stats.byType)
    .sort(([, countA], [, countB]) => countB - countA)
    .map(([type, count]) => `${type} ${number(count)}`)
    .join(', ');
  console.log('Read-model benchmark: rebuild, /trace and as-at /system/flows on a generated ledger');
  console.log(
    `ledger    ${number(stats.events)} events, ${MB(result.bytes).toFixed(0)} MB, seed '${stats.seed}': ${stats.organisations} organisations, ${number(stats.interventions)} interventions, ${stats.partnerships} partnerships, ${number(stats.streams)} streams; recordedAt ${stats.firstRecordedAt} .. ${stats.lastRecordedAt}`,
  );
  console.log(`          ${types}`);
  console.log(
    `generate  ${result.reused ? 'reused from an earlier run: ' : 'in a child process of its own, '}through SqliteEventStore.append in ${number(stats.appends)} appends (one per stream per ${stats.batchMonths}-month batch, deciders' events, real hash chain) in ${stats.seconds.toFixed(1)} s (${formatRate(stats.events / stats.seconds)}; not a target)`,
  );
  console.log(
    `rebuild   rebuildReadModels as \`npm run cli -- rebuild\` runs it (SQLite makes the row facts and, on a worker thread, the provenance file from the log file) in a fresh child process into fresh files: ${measurement.rebuild.seconds.toFixed(1)} s = ${Object.entries(
      measurement.rebuild.phaseSeconds,
    )
      .map(([phase, phaseSeconds]) => `${phase} ${phaseSeconds.toFixed(1)} s`)
      .join(' + ')} (the last with the swap), figures file ${MB(measurement.rebuild.readModelBytes).toFixed(0)} MB`,
  );
  console.log(
    `raw       same file, same process, after the rebuild: SELECT * FROM events ORDER BY position, .iterate(), JSON.parse of data and metadata; median of ${measurement.raw.runs.length} runs (${measurement.raw.runs.map((rate) => formatRate(rate)).join(', ')})`,
  );
  console.log(
    `memory    peak RSS = the child's kernel high-water mark (getrusage maxRSS) after the rebuild; RSS before the rebuild ${MB(measurement.memory.baselineRssBytes).toFixed(0)} MB, highest of ${measurement.memory.progressSamples} progress samples ${MB(measurement.memory.sampledPeakRssBytes).toFixed(0)} MB (50 ms timer ticks during the fold: ${measurement.memory.timerSamples})`,
  );
  console.log(
    `trace     ${measurement.trace.count} figures from real answers (pinned to the checkpoint unless as at), each trace(decode(ref)) timed once after a 20-trace warm-up; ${measurement.trace.mismatches} whose arithmetic total differs from the figure`,
  );
  console.log(
    `as-at     systemFlows({financialYear: '${measurement.flowsAsAt.financialYear}', cutoff: cutoff('${measurement.flowsAsAt.asAt}') (recordedAt of position ${number(measurement.flowsAsAt.asAtPosition)}), resolved to its log position inside each timed call}) x ${measurement.flowsAsAt.count} after a warm-up: ${number(measurement.flowsAsAt.links)} links`,
  );
  console.log(
    `checks    events_seen ${number(measurement.checks.eventsSeen)} (${measurement.checks.eventsMatch ? 'all' : 'NOT all'} events); all-years validated ${number(measurement.checks.validatedPenceAllYears)}p ${measurement.checks.validatedMatches ? "= the generator's total" : `!= the generator's ${number(stats.validatedPence)}p`}; digest ${measurement.rebuild.digest.slice(0, 16)}…`,
  );
  console.log('');
  const rssMB = MB(measurement.memory.maxRssBytes);
  console.log(
    table(
      ['measure', 'result', 'raw better-sqlite3', 'ratio', 'target', 'verdict'],
      [
        [
          'rebuild read models',
          formatRate(measurement.rebuild.eventsPerSecond),
          formatRate(measurement.raw.eventsPerSecond),
          `${measurement.ratio.toFixed(2)}x`,
          `>= ${TARGETS.rebuildRatio.toFixed(1)}x raw`,
          verdict(measurement.ratio >= TARGETS.rebuildRatio),
        ],
        [
          `trace, ${measurement.trace.count} figures`,
          `median ${ms(measurement.trace.medianMs)} ms, p99 ${ms(measurement.trace.p99Ms)} ms`,
          '',
          '',
          `p99 < ${TARGETS.traceP99Ms} ms`,
          verdict(measurement.trace.p99Ms < TARGETS.traceP99Ms),
        ],
        [
          `as-at system flows, ${measurement.flowsAsAt.count} runs`,
          `median ${ms(measurement.flowsAsAt.medianMs)} ms, p99 ${ms(measurement.flowsAsAt.p99Ms)} ms`,
          '',
          '',
          `p99 < ${TARGETS.flowsAsAtMs} ms`,
          verdict(measurement.flowsAsAt.p99Ms < TARGETS.flowsAsAtMs),
        ],
        [
          'peak RSS during rebuild',
          `${rssMB.toFixed(0)} MB`,
          '',
          '',
          `< ${TARGETS.peakRssMB} MB`,
          verdict(rssMB < TARGETS.peakRssMB),
        ],
      ],
    ),
  );
  console.log('');
  console.log(
    table(
      ['trace by figure kind', 'traced', 'of', 'median ms', 'p99 ms', 'max ms', 'events/figure', 'source query ms'],
      measurement.trace.kinds.map((traced) => [
        traced.kind,
        String(traced.count),
        number(traced.available),
        ms(traced.medianMs),
        ms(traced.p99Ms),
        ms(traced.maxMs),
        traced.meanEvents.toFixed(1),
        ms(traced.sourceQueryMs),
      ]),
    ),
  );
  console.log('');
  console.log(
    `context   as-at flows over all years: median ${ms(measurement.flowsAsAtAllYears.medianMs)} ms, max ${ms(measurement.flowsAsAtAllYears.maxMs)} ms (${measurement.flowsAsAtAllYears.count} runs); pinned (upTo) flows for ${measurement.flowsAsAt.financialYear}: median ${ms(measurement.flowsPinned.medianMs)} ms, max ${ms(measurement.flowsPinned.maxMs)} ms (${measurement.flowsPinned.count} runs)`,
  );
  console.log('          p99 is nearest-rank: with fewer than 100 samples it is the maximum. MB = 10^6 bytes.');
}
