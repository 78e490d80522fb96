import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import * as tar from 'tar';

/** A pack directory (`name` under `parent`) as a .tar.gz stream, every entry under `name/`, stamped with `mtime`. */
export function packArchive(parent: string, name: string, mtime: Date): Readable {
  return tar.c({ gzip: true, cwd: parent, portable: true, mtime }, [name]) as unknown as Readable;
}

/** Writes a pack directory as a .tar.gz file. */
export async function writePackArchive(parent: string, name: string, file: string, mtime: Date): Promise<void> {
  await tar.c({ gzip: true, cwd: parent, portable: true, mtime, file }, [name]);
}

/**
 * Unpacks a .tar.gz pack into a fresh temporary directory; answers the pack's directory (its one top-level
 * folder) and a cleanup. tar refuses absolute paths and `..`, so nothing lands outside that directory.
 */
export async function extractPackArchive(file: string): Promise<{ dir: string; cleanup: () => void }> {
  const into = mkdtempSync(join(tmpdir(), 'audit-pack-verify-'));
  const cleanup = () => rmSync(into, { recursive: true, force: true });
  try {
    await tar.x({ file, cwd: into, strict: true });
    const top = readdirSync(into);
    const dir = top.length === 1 && statSync(join(into, top[0])).isDirectory() ? join(into, top[0]) : into;
    return { dir, cleanup };
  } catch (error) {
    cleanup();
    throw new Error(`${file} is not a readable .tar.gz audit pack: ${(error as Error).message}`, { cause: error });
  }
}
