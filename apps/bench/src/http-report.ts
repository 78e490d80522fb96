/** The HTTP part's report: each run's rate and latency beside the raw append rate, then the targets met or missed. */
import { HttpBenchResult } from './http-bench';
import { table } from './measure';
import { HTTP_TARGETS } from './targets';

/** os.loadavg()'s three figures, as `uptime` prints them. */
const load3 = (load: number[]) => load.map((average) => average.toFixed(2)).join(' ');

export function reportHttp(result: HttpBenchResult): void {
  const raw = result.rawSingleAppendsPerSecond;
  console.log(
    `raw durable single-row appends (better-sqlite3, WAL, synchronous=FULL, own transaction each): ${Math.round(raw).toLocaleString('en-GB')}/s (median of ${result.rawRuns.map((rate) => Math.round(rate)).join(', ')})`,
  );
  console.log('');
  const rows = result.runs.map((run) => [
    run.scenario,
    String(run.connections),
    run.seconds.toFixed(1),
    Math.round(run.commandsPerSecond).toLocaleString('en-GB'),
    (run.commandsPerSecond / raw).toFixed(2),
    String(run.p50Ms),
    String(run.p99Ms),
    run.apiCpuMsPerCommand.toFixed(2),
    run.loadGeneratorCpuMsPerCommand.toFixed(2),
    String(run.ok),
    String(run.non2xx + run.errors),
    run.logEventsBefore.toLocaleString('en-GB'),
    `${load3(run.loadBefore)} -> ${load3(run.loadAfter)}`,
  ]);
  const header = [
    'http POST cost',
    'conns',
    's',
    'commands/s',
    'x raw',
    'p50 ms',
    'p99 ms',
    'API cpu ms/cmd',
    'autocannon cpu ms/cmd',
    '2xx',
    'non-2xx+err',
    'log before',
    'load (uptime) before -> after',
  ];
  console.log(table(header, rows));
  console.log('');
  const at = (scenario: string, connections: number) =>
    result.runs.find((run) => run.scenario.startsWith(scenario) && run.connections === connections);
  const fresh16 = at('fresh', 16);
  const fresh1 = at('fresh', 1);
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  if (fresh16) {
    console.log(
      `target    16 connections >= ${HTTP_TARGETS.rateAt16}/s: ${Math.round(fresh16.commandsPerSecond)}/s ${verdict(fresh16.commandsPerSecond >= HTTP_TARGETS.rateAt16)}; p99 < ${HTTP_TARGETS.p99At16Ms} ms: ${fresh16.p99Ms} ms ${verdict(fresh16.p99Ms < HTTP_TARGETS.p99At16Ms)}; >= ${HTTP_TARGETS.ratioToRaw} x raw: ${(fresh16.commandsPerSecond / raw).toFixed(2)} ${verdict(fresh16.commandsPerSecond / raw >= HTTP_TARGETS.ratioToRaw)}`,
    );
    for (const other of result.runs.filter((run) => !run.scenario.startsWith('fresh'))) {
      const change = other.commandsPerSecond / fresh16.commandsPerSecond - 1;
      console.log(
        `target    ${other.scenario} within ${HTTP_TARGETS.flatWithin * 100}% of fresh: ${(change * 100).toFixed(1)}% ${verdict(Math.abs(change) <= HTTP_TARGETS.flatWithin || change > 0)}`,
      );
    }
  }
  if (fresh1)
    console.log(
      `target    1 connection p50 < ${HTTP_TARGETS.p50At1Ms} ms: ${fresh1.p50Ms} ms ${verdict(fresh1.p50Ms < HTTP_TARGETS.p50At1Ms)}`,
    );
  const failures = result.runs.reduce((sum, run) => sum + run.non2xx + run.errors, 0);
  console.log(
    `target    zero non-2xx: ${failures} ${verdict(failures === 0)}; every log counted after its phase: events = setup + 2xx answers`,
  );
  console.log(
    '          cpu ms/cmd: CPU time (user+system, all threads) per 2xx answer, of the API process (/proc) and of the bench process running autocannon',
  );
  console.log(
    "          latencies are autocannon's (whole milliseconds); load is os.loadavg() 1/5/15 min, as `uptime` prints it",
  );
}
