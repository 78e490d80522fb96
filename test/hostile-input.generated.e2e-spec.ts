import { Server } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { BODY_LIMITS, FORBIDDEN_KEYS } from '@benefit-ledger/contracts';
import { ICB } from './support/fixtures';
import { RawReply, rawRequest } from './support/raw-request';
import { TestApp } from './support/test-app';

/**
 * Generated hostile bodies against EVERY POST endpoint, enumerated from the OpenAPI document the app serves (and
 * checked against the routes Express actually has), so a new endpoint is covered without touching this file.
 * Only invalid cases are generated, each from the endpoint's body schema: per field, null, wrong types, numbers
 * out of range or not representable (2^53, 1e308, 1e400, -0, 1e-7, "NaN"), strings off the pattern or enum or too
 * long, arrays too long or of the wrong items, deep nesting, too many items, prototype keys; per body, what is not
 * an object, unknown fields, bad encodings and charsets, other media types, oversized bodies. Each answers the
 * expected 4xx naming the field or the limit (never a 5xx, never a 2xx), and the log's length is unchanged.
 * Deterministic: a fixed seed per endpoint.
 */

const SEED = 20_240_611;
/** Runs per field and per endpoint: about 3,000 requests, some 10 s on this machine. */
const FIELD_RUNS = 12;
const BODY_RUNS = 30;

interface Schema {
  type?: string;
  enum?: string[];
  pattern?: string;
  format?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  allOf?: Schema[];
}
/** A field of a body, top-level or nested (`source.system`, `lines[0].amountPence`), and its schema. */
interface Field {
  name: string;
  steps: (string | 0)[];
  schema: Schema;
}
interface Endpoint {
  path: string;
  route: string;
  fields: Field[];
}
type Kind = 'string' | 'enum' | 'integer' | 'number' | 'boolean' | 'array' | 'object';

/** What a field case expects: the status, and either the field the errors must name or words the message must contain. */
interface Case {
  label: string;
  json: string;
  status: number;
  field?: string;
  message?: string;
  headers?: Record<string, string>;
  encoding?: string;
}

const kindOf = (s: Schema): Kind => (s.enum ? 'enum' : s.$ref || s.allOf ? 'object' : ((s.type ?? 'object') as Kind));

const json = (value: unknown) => JSON.stringify(value);
const anyScalar = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean());
const dict = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), anyScalar, { maxKeys: 4 });
const list = fc.array(anyScalar, { maxLength: 4 });

/** Values of every JSON type but `kind`'s (and null), as JSON text. */
function wrongTypes(kind: Kind): fc.Arbitrary<string> {
  const numericStrings = fc.constantFrom('NaN', 'Infinity', '-0', '1', '1e3', '0x10', '', ' 1');
  const options: Record<Kind, fc.Arbitrary<unknown>[]> = {
    string: [fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), list, dict],
    enum: [fc.integer(), fc.boolean(), list, dict],
    integer: [numericStrings, fc.string({ maxLength: 10 }), fc.boolean(), list, dict],
    number: [numericStrings, fc.string({ maxLength: 10 }), fc.boolean(), list, dict],
    boolean: [fc.constantFrom('true', 'false', 'yes', 0, 1), fc.string({ maxLength: 10 }), list, dict],
    array: [fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), dict],
    object: [fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), list],
  };
  return fc.oneof(fc.constant(null), ...options[kind]).map(json);
}

/** Numbers the schema refuses: not whole where it wants integers, beyond its bounds, or not representable at all. */
function outOfRange(s: Schema): string[] {
  const candidates = [
    '9007199254740992',
    '9007199254740993',
    '1e308',
    '-1e308',
    '1e400',
    '-1e400',
    '-0',
    '1e-7',
    '0.5',
    '-1',
    '1e21',
  ];
  if (s.minimum !== undefined) candidates.push(String(s.minimum - 1));
  if (s.maximum !== undefined) candidates.push(String(s.maximum + 1));
  return candidates.filter((text) => {
    const n = Number(text);
    return (
      !Number.isFinite(n) ||
      (s.type === 'integer' && !Number.isInteger(n)) ||
      (s.minimum !== undefined && n < s.minimum) ||
      (s.maximum !== undefined && n > s.maximum)
    );
  });
}

/** Strings the schema refuses: off its enum or pattern, longer than its maxLength, not a date where it wants one. */
function offPattern(s: Schema): fc.Arbitrary<string> | undefined {
  const options: fc.Arbitrary<string>[] = [];
  if (s.enum) options.push(fc.string({ maxLength: 20 }).filter((x) => !s.enum!.includes(x)));
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    options.push(
      fc
        .oneof(fc.string({ maxLength: 20 }), fc.constantFrom(' ', 'a b', '../x', 'x'.repeat(101), '2019/20 ', '\u0000'))
        .filter((x) => !re.test(x)),
    );
  }
  if (s.maxLength !== undefined) options.push(fc.constant('x'.repeat(s.maxLength + 1)));
  if (s.format === 'date') options.push(fc.constantFrom('2019-13-01', '2019-02-30', 'yesterday'));
  return options.length ? fc.oneof(...options).map(json) : undefined;
}

/** Arrays the schema refuses: too many items, too few, repeated where unique, or items of the wrong kind. */
function badArrays(s: Schema): fc.Arbitrary<string> {
  const items = s.items ?? {};
  const itemKind = kindOf(items);
  const filler = itemKind === 'object' ? {} : itemKind === 'enum' ? items.enum![0] : itemKind === 'string' ? 'a' : 1;
  const options: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(
      [null],
      itemKind === 'object' ? ['x'] : [{}],
      itemKind === 'string' || itemKind === 'enum' ? [1] : ['x'],
    ),
  ];
  if (s.maxItems !== undefined) options.push(fc.constant(Array(s.maxItems + 1).fill(filler)));
  if (s.minItems) options.push(fc.constant([]));
  if (s.uniqueItems && itemKind === 'enum') options.push(fc.constant([filler, filler]));
  if (itemKind === 'enum') options.push(fc.constant(['not-one-of-them']));
  return fc.oneof(...options).map(json);
}

/** Field cases refused by validation: 400 whose errors name the field (or a path inside it). */
function invalidValue(s: Schema): fc.Arbitrary<string> {
  const kind = kindOf(s);
  const options = [wrongTypes(kind)];
  if (kind === 'integer' || kind === 'number') options.push(fc.constantFrom(...outOfRange(s)));
  const strings = kind === 'string' || kind === 'enum' ? offPattern(s) : undefined;
  if (strings) options.push(strings);
  if (kind === 'array') options.push(badArrays(s));
  return fc.oneof(...options);
}

/** The body's fields, nested ones too where the document describes them, each with where it sits. */
function fieldsOf(
  schema: Schema | undefined,
  schemas: Record<string, Schema>,
  steps: (string | 0)[] = [],
  seen = new Set<Schema>(),
): Field[] {
  if (!schema || seen.has(schema)) return [];
  const resolve = (s: Schema) => {
    const ref = s.$ref ?? s.allOf?.[0]?.$ref;
    return ref ? schemas[ref.split('/').pop()!] : undefined; // undefined too where a $ref names no schema
  };
  return Object.entries(schema.properties ?? {}).flatMap(([key, property]) => {
    const at = [...steps, key];
    const field = { name: at.map((x, i) => (x === 0 ? '[0]' : i ? `.${x}` : x)).join(''), steps: at, schema: property };
    // a list of objects: its fields as those of its first item (lines[0].amountPence)
    const items = kindOf(property) === 'array' ? property.items : undefined;
    const inner = items
      ? fieldsOf(resolve(items), schemas, [...at, 0], new Set([...seen, schema]))
      : fieldsOf(resolve(property), schemas, at, new Set([...seen, schema]));
    return [field, ...inner];
  });
}

/** The body with `value` (JSON text) where `steps` lead, and nothing else: `{"source":{"system":1}}`. */
const bodyWith = (steps: (string | 0)[], value: string): string =>
  steps.reduceRight<string>((inner, step) => (step === 0 ? `[${inner}]` : `{${json(step)}:${inner}}`), value);

/** Every way one field can be wrong, as the case the API must answer. */
function fieldCase({ name, steps, schema }: Field): fc.Arbitrary<Case> {
  const at = (value: string) => bodyWith(steps, value);
  return fc.oneof(
    invalidValue(schema).map((value) => ({ label: 'invalid value', json: at(value), status: 400, field: name })),
    fc.integer({ min: BODY_LIMITS.depth, max: 5_000 }).map((levels) => ({
      label: `${levels} levels deep`,
      json: at(`${'['.repeat(levels)}${']'.repeat(levels)}`),
      status: 400,
      message: `the body is nested deeper than ${BODY_LIMITS.depth} levels (at ${name}[0]`,
    })),
    fc.integer({ min: BODY_LIMITS.members, max: 15_000 }).map((items) => ({
      label: `${items} items`,
      json: at(`[${Array(items).fill(0).join(',')}]`),
      status: 400,
      message: `more than ${BODY_LIMITS.members} keys and array items`,
    })),
    fc.tuple(fc.constantFrom(...FORBIDDEN_KEYS), fc.boolean(), anyScalar).map(([key, inArray, value]) => ({
      label: `key ${key}`,
      json: at(inArray ? `[{${json(key)}:${json(value)}}]` : `{${json(key)}:${json(value)}}`),
      status: 400,
      message: `${name}${inArray ? '[0]' : ''}.${key} is not allowed`,
    })),
  );
}

/** Cases about the body as a whole: its type, unknown fields, prototype keys, encoding, charset, media type, size. */
function bodyCase(endpoint: Endpoint, limitBytes: number): fc.Arbitrary<Case> {
  const known = new Set(endpoint.fields.map((f) => f.name));
  const plainBody = '{}';
  const ENCODINGS = ['identity', 'gzip', 'deflate', 'br', 'zstd']; // zstd is decoded where Node has it: left out
  return fc.oneof(
    fc.oneof(list, anyScalar, fc.constant(null), fc.array(dict, { maxLength: 3 })).map((value) => ({
      label: 'not an object',
      json: json(value),
      status: 400,
      message: 'the body must be a JSON object, not',
    })),
    fc
      .oneof(
        fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,15}$/),
        fc.constantFrom('then', 'length', 'name', 'size', 'entries'),
      )
      .filter((k) => !known.has(k) && !FORBIDDEN_KEYS.includes(k))
      .map((key) => ({
        label: 'unknown field',
        json: `{${json(key)}:1}`,
        status: 400,
        field: key,
        message: `property ${key} should not exist`,
      })),
    fc.constantFrom(...FORBIDDEN_KEYS).map((key) => ({
      label: `top-level ${key}`,
      json: `{${json(key)}:{}}`,
      status: 400,
      field: key,
      message: `${key} is not allowed`,
    })),
    fc.constantFrom('gzip', 'deflate', 'br').map((encoding) => ({
      label: `declared ${encoding}, sent plain`,
      json: plainBody,
      status: 400,
      headers: { 'Content-Encoding': encoding },
      message: `not valid ${encoding} data`,
    })),
    fc
      .oneof(
        fc.constantFrom('compress', 'x-unknown', 'gzip, br', 'pack200-gzip'),
        fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
      )
      .filter((e) => !ENCODINGS.includes(e))
      .map((encoding) => ({
        label: `encoding ${encoding}`,
        json: plainBody,
        status: 415,
        headers: { 'Content-Encoding': encoding },
        message: `Content-Encoding "${encoding}" is not supported`,
      })),
    fc
      .oneof(
        fc.constantFrom('foobar', 'koi8-r', 'latin1', 'utf8', 'iso-8859-1', 'utf-42'),
        fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
      )
      .filter((c) => !c.startsWith('utf-') || c === 'utf-42')
      .map((charset) => ({
        label: `charset ${charset}`,
        json: plainBody,
        status: 400,
        headers: { 'Content-Type': `application/json; charset=${charset}` },
        message: `charset "${charset.toUpperCase()}" is not supported`,
      })),
    fc
      .constantFrom(
        'text/plain',
        'application/xml',
        'multipart/form-data; boundary=x',
        'application/x-www-form-urlencoded',
        'application/octet-stream',
      )
      .map((type) => ({
        label: `sent as ${type}`,
        json: plainBody,
        status: 415,
        headers: { 'Content-Type': type },
        message: 'request body must be JSON sent as Content-Type: application/json',
      })),
    fc.integer({ min: limitBytes + 1, max: limitBytes * 2 }).map((size) => ({
      label: `${size} bytes`,
      json: `{"x":"${'x'.repeat(size - 8)}"}`,
      status: 413,
      message: `request body exceeds the limit of ${limitBytes} bytes`,
    })),
  );
}

const compressions: Record<string, (b: Buffer) => Buffer> = {
  identity: (b) => b,
  gzip: gzipSync,
  deflate: deflateSync,
  br: brotliCompressSync,
};

/** The POST routes Express serves, as OpenAPI writes paths (/interventions/{id}/costs). */
function postRoutesServed(t: TestApp): string[] {
  const express = t.app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  return express.router.stack
    .filter((layer) => layer.route?.methods.post)
    .map((layer) => layer.route!.path.replace(/:(\w+)/g, '{$1}'));
}

describe('generated hostile bodies against every POST endpoint: always the expected 4xx, nothing appended', () => {
  let t: TestApp;
  let server: Server;
  let token: string;
  let endpoints: Endpoint[];

  beforeAll(async () => {
    t = await TestApp.start();
    server = t.app.getHttpServer() as Server;
    token = await t.token('admin', ICB);
    const doc = (await t.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, { post?: { requestBody?: { content: Record<string, { schema: Schema }> } } }>;
      components: { schemas: Record<string, Schema> };
    };
    endpoints = Object.entries(doc.paths)
      .filter(([, ops]) => ops.post)
      .map(([path, ops]) => {
        const ref = ops.post!.requestBody?.content['application/json']?.schema.$ref;
        const schema = ref ? doc.components.schemas[ref.split('/').pop()!] : undefined;
        // path parameters valid, so that only the body is wrong: an id, or a financial year
        const route = path.replace(/\{(\w+)\}/g, (_m, name: string) =>
          name === 'financialYear' ? '2019-20' : 'fuzz-1',
        );
        return { path, route, fields: fieldsOf(schema, doc.components.schemas) };
      });
  });
  afterAll(() => t.stop());

  async function expectRefused(endpoint: Endpoint, c: Case): Promise<void> {
    const before = t.logLength();
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      ...c.headers,
    };
    const encoding = c.encoding ?? 'identity';
    if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
    const r: RawReply = await rawRequest(server, endpoint.route, headers, compressions[encoding](Buffer.from(c.json)));
    const seen = { endpoint: endpoint.path, case: c.label, status: r.status, body: r.text.slice(0, 400) };
    expect(seen).toMatchObject({ status: c.status });
    if (c.field) {
      const fields = ((r.body?.errors ?? []) as { field: string }[]).map((e) => e.field);
      expect({ ...seen, fields }).toMatchObject({
        fields: expect.arrayContaining([expect.stringMatching(fieldOrInside(c.field))]),
      });
    }
    if (c.message) expect(String(r.body?.message)).toContain(c.message);
    expect(t.logLength()).toBe(before);
  }
  const fieldOrInside = (field: string) => new RegExp(`^${field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[.[])`);

  it('finds every POST route Express serves in the OpenAPI document, each with a body schema', () => {
    expect(endpoints.map((e) => e.path).sort()).toEqual(postRoutesServed(t).sort());
    expect(endpoints.length).toBeGreaterThanOrEqual(20);
    for (const e of endpoints)
      expect({ path: e.path, hasFields: e.fields.length > 0 }).toEqual({ path: e.path, hasFields: true });
  });

  it('refuses a wrong value, deep nesting, too many items or a prototype key in each field of each body (sent plain or compressed)', async () => {
    for (const [i, endpoint] of endpoints.entries()) {
      for (const [j, field] of endpoint.fields.entries()) {
        const cases = fc
          .tuple(fieldCase(field), fc.constantFrom('identity', 'identity', 'gzip', 'deflate', 'br'))
          .map(([c, encoding]) => ({ ...c, encoding }));
        await fc.assert(
          fc.asyncProperty(cases, (c) => expectRefused(endpoint, c)),
          { seed: SEED + 100 * i + j, numRuns: FIELD_RUNS },
        );
      }
    }
  }, 60_000);

  it('refuses bodies that are not objects, unknown fields, bad encodings and charsets, other media types and oversized bodies', async () => {
    for (const [i, endpoint] of endpoints.entries()) {
      await fc.assert(
        fc.asyncProperty(bodyCase(endpoint, t.config.bodyLimitBytes), (c) => expectRefused(endpoint, c)),
        { seed: SEED + i, numRuns: BODY_RUNS },
      );
    }
  }, 60_000);
});
