import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SUMS_FILE, sha256Hex, sumsLine } from './pack-layout';

/** Writes a pack's files under one directory, remembering each file's SHA-256 for SHA256SUMS. */
export class PackFiles {
  private readonly sums = new Map<string, string>();

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  write(path: string, content: string): void {
    const bytes = Buffer.from(content, 'utf8');
    mkdirSync(dirname(join(this.dir, path)), { recursive: true });
    writeFileSync(join(this.dir, path), bytes);
    this.sums.set(path, sha256Hex(bytes));
  }

  json(path: string, value: unknown): void {
    this.write(path, `${JSON.stringify(value, null, 2)}\n`);
  }

  get count(): number {
    return this.sums.size;
  }

  /** SHA256SUMS over every file written, in path order: `sha256sum -c SHA256SUMS` re-checks them all. */
  writeSums(): void {
    const lines = [...this.sums.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([path, hash]) => sumsLine(hash, path));
    writeFileSync(join(this.dir, SUMS_FILE), lines.join(''));
  }
}
