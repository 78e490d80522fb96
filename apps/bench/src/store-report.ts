/** The store part's report: what was measured and how, then the port-against-raw table. */
import { formatRate, table } from './measure';
import { Options } from './options';
import { Comparison, LogInfo } from './store-bench';

export function reportStore(options: Options, results: Comparison[], log: LogInfo): void {
  const mb = (log.bytes / 1e6).toFixed(1);
  console.log(
    'Event store benchmark: SqliteEventStore through the EventStore port vs raw better-sqlite3 (same pragmas both sides)',
  );
  console.log(
    `appends   ${options.appends} single-event appends over ${Math.min(options.streams, options.appends)} streams, exact expected revisions; each its own BEGIN IMMEDIATE..COMMIT (fsync)`,
  );
  console.log(
    `log       ${options.events} events, ${mb} MB, built through the port in ${log.appendCalls} appends of <=${options.batch} over ${log.streams} streams in ${log.buildSeconds.toFixed(2)} s (${formatRate(options.events / log.buildSeconds)})`,
  );
  console.log(
    `method    median of ${options.runs} timed runs after a warm-up, port and raw alternating; ratio = port rate / raw rate`,
  );
  console.log('');
  console.log(
    table(
      ['measure', 'port', 'raw better-sqlite3', 'port/raw', 'port overhead'],
      results.map((result) => [
        result.measure,
        formatRate(result.port.eventsPerSecond),
        formatRate(result.raw.eventsPerSecond),
        `${result.ratio.toFixed(2)}x`,
        `${result.portOverheadMicros >= 0 ? '+' : ''}${result.portOverheadMicros.toFixed(1)} us/event`,
      ]),
    ),
  );
}
