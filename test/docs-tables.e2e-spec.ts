import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { OpenAPIV3 } from 'openapi-types';
import { PUBLIC_EVENTS_V1 } from '@benefit-ledger/messaging';
import { TestApp } from './support/test-app';

/**
 * Tables in docs/ that restate the code are checked against it, so they cannot drift: the HTTP operations in
 * docs/api.md against the OpenAPI document the real app serves, and the public Kafka contract in docs/kafka.md
 * against PUBLIC_EVENTS_V1. If one of these fails after a change to the code, change the table to match. And no link
 * in README.md or docs/ leaves the repository: each points at a file (and heading) a clone has.
 */

const ROOT = join(__dirname, '..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** The rows of the first Markdown table under `heading` (a whole heading line), as arrays of trimmed cells. */
function tableUnder(file: string, heading: string): string[][] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`${file} has no heading "${heading}"`);
  const lines = text.slice(start + heading.length + 2).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const table = lines.slice(
    first,
    lines.findIndex((line, i) => i > first && !line.startsWith('|')),
  );
  return table.slice(2).map((row) => splitRow(row));
}

/** A Markdown table row's cells; `\|` inside a cell is a literal bar, not a separator. */
function splitRow(row: string): string[] {
  return row
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** The names in a cell: `a, b, c (from schema version 2)` -> ['a', 'b', 'c']; notes in brackets dropped. */
function namesIn(cell: string): string[] {
  return cell
    .replace(/\([^)]*\)/g, '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

describe('docs/api.md "Operations" lists exactly the operations of the OpenAPI document', () => {
  let app: TestApp;
  let documented: string[];

  beforeAll(async () => {
    app = await TestApp.start();
    const doc = (await app.http.get('/docs-json').expect(200)).body as OpenAPIV3.Document;
    documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item?.[method]).map((method) => `${method.toUpperCase()} ${path}`),
    );
  });
  afterAll(() => app.stop());

  it('every row names one operation the API serves, and every operation the API serves has a row', () => {
    const rows = tableUnder('docs/api.md', '## Operations');
    const inTable = rows.map((cells) => cells[0].replace(/^`|`$/g, ''));
    expect(documented.length).toBeGreaterThan(40);
    expect(inTable.filter((operation) => !documented.includes(operation))).toEqual([]); // in the table, not served
    expect(documented.filter((operation) => !inTable.includes(operation))).toEqual([]); // served, not in the table
    expect(new Set(inTable).size).toBe(inTable.length);
    for (const cells of rows) expect(cells.slice(1).every((cell) => cell !== '')).toBe(true); // who, and what
  });
});

describe('docs/kafka.md "Public contract v1" is the contract in libs/messaging', () => {
  type Entry = { publish: readonly string[]; partly?: Record<string, unknown>; withhold?: Record<string, string> };
  const contract = Object.entries(PUBLIC_EVENTS_V1) as [string, Entry][];
  const rows = tableUnder('docs/kafka.md', '## Public contract v1');

  it('has one row per event type the contract publishes, and no other', () => {
    expect(rows.map((cells) => cells[0]).sort()).toEqual(contract.map(([type]) => type).sort());
  });

  it.each(contract)('%s: the fields published and withheld are those the contract names', (type, entry) => {
    const [, published, withheld] = rows.find((cells) => cells[0] === type)!;
    const partly = Object.keys(entry.partly ?? {});
    // a field published in part is written `into.organisationId` (published) and `into.description` (withheld)
    const topLevel = (names: string[]) => [...new Set(names.map((name) => name.split('.')[0]))].sort();
    expect(topLevel(namesIn(published))).toEqual([...entry.publish, ...partly].sort());
    expect(topLevel(namesIn(withheld))).toEqual([...Object.keys(entry.withhold ?? {}), ...partly].sort());
    for (const field of partly) {
      expect(namesIn(published).some((name) => name.startsWith(`${field}.`))).toBe(true);
      expect(namesIn(withheld).some((name) => name.startsWith(`${field}.`))).toBe(true);
    }
  });
});

describe('links in README.md and docs/ stay inside the repository', () => {
  const pages = [
    'README.md',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  /** The page's prose: fenced code blocks and inline code removed (a URL there is an example, not a link). */
  const proseOf = (page: string) =>
    readFileSync(join(ROOT, page), 'utf8')
      .replace(/```[\s\S]*?```/g, '')
      .replace(/`[^`\n]*`/g, '');
  /** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens. */
  const anchorOf = (heading: string) =>
    heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}_\- ]/gu, '')
      .replace(/ /g, '-');
  const anchorsOf = (page: string) =>
    new Set(
      [
        ...readFileSync(join(ROOT, page), 'utf8')
          .replace(/```[\s\S]*?```/g, '')
          .matchAll(/^#{1,6} (.+)$/gm),
      ].map((m) => anchorOf(m[1])),
    );

  it.each(pages)('%s: every link is relative and resolves to a file and heading in the repository', (page) => {
    const prose = proseOf(page);
    const problems: string[] = [];
    for (const [, link] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) {
        problems.push(`${link}: leaves the repository`);
        continue;
      }
      const parts = link.split('#');
      const target = parts[0];
      const anchor = parts.at(1);
      const file = target === '' ? page : normalize(join(dirname(page), target));
      if (!existsSync(join(ROOT, file))) problems.push(`${link}: no such file`);
      else if (anchor !== undefined && file.endsWith('.md') && !anchorsOf(file).has(anchor))
        problems.push(`${link}: no such heading`);
    }
    for (const [url] of prose.matchAll(/https?:\/\/[^\s)>]+/g)) problems.push(`${url}: leaves the repository`);
    expect(problems).toEqual([]);
  });

  it('every docs/<page>.md#<heading> that code, tests and configuration point to exists', () => {
    const sources = ['apps', 'libs', 'test'].flatMap((folder) =>
      (readdirSync(join(ROOT, folder), { recursive: true }) as string[])
        .filter((file) => /\.(ts|tsx|js|mjs)$/.test(file) && !file.includes('node_modules'))
        .map((file) => join(folder, file)),
    );
    const pointers = [...sources, 'jest.config.js', 'docker-compose.yml'].flatMap((file) =>
      [...readFileSync(join(ROOT, file), 'utf8').matchAll(/docs\/([\w-]+\.md)(?:#([\w-]+))?/g)].map((match) => ({
        file,
        page: match[1],
        anchor: match.at(2),
      })),
    );
    expect(pointers.length).toBeGreaterThan(30);
    const dangling = pointers.filter(
      ({ page, anchor }) =>
        !existsSync(join(ROOT, 'docs', page)) || (anchor !== undefined && !anchorsOf(`docs/${page}`).has(anchor)),
    );
    expect(dangling).toEqual([]);
  });
});

describe('README.md shows every workspace screenshot', () => {
  it('has an image for each PNG in docs/workspace/, by its relative path', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const screenshots = readdirSync(join(ROOT, 'docs', 'workspace')).filter((f) => f.endsWith('.png'));
    expect(screenshots.length).toBeGreaterThan(10);
    expect(screenshots.filter((png) => !readme.includes(`](docs/workspace/${png})`))).toEqual([]);
  });
});
