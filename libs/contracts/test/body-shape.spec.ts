import 'reflect-metadata';
import fc from 'fast-check';
import { BODY_LIMITS, FORBIDDEN_KEYS, bodyShapeProblem } from '../src/http-validation/body-shape';
import { parseWasteReductionReport } from '../src/finance/waste-reduction-report-parser';

const nested = (levels: number, inner: unknown = 1): unknown => {
  let value = inner;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
};

/** The shape guard every body and message passes before class-transformer and class-validator walk it. */
describe('bodyShapeProblem', () => {
  it('refuses what is not an object, naming what it is', () => {
    expect(bodyShapeProblem([])).toEqual({ field: '', message: 'the body must be a JSON object, not an array' });
    expect(bodyShapeProblem(null)?.message).toBe('the body must be a JSON object, not null');
    expect(bodyShapeProblem(42)?.message).toBe('the body must be a JSON object, not a number');
    expect(bodyShapeProblem(undefined)?.message).toBe('the body must be a JSON object, not a undefined');
  });

  it(`allows ${BODY_LIMITS.depth} levels and refuses one more, naming where`, () => {
    expect(bodyShapeProblem({ a: nested(BODY_LIMITS.depth - 1) })).toBeNull();
    expect(bodyShapeProblem({ a: nested(BODY_LIMITS.depth) })).toEqual({
      field: `a${'[0]'.repeat(BODY_LIMITS.depth - 1)}`,
      limit: 'depth',
      message: `the body is nested deeper than ${BODY_LIMITS.depth} levels (at a${'[0]'.repeat(BODY_LIMITS.depth - 1)})`,
    });
  });

  it('walks a million levels without overflowing the stack', () => {
    expect(bodyShapeProblem({ a: nested(1_000_000) })).toMatchObject({ limit: 'depth' });
  });

  it(`allows ${BODY_LIMITS.members} keys and array items in all, and refuses one more`, () => {
    const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
    expect(bodyShapeProblem(keys(BODY_LIMITS.members))).toBeNull();
    expect(bodyShapeProblem(keys(BODY_LIMITS.members + 1))).toMatchObject({ limit: 'members' });
    expect(bodyShapeProblem({ a: Array(BODY_LIMITS.members - 1).fill(0) })).toBeNull();
    expect(bodyShapeProblem({ a: Array(BODY_LIMITS.members).fill(0) })).toMatchObject({ limit: 'members', field: 'a' });
  });

  it('refuses prototype keys and the names of Object methods anywhere, as JSON.parse makes them', () => {
    for (const key of ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty']) {
      expect(FORBIDDEN_KEYS).toContain(key);
      expect(bodyShapeProblem(JSON.parse(`{"a":[{"b":{"${key}":1}}]}`))).toMatchObject({ field: `a[0].b.${key}` });
    }
    expect(bodyShapeProblem(JSON.parse('{"__proto__":{"admin":true}}'))?.message).toContain('__proto__ is not allowed');
  });

  it('passes any JSON object within the limits that has no forbidden key (generated)', () => {
    const allowedKey = fc.string({ maxLength: 6 }).filter((k) => !FORBIDDEN_KEYS.includes(k));
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', maxDepth: 6 },
        fc.jsonValue({ maxDepth: 0 }),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(allowedKey, tie('value'), { maxKeys: 4 }),
      ),
    }));
    fc.assert(
      fc.property(
        fc.dictionary(allowedKey, value, { maxKeys: 5 }),
        (body) => bodyShapeProblem(JSON.parse(JSON.stringify(body))) === null,
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});

/** Kafka messages (and CSV imports) go through validatePlain: the same guard, and null for an optional field refused. */
describe('validatePlain shares the shape guard', () => {
  const report = {
    organisationId: 'riverside',
    financialYear: '2019/20',
    totalPence: 1,
    lines: [{ lineId: 'L1', description: 'x', amountPence: 1, cashReleasing: false, recurrent: true }],
    source: { system: 'ledger', reference: 'r' },
  };

  it('refuses a deep message, a prototype key and null for an optional field, naming where', () => {
    expect(parseWasteReductionReport({ ...report, source: { ...report.source, extra: nested(5_000) } })).toEqual({
      errors: [
        {
          field: expect.stringMatching(/^source\.extra\[0\]/),
          messages: [expect.stringContaining(`nested deeper than ${BODY_LIMITS.depth} levels`)],
        },
      ],
    });
    expect(
      parseWasteReductionReport(JSON.parse(`{"organisationId":"riverside","lines":[{"__proto__":{"amountPence":1}}]}`)),
    ).toEqual({
      errors: [
        { field: 'lines[0].__proto__', messages: [expect.stringContaining('lines[0].__proto__ is not allowed')] },
      ],
    });
    expect(parseWasteReductionReport({ ...report, source: { ...report.source, extractedOn: null } })).toEqual({
      errors: [
        { field: 'source.extractedOn', messages: ['source.extractedOn must not be null: leave it out instead'] },
      ],
    });
    expect(parseWasteReductionReport(report)).toHaveProperty('command');
  });
});
