import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, CsvFileError, readCsv } from '../src/import/csv-file';

const COLUMNS: Column[] = [
  { name: 'id', type: 'text', required: true, description: '' },
  { name: 'amount', type: 'integer', required: true, description: '' },
  { name: 'flag', type: 'boolean', required: false, description: '' },
  { name: 'tags', type: 'list', required: false, description: '' },
  { name: 'note', type: 'text', required: false, description: '' },
];

describe('readCsv', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'csv-file-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (text: string) => {
    const path = join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(path, text);
    return path;
  };

  it('numbers each row by the line it starts on, across quoted line breaks and blank lines', () => {
    const rows = readCsv(file('\uFEFFid,amount,note\na,1,"two\nlines"\n\nb,2,x\nc,3,\n'), COLUMNS);
    expect(rows.map((r) => [r.line, r.cells.id])).toEqual([
      [2, 'a'],
      [5, 'b'],
      [6, 'c'],
    ]);
    expect(rows[0].cells.note).toBe('two\nlines');
    expect(rows[2].empty.has('note')).toBe(true);
  });

  it('reads cells by column type, leaving what does not read as its type as text for the DTO to name', () => {
    const [row, bad] = readCsv(file('id,amount,flag,tags\na, 12 ,TRUE,x; y ;\nb,"1,200.00",maybe,\n'), COLUMNS);
    expect(row.cells).toEqual({ id: 'a', amount: 12, flag: true, tags: ['x', 'y'] });
    expect(bad.cells).toEqual({ id: 'b', amount: '1,200.00', flag: 'maybe', tags: [] });
  });

  it('refuses unknown and missing columns, an empty file, a header alone and malformed CSV', () => {
    expect(() => readCsv(file('id,amount,colour\na,1,red\n'), COLUMNS)).toThrow(
      new CsvFileError('unknown column colour; the columns are: id, amount, flag, tags, note'),
    );
    expect(() => readCsv(file('id,note\na,x\n'), COLUMNS)).toThrow('missing required column amount');
    expect(() => readCsv(file(''), COLUMNS)).toThrow('the file is empty');
    expect(() => readCsv(file('id,amount\n'), COLUMNS)).toThrow('has a header but no rows');
    expect(() => readCsv(file('id,amount\na,1,2\n'), COLUMNS)).toThrow(CsvFileError);
  });
});
