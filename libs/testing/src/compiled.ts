import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The libraries as `npm run build` compiled them (npm test's pretest), from this file's place in the sources. */
const DIST_LIBS = join(__dirname, '..', '..', '..', 'dist', 'libs');

/**
 * The path of a compiled file of the libraries (`'event-store', 'src', 'sqlite', 'append-worker.js'`), for tests of
 * what exists only once built (the store's append worker thread). Throws, saying so, when it was not built.
 */
export function compiledPath(...path: string[]): string {
  const file = join(DIST_LIBS, ...path);
  if (!existsSync(file)) throw new Error(`no compiled ${file}: run npm run build first`);
  return file;
}

/** A compiled module of the libraries (`'event-store', 'src'`: its index), as the built API loads it; typed by the caller. */
export function compiledLib(...path: string[]): unknown {
  const last = path.length - 1;
  const file = existsSync(join(DIST_LIBS, ...path, 'index.js'))
    ? compiledPath(...path, 'index.js')
    : compiledPath(...path.slice(0, last), `${path[last]}.js`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled JavaScript under test, found at run time
  return require(file);
}
