import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/**
 * One home per concern: what the CLI and the libraries share with the HTTP API lives in libs/contracts, so
 * nothing under apps/cli/src or libs/ reaches into apps/api. Read from the source text, so that a relative
 * path (`../../../api/src/...`), a `require` or a dynamic `import()` is caught as well as a static import.
 */
const ROOT = join(__dirname, '../../..');

/** Every module specifier in a TypeScript source: import/export ... from, side-effect imports, import(), require(). */
const specifiersIn = (source: string): string[] =>
  [
    ...source.matchAll(
      /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/gm,
    ),
  ].map((match) => match.slice(1).join('')); // one alternative matched: the other groups are undefined, joined as ''

/** The specifiers of `file` (repository-relative) that point into apps/api, however they are written. */
function appApiImports(file: string, source: string): string[] {
  return specifiersIn(source).filter((specifier) => {
    if (!specifier.startsWith('.')) return /(^|\/)apps\/api(\/|$)/.test(specifier);
    const target = normalize(join(dirname(file), specifier));
    return target === join('apps', 'api') || target.startsWith(join('apps', 'api') + '/');
  });
}

const sourcesUnder = (folder: string): string[] =>
  (readdirSync(join(ROOT, folder), { recursive: true }) as string[])
    .filter((file) => /\.(ts|tsx|js|mjs|cjs)$/.test(file) && !file.split('/').includes('node_modules'))
    .map((file) => relative(ROOT, join(ROOT, folder, file)));

describe('apps/cli and libs/ never import from apps/api', () => {
  // this file is left out: its own examples below are import lines into apps/api, as strings
  const files = [...sourcesUnder('apps/cli/src'), ...sourcesUnder('libs')].filter(
    (file) => file !== relative(ROOT, __filename),
  );

  it('finds the sources it scans', () => {
    expect(files).toContain('apps/cli/src/import/csv-import.ts');
    expect(files).toContain('libs/contracts/src/index.ts');
    expect(files.length).toBeGreaterThan(100);
  });

  it('no file under apps/cli/src or libs/ names a module in apps/api', () => {
    const offending = files.flatMap((file) =>
      appApiImports(file, readFileSync(join(ROOT, file), 'utf8')).map((specifier) => `${file}: ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

  // the detector itself: what it must catch and what it must let through
  it.each([
    ['apps/cli/src/import/csv-import.ts', "import { validatePlain } from '../../../api/src/http/validation';"],
    ['apps/cli/src/gateway/x.ts', "import {\n  statusOf,\n} from '../../../api/src/http/domain-error-status';"],
    ['libs/application/src/x.ts', "export { AppModule } from '../../../apps/api/src/app.module';"],
    ['libs/contracts/test/x.spec.ts', "const app = require('../../../apps/api/src/create-app');"],
    ['apps/cli/src/x.ts', "const late = await import('../../api/src/main');"],
    ['libs/domain/src/x.ts', "import 'apps/api/src/main';"],
  ])('flags %s importing from apps/api', (file, source) => {
    expect(appApiImports(file, source)).toHaveLength(1);
  });

  it.each([
    ['apps/cli/src/import/csv-import.ts', "import { validatePlain } from '@benefit-ledger/contracts';"],
    ['apps/cli/src/import/csv-import.ts', "import { readCsv } from './csv-file';"],
    ['libs/contracts/src/x.ts', "import { api } from '../api/src/fields';"],
    ['apps/cli/src/x.ts', "// the API's rules: see apps/api/src/http/error.filter.ts"],
  ])('lets %s through when it does not import from apps/api', (file, source) => {
    expect(appApiImports(file, source)).toEqual([]);
  });
});

const ALLOWED_PACKAGES = [
  'class-validator',
  'class-transformer',
  '@nestjs/swagger',
  '@benefit-ledger/domain',
  '@benefit-ledger/application',
  '@benefit-ledger/projections',
];
/** From @nestjs/common only decorator composition and the validation error's type: no module, controller or pipe. */
const ALLOWED_FROM_NEST_COMMON = ['applyDecorators', 'ValidationError'];

describe('libs/contracts holds decorators and plain code only', () => {
  const files = sourcesUnder('libs/contracts/src');

  it.each(files)('%s imports only validation and OpenAPI decorators, the domain and its own files', (file) => {
    const source = readFileSync(join(ROOT, file), 'utf8');
    const packages = specifiersIn(source).filter((specifier) => !specifier.startsWith('.'));
    expect(packages.filter((name) => name !== '@nestjs/common' && !ALLOWED_PACKAGES.includes(name))).toEqual([]);
    const fromNestCommon = [...source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@nestjs\/common'/g)].flatMap((match) =>
      match[1].split(',').map((name) => name.trim()),
    );
    expect(fromNestCommon.filter((name) => name && !ALLOWED_FROM_NEST_COMMON.includes(name))).toEqual([]);
  });
});
