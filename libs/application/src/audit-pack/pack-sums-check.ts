import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUMS_FILE, sha256Hex } from './pack-layout';
import { PackProblem } from './pack-problem';

/** Every file listed in SHA256SUMS has that hash; every file in the pack is listed. Answers the number of files. */
export function checkSums(dir: string, packFiles: readonly string[], problem: (found: PackProblem) => void): number {
  const present = packFiles.filter((f) => f !== SUMS_FILE);
  const sums = existsSync(join(dir, SUMS_FILE)) ? readFileSync(join(dir, SUMS_FILE), 'utf8') : null;
  if (sums === null) {
    problem({ file: SUMS_FILE, reason: 'missing from the pack' });
    return present.length;
  }
  const listed = new Map<string, string>();
  sums
    .split('\n')
    .filter(Boolean)
    .forEach((line, i) => {
      const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
      if (!m) problem({ file: SUMS_FILE, reason: `line ${i + 1} is not "<sha256>  <file>"` });
      else listed.set(m[2], m[1]);
    });
  for (const [file, hash] of listed) {
    if (!existsSync(join(dir, file))) problem({ file, reason: 'listed in SHA256SUMS but missing from the pack' });
    else if (sha256Hex(readFileSync(join(dir, file))) !== hash)
      problem({ file, reason: 'its SHA-256 does not match SHA256SUMS: the file was edited' });
  }
  for (const file of present)
    if (!listed.has(file)) problem({ file, reason: 'not listed in SHA256SUMS: the file was added to the pack' });
  return present.length + 1;
}
