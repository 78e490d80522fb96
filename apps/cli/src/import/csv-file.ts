import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** One column of an import layout. */
export interface Column {
  name: string;
  required: boolean;
  /** How a cell is read: integers and numbers as numbers, booleans as true/false, lists split on ';'. */
  type: 'text' | 'integer' | 'number' | 'boolean' | 'list';
  description: string;
}

/** A cell read by its column's type (text that does not read as the type stays text). */
export type CellValue = string | number | boolean | string[];

/** A data row: the file line it starts on (the header is line 1) and its cells, read by column type. */
export interface CsvRow {
  line: number;
  /** An empty cell is absent, except an empty list (`[]`). */
  cells: Partial<Record<string, CellValue>>;
  /** Columns whose cell was empty. */
  empty: Set<string>;
}

/** The file cannot be read as the layout: nothing in it is imported. */
export class CsvFileError extends Error {}

/** A cell's value by column type; anything that does not read as the type stays text, so the DTO names the problem. */
function readCell(text: string, type: Column['type']): CellValue {
  switch (type) {
    case 'integer':
      return /^[+-]?\d+$/.test(text) ? Number(text) : text;
    case 'number':
      return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : text;
    case 'boolean':
      return /^(true|false)$/i.test(text) ? text.toLowerCase() === 'true' : text;
    case 'list':
      return text
        .split(';')
        .map((x) => x.trim())
        .filter((x) => x.length > 0);
    case 'text':
      return text;
  }
}

/** The line a record starts on, from the line it ends on and its raw text (records may span lines inside quotes). */
function startLine(raw: string, endLine: number): number {
  const body = raw.replace(/^(\r?\n)+/, '');
  let newlines = (body.match(/\n/g) ?? []).length;
  if (body.endsWith('\n')) newlines -= 1;
  return endLine - newlines;
}

/**
 * Reads a CSV file with a header row (csv-parse): a byte-order mark is ignored, cells are trimmed, empty lines
 * skipped. The header must name every required column and nothing outside the layout, in any order.
 */
export function readCsv(file: string, columns: readonly Column[]): CsvRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CsvFileError(`cannot read ${file}: ${(error as Error).message}`);
  }
  // a row leaves out the optional columns its header does not name
  let records: { record: Partial<Record<string, string>>; raw: string; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, bom: true, trim: true, skip_empty_lines: true, info: true, raw: true });
  } catch (error) {
    throw new CsvFileError(`${file} is not well-formed CSV: ${(error as Error).message}`);
  }
  const header = records.length ? Object.keys(records[0].record) : parseHeader(text);
  const known = new Set(columns.map((c) => c.name));
  const unknown = header.filter((h) => !known.has(h));
  if (unknown.length)
    throw new CsvFileError(
      `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; the columns are: ${columns.map((c) => c.name).join(', ')}`,
    );
  const missing = columns.filter((c) => c.required && !header.includes(c.name)).map((c) => c.name);
  if (missing.length)
    throw new CsvFileError(`missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (records.length === 0) throw new CsvFileError(`${file} has a header but no rows`);
  return records.map(({ record, raw, info }) => {
    const cells: CsvRow['cells'] = {};
    const empty = new Set<string>();
    for (const column of columns) {
      const value = record[column.name];
      if (value === undefined || value === '') {
        empty.add(column.name);
        if (column.type === 'list') cells[column.name] = [];
        continue;
      }
      cells[column.name] = readCell(value, column.type);
    }
    return { line: startLine(raw, info.lines), cells, empty };
  });
}

function parseHeader(text: string): string[] {
  const rows = parse(text, { bom: true, trim: true, skip_empty_lines: true, to_line: 1 });
  if (rows.length === 0) throw new CsvFileError('the file is empty: it needs a header row and at least one row');
  return rows[0];
}
