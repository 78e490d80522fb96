import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DataDirInUseError, lockDataDir, readHolder, writerHolderFile } from '../src';

/** The pid of a process that has come and gone. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('the data directory writer lock', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'ledger-lock-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a second writer, naming the holder, until the first lets go', () => {
    const first = lockDataDir(dataDir, 'the API on port 3000');
    let refused: unknown;
    try {
      lockDataDir(dataDir, 'cli rebuild');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DataDirInUseError);
    expect((refused as Error).message).toMatch(
      new RegExp(
        `^data directory ${dataDir} is in use by process ${process.pid} \\(the API on port 3000(, npm [a-z ]+|, npx)?, since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\); stop it first$`,
      ),
    );
    expect(readHolder(dataDir)).toMatchObject({ pid: process.pid, command: 'the API on port 3000', host: hostname() });

    first.release();
    expect(existsSync(writerHolderFile(dataDir))).toBe(false);
    const second = lockDataDir(dataDir, 'cli rebuild');
    expect(readHolder(dataDir)).toMatchObject({ pid: process.pid, command: 'cli rebuild' });
    second.release();
  });

  it('takes over a holder file left by a process that is gone (the lock itself went with it)', () => {
    const gone = deadPid();
    writeFileSync(
      writerHolderFile(dataDir),
      JSON.stringify({ pid: gone, command: 'cli import', host: hostname(), since: '2020-01-01T00:00:00.000Z' }),
    );
    const lock = lockDataDir(dataDir, 'cli demo');
    expect(readHolder(dataDir)).toMatchObject({ pid: process.pid, command: 'cli demo' });
    lock.release();
  });

  it('names no dead process when the holder has not yet written itself down', () => {
    const lock = lockDataDir(dataDir, 'the API on port 3000');
    // as if the live holder had just taken the lock and the file still named its dead predecessor
    writeFileSync(
      writerHolderFile(dataDir),
      JSON.stringify({ pid: deadPid(), command: 'cli import', host: hostname(), since: '2020-01-01T00:00:00.000Z' }),
    );
    expect(() => lockDataDir(dataDir, 'cli rebuild')).toThrow(
      `data directory ${dataDir} is in use by another process (starting up); stop it first`,
    );
    lock.release();
  });

  it('creates the data directory if need be, and releasing twice is harmless', () => {
    const fresh = join(dataDir, 'new', 'dir');
    const lock = lockDataDir(fresh, 'cli demo');
    expect(JSON.parse(readFileSync(writerHolderFile(fresh), 'utf8')).pid).toBe(process.pid);
    lock.release();
    lock.release();
    lockDataDir(fresh, 'cli demo').release();
  });

  it('is held for the life of the process even when nobody keeps the lock object (a garbage collection drops nothing)', () => {
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const unreferenced = new WeakRef(lockDataDir(dataDir, 'the API on port 3000'));
    collectGarbage();
    expect(() => lockDataDir(dataDir, 'cli rebuild')).toThrow(DataDirInUseError);
    // released at exit as any lock is; release now if the object is still there, so the temp dir can go
    unreferenced.deref()?.release();
    const holderExit = process.listeners('exit').length;
    const lock = lockDataDir(dataDir + '-second', 'cli demo');
    expect(process.listeners('exit').length).toBe(holderExit + 1);
    lock.release();
    expect(process.listeners('exit').length).toBe(holderExit); // a released lock leaves no listener behind
    rmSync(dataDir + '-second', { recursive: true, force: true });
  });
});
