import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { Server } from 'node:net';
import { BODY_LIMITS } from '@benefit-ledger/contracts';
import { ACUTE, ICB, INTERVENTION, costBody, withSeededSystem } from './support/fixtures';
import { RawReply, rawRequest } from './support/raw-request';
import { TestApp } from './support/test-app';

/**
 * Bodies a hostile or broken client sends, each as a real HTTP request (bytes as given) to the real app on a real
 * SQLite store: every one answers a 4xx whose message names the field or the limit, and the log's length is
 * unchanged. No client input reaches a 500 (docs/hostile-input.md).
 */
describe('hostile request bodies are refused with a 4xx naming the problem, nothing appended', () => {
  const suite = withSeededSystem();
  let t: TestApp;
  let server: Server;
  let admin: string;
  let acuteFinance: string;
  const CLOSE = '/periods/2019-20/close';
  const LINKS = `/finance/reports/${ACUTE}/2019-20/links`;
  const report = {
    organisationId: ACUTE,
    financialYear: '2019/20',
    totalPence: 3_000,
    lines: [
      { lineId: 'L1', description: 'Frailty', amountPence: 1_000, cashReleasing: false, recurrent: true },
      { lineId: 'L2', description: 'Agency', amountPence: 2_000, cashReleasing: true, recurrent: false },
    ],
    source: { system: 'ledger', reference: 'CIP month 12' },
  };

  beforeAll(async () => {
    t = suite.t;
    server = t.app.getHttpServer() as Server;
    admin = await t.token('admin', ICB);
    acuteFinance = await t.token('finance', ACUTE);
    const r = await post(acuteFinance, '/finance/reports', JSON.stringify(report));
    expect(r.status).toBe(201);
  });

  const post = (token: string, path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    rawRequest(
      server,
      path,
      { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
      body,
    );

  /** The reply's status and message, and a log exactly as long as before the request. */
  async function refused(send: () => Promise<RawReply>, status: number, ...mentions: string[]): Promise<RawReply> {
    const before = t.logLength();
    const r = await send();
    expect({ status: r.status, statusCode: r.body?.statusCode }).toEqual({ status, statusCode: status });
    for (const m of mentions) expect(String(r.body?.message)).toContain(m);
    expect(t.logLength()).toBe(before);
    return r;
  }
  const nestedArrays = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

  describe('a body that is not a JSON object where the endpoint expects one (400)', () => {
    it.each([
      ['[]', 'an array'],
      ['[{"note":"x"}]', 'an array'],
      ['null', 'null'],
      ['42', 'a number'],
      ['"close"', 'a string'],
      ['true', 'a boolean'],
    ])('refuses %s as the body of a close, and the year stays open', async (body, kind) => {
      const r = await refused(() => post(admin, CLOSE, body), 400, `the body must be a JSON object, not ${kind}`);
      expect(r.body?.errors).toEqual([{ field: '', messages: [`the body must be a JSON object, not ${kind}`] }]);
      const period = await t.http.get('/periods/2019-20').set('Authorization', `Bearer ${admin}`).expect(200);
      expect(period.body.closes).toEqual([]);
    });
  });

  describe(`nesting deeper than ${BODY_LIMITS.depth} levels, or more than ${BODY_LIMITS.members} keys and items (400, before any validator)`, () => {
    it.each([3_000, 30_000])(
      'refuses %i levels of nested arrays, naming the limit and where it was passed',
      async (levels) => {
        const r = await refused(
          () => post(admin, CLOSE, `{"note":${nestedArrays(levels)}}`),
          400,
          `the body is nested deeper than ${BODY_LIMITS.depth} levels`,
        );
        const errors = r.body?.errors as { field: string }[];
        expect(errors[0].field).toBe(`note${'[0]'.repeat(BODY_LIMITS.depth - 1)}`);
      },
    );

    it('refuses 3,000 levels of nested objects inside a nested field', async () => {
      const deep = `${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`;
      const body = JSON.stringify(costBody()).replace('"reference":"report-42"', `"reference":"report-42","a":${deep}`);
      await refused(
        () => post(admin, `/interventions/${INTERVENTION}/costs`, body),
        400,
        `nested deeper than ${BODY_LIMITS.depth} levels (at source.a.a.a`,
      );
    });

    it('passes a body exactly at the depth limit on to validation, which names the field', async () => {
      await refused(
        () => post(admin, CLOSE, `{"note":${nestedArrays(BODY_LIMITS.depth - 1)}}`),
        400,
        'note must be a string',
      );
      await refused(
        () => post(admin, CLOSE, `{"note":${nestedArrays(BODY_LIMITS.depth)}}`),
        400,
        `nested deeper than ${BODY_LIMITS.depth} levels`,
      );
    });

    it('refuses one key or array item more than the limit, and passes the limit itself on to validation', async () => {
      const items = (n: number) => `{"note":[${Array(n).fill(0).join(',')}]}`; // the key "note" counts too
      await refused(
        () => post(admin, CLOSE, items(BODY_LIMITS.members)),
        400,
        `more than ${BODY_LIMITS.members} keys and array items`,
      );
      await refused(() => post(admin, CLOSE, items(BODY_LIMITS.members - 1)), 400, 'note must be a string');
    });
  });

  describe('content encodings and charsets', () => {
    it.each(['gzip', 'deflate', 'br'])('refuses a body declared %s that is not (400, malformed)', async (encoding) => {
      await refused(
        () => post(admin, CLOSE, '{"note":"x"}', { 'Content-Encoding': encoding }),
        400,
        `request body is not valid ${encoding} data, as its Content-Encoding says`,
      );
    });

    it.each(['compress', 'x-unknown', 'gzip, gzip'])(
      'refuses the content encoding %p (415, unsupported)',
      async (encoding) => {
        await refused(
          () => post(admin, CLOSE, '{"note":"x"}', { 'Content-Encoding': encoding }),
          415,
          `Content-Encoding "${encoding}" is not supported`,
        );
      },
    );

    it.each(['foobar', 'koi8-r', 'utf-7x', 'latin1'])('refuses the charset %p (400)', async (charset) => {
      await refused(
        () => post(admin, CLOSE, '{"note":"x"}', { 'Content-Type': `application/json; charset=${charset}` }),
        400,
        `charset "${charset.toUpperCase()}" is not supported`,
      );
    });

    it.each([
      ['text/plain', '"text/plain"'],
      ['application/x-www-form-urlencoded', '"application/x-www-form-urlencoded"'],
    ])('refuses a body sent as %s rather than ignoring it (415)', async (contentType, named) => {
      await refused(
        () => post(admin, CLOSE, '{"note":"x"}', { 'Content-Type': contentType }),
        415,
        'request body must be JSON sent as Content-Type: application/json',
        named,
      );
    });

    it('refuses a body sent with no Content-Type (415), and a body that is not JSON (400)', async () => {
      await refused(
        () => rawRequest(server, CLOSE, { Authorization: `Bearer ${admin}` }, '{"note":"x"}'),
        415,
        'no Content-Type',
      );
      await refused(() => post(admin, CLOSE, '{"note": '), 400, 'request body is not valid JSON');
    });

    it('accepts bodies compressed as they say (gzip, deflate, br), each appending its event', async () => {
      const compressions: [string, (b: Buffer) => Buffer][] = [
        ['gzip', gzipSync],
        ['deflate', deflateSync],
        ['br', brotliCompressSync],
      ];
      for (const [encoding, compress] of compressions) {
        const before = t.logLength();
        const body = compress(
          Buffer.from(
            JSON.stringify({ organisationId: `org-${encoding}`, name: `Compressed ${encoding}`, type: 'icb' }),
          ),
        );
        const r = await post(admin, '/organisations', body, { 'Content-Encoding': encoding });
        expect({ encoding, status: r.status }).toEqual({ encoding, status: 201 });
        expect(t.logLength()).toBe(before + 1);
      }
    });
  });

  describe('null where a field may be left out (400 naming the field)', () => {
    it('refuses benefits: null on a link, which would otherwise record an empty link', async () => {
      const r = await refused(
        () => post(acuteFinance, LINKS, '{"lineId":"L2","benefits":null}'),
        400,
        'benefits must not be null: leave it out instead',
      );
      expect(r.body?.errors).toEqual([
        { field: 'benefits', messages: ['benefits must not be null: leave it out instead'] },
      ]);
      await refused(
        () => post(acuteFinance, LINKS, '{"lineId":"L2","benefitIds":null}'),
        400,
        'give exactly one of benefitIds or benefits',
      );
      await refused(
        () =>
          post(
            acuteFinance,
            LINKS,
            JSON.stringify({
              lineId: 'L2',
              benefits: [{ interventionId: INTERVENTION, benefitId: 'b-cap', amountPence: null }],
            }),
          ),
        400,
        'benefits[0].amountPence must not be null',
      );
    });

    it('refuses an optional note given as null, and an optional nested date given as null', async () => {
      await refused(() => post(admin, CLOSE, '{"note":null}'), 400, 'note must not be null');
      await refused(
        () =>
          post(
            admin,
            `/interventions/${INTERVENTION}/costs`,
            JSON.stringify(costBody({ source: { system: 'PAS', reference: 'r', extractedOn: null } })),
          ),
        400,
        'source.extractedOn must not be null',
      );
    });

    it('still accepts the field left out: an empty list of benefits unlinks the line', async () => {
      const before = t.logLength();
      const r = await post(acuteFinance, LINKS, '{"lineId":"L2","benefits":[]}');
      expect(r.status).toBe(201);
      expect(t.logLength()).toBe(before + 1);
    });
  });

  describe('keys that name a prototype, anywhere in the body (400 naming the key)', () => {
    const organisation = '"organisationId":"org-proto","name":"x","type":"icb"';
    it.each([
      [`{${organisation},"__proto__":{"role":"admin"}}`, '__proto__'],
      [`{${organisation},"constructor":{"prototype":{"role":"admin"}}}`, 'constructor'],
      [`{${organisation},"prototype":1}`, 'prototype'],
    ])('refuses %s', async (body, key) => {
      const r = await refused(() => post(admin, '/organisations', body), 400, `${key} is not allowed`);
      expect(r.body?.errors).toEqual([{ field: key, messages: [expect.stringContaining(`${key} is not allowed`)] }]);
    });

    it('refuses them nested in an object and in an array element, naming the path', async () => {
      const cost = JSON.stringify(costBody()).replace('"system":"PAS"', '"system":"PAS","__proto__":{"x":1}');
      await refused(
        () => post(admin, `/interventions/${INTERVENTION}/costs`, cost),
        400,
        'source.__proto__ is not allowed',
      );
      const lines = JSON.stringify(report).replace('"lineId":"L2"', '"lineId":"L2","constructor":{}');
      await refused(() => post(acuteFinance, '/finance/reports', lines), 400, 'lines[1].constructor is not allowed');
      expect(({} as Record<string, unknown>).role).toBeUndefined();
    });
  });

  it('closes the year with a JSON object (the same route refused everything above)', async () => {
    const before = t.logLength();
    const r = await post(admin, CLOSE, '{"note":"signed off"}');
    expect(r.status).toBe(201);
    expect(t.logLength()).toBe(before + 1);
  });
});
