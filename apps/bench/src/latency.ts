/** Latency figures of the ledger part: wall time of one call, and the median, nearest-rank p99 and maximum of many. */
import { median } from './measure';

export interface Latency {
  count: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

/** Nearest-rank percentile (with fewer than 100 samples, p99 is the maximum). */
export function percentile(values: number[], rank: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((rank / 100) * sorted.length) - 1))];
}

export function latency(ms: number[]): Latency {
  return { count: ms.length, medianMs: median(ms), p99Ms: percentile(ms, 99), maxMs: Math.max(...ms) };
}

export function timeMs<T>(work: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}
