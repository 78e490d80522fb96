import 'reflect-metadata';
import fc from 'fast-check';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { RecordCostDto } from '../src/interventions/record-cost.dto';
import { recordCostCheck } from '../src/interventions/record-cost.compiled-check';
import { validatorOptions } from '../src/http-validation/validate-plain';

/** What the HTTP pipe did before the compiled check: class-transformer, then class-validator with the API's options. */
const classValidatorErrors = (plain: object) =>
  validateSync(plainToInstance(RecordCostDto, plain, { enableImplicitConversion: false }), validatorOptions);

const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,20}$/);
const text = (max: number) => fc.string({ minLength: 1, maxLength: max });
const financialYear = fc
  .integer({ min: 1948, max: 2099 })
  .map((start) => `${start}/${String((start + 1) % 100).padStart(2, '0')}`);
const calendarDate = fc
  .date({ min: new Date('1948-07-05T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

const validCost = fc.record(
  {
    costId: id,
    costType: fc.constantFrom('direct', 'indirect'),
    category: text(200),
    amountPence: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    financialYear,
    bearerOrganisationId: id,
    source: fc.record(
      { system: text(200), reference: text(200), extractedOn: calendarDate },
      { requiredKeys: ['system', 'reference'] },
    ),
  },
  { requiredKeys: ['costType', 'category', 'amountPence', 'financialYear', 'bearerOrganisationId', 'source'] },
);

/** Values a client may send in any field: every JSON kind, and near misses of the real forms. */
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', ' ', '2019/21', '1947/48', '2019-02-30', '2019-13-01', 'a'.repeat(201), '-x', 'direct ', null),
  fc.constantFrom(-1, 0.5, Number.MAX_SAFE_INTEGER + 1, 1e300),
  fc.constant(null).map(() => ({})), // a fresh object each time: a mutation may change it
  fc.constant(null).map(() => []),
);
const fieldNames = [
  'costId',
  'costType',
  'category',
  'amountPence',
  'financialYear',
  'bearerOrganisationId',
  'source',
  'restatement',
  'extra',
];
const sourceFieldNames = ['system', 'reference', 'extractedOn', 'extra'];

/** A valid body with one or two fields (top level or in source) replaced by any value, or removed. */
const change = fc.tuple(
  fc.boolean(),
  fc.constantFrom(...fieldNames),
  fc.constantFrom(...sourceFieldNames),
  fc.option(anyValue),
);
const mutatedCost = fc.tuple(validCost, fc.array(change, { minLength: 1, maxLength: 2 })).map(([valid, changes]) => {
  const body: Record<string, unknown> = { ...valid, source: { ...valid.source } };
  for (const [inSource, field, sourceField, value] of changes) {
    const source = body.source;
    // a source already replaced by a value that is not an object has no fields to change
    if (inSource && (source === null || typeof source !== 'object' || Array.isArray(source))) continue;
    const target = inSource ? (source as Record<string, unknown>) : body;
    const key = inSource ? sourceField : field;
    if (value === null) Reflect.deleteProperty(target, key);
    else target[key] = value;
  }
  return body;
});

describe('the compiled check of a cost body', () => {
  it('accepts every valid cost body, as the instance class-transformer makes of it', () => {
    fc.assert(
      fc.property(validCost, (body) => {
        expect(classValidatorErrors(body)).toEqual([]);
        const instance = recordCostCheck(body);
        expect(instance).toBeInstanceOf(RecordCostDto);
        expect(instance).toStrictEqual(plainToInstance(RecordCostDto, body, { enableImplicitConversion: false }));
      }),
      { numRuns: 300 },
    );
  });

  it('never accepts a body class-validator refuses (it leaves those to class-validator)', () => {
    let refused = 0;
    let accepted = 0;
    fc.assert(
      fc.property(mutatedCost, (body) => {
        const errors = classValidatorErrors(body);
        const instance = recordCostCheck(body);
        if (errors.length > 0) {
          refused += 1;
          expect(instance).toBeNull();
        } else if (instance) accepted += 1;
      }),
      { numRuns: 3000 },
    );
    // the mutations reach both sides: many refused, and some still valid and accepted
    expect(refused).toBeGreaterThan(1000);
    expect(accepted).toBeGreaterThan(100);
  });

  it('leaves what is not a plain object to class-validator', () => {
    for (const body of [null, undefined, 42, 'cost', [], [{ costType: 'direct' }]])
      expect(recordCostCheck(body)).toBeNull();
  });

  it('leaves a restatement to class-validator, which still accepts it', () => {
    const body = {
      costType: 'direct',
      category: 'late invoice',
      amountPence: 100,
      financialYear: '2019/20',
      bearerOrganisationId: 'acute',
      source: { system: 'PAS', reference: 'r1' },
      restatement: { reason: 'late invoice' },
    };
    expect(recordCostCheck(body)).toBeNull();
    expect(classValidatorErrors(body)).toEqual([]);
  });
});
