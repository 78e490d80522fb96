import { statfsSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';

/** Collects garbage (when node runs with --expose-gc) so one run's garbage is not billed to the next. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Wall-clock seconds taken by `work` (process.hrtime.bigint), after a GC. */
export async function seconds(work: () => unknown): Promise<number> {
  collectGarbage();
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The statfs magic numbers likely to be under os.tmpdir(); fsync cost depends heavily on which. */
const FILESYSTEMS: Record<number, string> = {
  0xef53: 'ext2/3/4',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x01021994: 'tmpfs (fsync is free)',
  0x794c7630: 'overlayfs',
  0x2fc12fc1: 'zfs',
  0x65735546: 'fuse',
  0x6969: 'nfs',
  0x5346544e: 'ntfs',
  0x4d44: 'vfat',
  0x1021997: 'v9fs',
};

export function filesystemOf(path: string): string {
  try {
    const type = statfsSync(path).type;
    return FILESYSTEMS[type] ?? `statfs type 0x${type.toString(16)}`;
  } catch {
    return 'unknown';
  }
}

export interface MachineInfo {
  node: string;
  platform: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
}

export function machineInfo(): MachineInfo {
  const cpuList = cpus();
  return {
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  };
}

export function formatRate(eventsPerSecond: number): string {
  return `${Math.round(eventsPerSecond).toLocaleString('en-GB')} ev/s`;
}

/** A plain fixed-width table: first column left-aligned, the rest right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((heading, column) => Math.max(heading.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}
