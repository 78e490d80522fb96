/**
 * Guards the fast cost lane (FAST_COST_LANE, issue 17): `POST /interventions/{id}/costs` answered in front of
 * Express/Nest must be indistinguishable from the Nest path. Two apps over their own SQLite stores, seeded alike,
 * one with the lane on and one with it off, get the same catalogue of requests, one request at a time, and must
 * agree on each: status, headers (Date aside; X-Correlation-Id and ETag checked, then compared by form), body
 * (generated ids by form), the request's log lines, the events appended (none on any refusal) and, at the end,
 * the request and command counts in /metrics. Then identical costs sent at once must all land on both, with
 * contiguous revisions; and the switch itself must route a plain cost around Nest's handler only when on.
 */
import { gzipSync } from 'node:zlib';
import { JwtService } from '@nestjs/jwt';
import { AppConfig, loadConfig, mintToken } from '@benefit-ledger/application';
import { Role, interventionStreamId } from '@benefit-ledger/domain';
import { InterventionsController } from '../apps/api/src/interventions/interventions.controller';
import { ACUTE, COMMUNITY, GP, ICB, costBody, source } from './support/fixtures';
import { ParityApp, RawRequest, samplesOf } from './support/parity-app';
import { answerByForm, eventByForm, logLineByForm } from './support/parity-compare';

const SECRET = 'fast-cost-lane-parity-secret';
const ALLOWED_ORIGIN = 'https://workspace.example.nhs.uk';
const INTERVENTION = 'int-lane';
const BUSY_INTERVENTION = 'int-busy';
const COSTS = `/interventions/${INTERVENTION}/costs`;
const UNREGISTERED = 'org-not-registered';

/**
 * Nest's route handlers keep the function they found on the controller's prototype when the app was built, so
 * the spy goes on the prototype before either app exists; each call's `this` tells which app ran it. The
 * decorators' metadata (route, status code, guards) sits on the function itself, so it is copied onto the spy.
 */
const handlers = InterventionsController.prototype as unknown as { cost: object };
const original = handlers.cost;
const costHandler = jest.spyOn(InterventionsController.prototype, 'cost');
for (const key of Reflect.getOwnMetadataKeys(original)) {
  Reflect.defineMetadata(key, Reflect.getOwnMetadata(key, original), handlers.cost);
}
afterAll(() => costHandler.mockRestore());

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const nested = (depth: number): unknown => (depth === 0 ? 'deep' : { inner: nested(depth - 1) });

interface Tokens {
  admin: string;
  contributor: string;
  finance: string;
  auditor: string;
  otherContributor: string;
  unregistered: string;
  expired: string;
  wrongSecret: string;
}

/** What a case may build its request from: the tokens, and the intervention's revision now (the same on both apps, or an earlier case failed). */
interface Context extends Tokens {
  revision: number;
}

/** One request of the catalogue: built once and sent alike to both apps. */
interface Case {
  name: string;
  request: (tokens: Context) => Partial<RawRequest> & { headers?: Record<string, string> };
  /** The status the Nest path gives (pins what the case exercises). */
  status: number;
  /** Events the request appends (a refusal: none). */
  appends: number;
}

/** A cost POST as a client sends it: JSON with the contributor's token, unless `headers` say otherwise. */
function costRequest(
  tokens: Context,
  body: unknown,
  headers: Record<string, string> = {},
  path = COSTS,
): Partial<RawRequest> & { headers: Record<string, string> } {
  return {
    path,
    body: Buffer.isBuffer(body) ? body : json(body),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokens.contributor}`, ...headers },
  };
}

const valid = (
  name: string,
  over: Record<string, unknown> = {},
  headers: (tokens: Context) => Record<string, string> = () => ({}),
  path = COSTS,
): Case => ({
  name,
  request: (tokens) => costRequest(tokens, costBody(over), headers(tokens), path),
  status: 201,
  appends: 1,
});

const refused = (name: string, status: number, request: Case['request']): Case => ({
  name,
  request,
  status,
  appends: 0,
});

const CATALOGUE: Case[] = [
  valid('a valid cost naming its costId', { costId: 'cost-named-1' }),
  valid('a valid cost without costId (generated)'),
  valid('a valid cost with an acceptable X-Correlation-Id', {}, () => ({ 'X-Correlation-Id': 'client-corr-1' })),
  valid('a valid cost with an unacceptable X-Correlation-Id (a new one)', {}, () => ({
    'X-Correlation-Id': 'has spaces {}',
  })),
  valid('a valid cost with Content-Type charset=utf-8', {}, () => ({
    'Content-Type': 'application/json; charset=utf-8',
  })),
  valid('a valid cost with Content-Type in capitals', {}, () => ({ 'Content-Type': 'Application/JSON' })),
  valid('a valid cost with charset=UTF-8 in capitals', {}, () => ({
    'Content-Type': 'application/json; charset=UTF-8',
  })),
  valid('a valid cost with charset=utf-8 after no space', {}, () => ({
    'Content-Type': 'application/json;charset=utf-8',
  })),
  valid('a valid cost with the longest acceptable X-Correlation-Id', {}, () => ({
    'X-Correlation-Id': 'c'.repeat(100),
  })),
  valid('a valid cost with an X-Correlation-Id one too long (a new one)', {}, () => ({
    'X-Correlation-Id': 'c'.repeat(101),
  })),
  valid('a valid cost with a lone surrogate in its category', { category: 'team \ud800' }),
  valid('a valid cost of nothing', { amountPence: 0 }),
  {
    name: 'a valid cost of minus zero',
    request: (tokens) => costRequest(tokens, Buffer.from(JSON.stringify(costBody()).replace('100000', '-0'))),
    status: 201,
    appends: 1,
  },
  valid('a valid cost with the token after two spaces', {}, (tokens) => ({
    Authorization: `Bearer  ${tokens.contributor}`,
  })),
  valid('a valid cost by finance', {}, (tokens) => ({ Authorization: `Bearer ${tokens.finance}` })),
  valid('a valid cost with a query string', {}, () => ({}), `${COSTS}?note=1`),
  valid('a valid cost with a trailing slash', {}, () => ({}), `${COSTS}/`),
  valid('a valid cost on a path in capitals', {}, () => ({}), `/Interventions/${INTERVENTION}/COSTS`),
  valid('a valid cost on a percent-encoded id', {}, () => ({}), `/interventions/int%2Dlane/costs`),
  valid('a valid cost with the scheme in lower case', {}, (tokens) => ({
    Authorization: `bearer ${tokens.contributor}`,
  })),
  valid('a valid cost from the allowed Origin', {}, () => ({ Origin: ALLOWED_ORIGIN })),
  valid('a valid cost from an Origin not allowed', {}, () => ({ Origin: 'https://elsewhere.example.com' })),
  {
    name: 'a valid cost restating the closed year, by finance (a restatement and the cost)',
    request: (tokens) =>
      costRequest(tokens, costBody({ financialYear: '2018/19', restatement: { reason: 'late invoice' } }), {
        Authorization: `Bearer ${tokens.finance}`,
      }),
    status: 201,
    appends: 2,
  },
  valid('a valid cost with an extractedOn-less source', { source: { system: 'PAS', reference: 'r-1' } }),
  valid('a valid cost of the largest amount a figure may be', { amountPence: 100_000_000_000 }),
  valid("a valid cost borne by another organisation than the actor's", { bearerOrganisationId: COMMUNITY }),
  valid('a valid cost with a unicode category', { category: 'équipe d’amélioration 🏥' }),
  {
    name: 'a valid cost sent chunked (no Content-Length)',
    request: (tokens) => ({ ...costRequest(tokens, costBody()), chunked: true }),
    status: 201,
    appends: 1,
  },
  {
    name: 'a valid cost gzip-encoded',
    request: (tokens) => costRequest(tokens, gzipSync(json(costBody())), { 'Content-Encoding': 'gzip' }),
    status: 201,
    appends: 1,
  },
  {
    name: 'a valid cost prefixed with a byte-order mark',
    request: (tokens) => costRequest(tokens, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json(costBody())])),
    status: 201,
    appends: 1,
  },
  {
    name: 'a valid cost padded with whitespace and with a repeated key (the last one counts)',
    request: (tokens) =>
      costRequest(tokens, Buffer.from(`\n  ${JSON.stringify(costBody()).replace('{', '{"amountPence":1,')}  \n`)),
    status: 201,
    appends: 1,
  },
  {
    name: 'a valid cost with its amount in exponent form',
    request: (tokens) => costRequest(tokens, Buffer.from(JSON.stringify(costBody()).replace('100000', '1e5'))),
    status: 201,
    appends: 1,
  },
  {
    name: 'a valid cost with escaped characters',
    request: (tokens) =>
      costRequest(
        tokens,
        Buffer.from(JSON.stringify(costBody()).replace('improvement team', 'improvement\\u0020team\\t\\"q\\"')),
      ),
    status: 201,
    appends: 1,
  },
  refused('a body declared charset=latin1', 400, (tokens) =>
    costRequest(tokens, costBody(), { 'Content-Type': 'application/json; charset=latin1' }),
  ),
  refused('a body declared in an unknown Content-Encoding', 415, (tokens) =>
    costRequest(tokens, costBody(), { 'Content-Encoding': 'compress' }),
  ),
  refused('a body declared gzip that is not', 400, (tokens) =>
    costRequest(tokens, costBody(), { 'Content-Encoding': 'gzip' }),
  ),
  {
    name: 'an Idempotency-Key, first use (the cost and the answer kept for a replay)',
    request: (tokens) => costRequest(tokens, costBody(), { 'Idempotency-Key': 'lane-key-1' }),
    status: 201,
    appends: 2,
  },
  {
    name: 'the same Idempotency-Key and body, replayed (the first answer, nothing appended)',
    request: (tokens) => costRequest(tokens, costBody(), { 'Idempotency-Key': 'lane-key-1' }),
    status: 201,
    appends: 0,
  },
  refused('the same Idempotency-Key with another body', 409, (tokens) =>
    costRequest(tokens, costBody({ amountPence: 5 }), { 'Idempotency-Key': 'lane-key-1' }),
  ),
  refused('an Idempotency-Key of the wrong form', 400, (tokens) =>
    costRequest(tokens, costBody(), { 'Idempotency-Key': 'x'.repeat(201) }),
  ),
  {
    name: 'If-Match naming the current revision',
    request: (tokens) => costRequest(tokens, costBody(), { 'If-Match': `"${tokens.revision}"` }),
    status: 201,
    appends: 1,
  },
  refused('If-Match naming a stale revision', 409, (tokens) =>
    costRequest(tokens, costBody(), { 'If-Match': `"${tokens.revision - 1}"` }),
  ),
  refused('If-Match of the wrong form', 400, (tokens) => costRequest(tokens, costBody(), { 'If-Match': 'yesterday' })),
  refused('a cost refused from an Origin not allowed', 400, (tokens) =>
    costRequest(tokens, costBody({ amountPence: -5 }), { Origin: 'https://elsewhere.example.com' }),
  ),
  refused('GET on the costs path', 404, (tokens) => ({ ...costRequest(tokens, Buffer.alloc(0)), method: 'GET' })),
  refused('PUT on the costs path', 404, (tokens) => ({ ...costRequest(tokens, costBody()), method: 'PUT' })),
  refused('a CORS preflight from the allowed Origin', 204, () => ({
    method: 'OPTIONS',
    body: Buffer.alloc(0),
    headers: {
      Origin: ALLOWED_ORIGIN,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization,content-type',
    },
  })),
  refused('a path with a doubled slash', 404, (tokens) =>
    costRequest(tokens, costBody(), {}, `/interventions//${INTERVENTION}/costs`),
  ),
  refused('the costs path under another prefix', 404, (tokens) =>
    costRequest(tokens, costBody(), {}, `/api/interventions/${INTERVENTION}/costs`),
  ),
  refused('a cost on an unknown intervention', 404, (tokens) =>
    costRequest(tokens, costBody(), {}, '/interventions/int-unknown/costs'),
  ),
  refused('a cost borne by an organisation not registered', 400, (tokens) =>
    costRequest(tokens, costBody({ bearerOrganisationId: UNREGISTERED })),
  ),
  refused('a cost past the ceiling of a figure (money rule)', 422, (tokens) =>
    costRequest(tokens, costBody({ amountPence: Number.MAX_SAFE_INTEGER })),
  ),
  refused('a cost by the admin (a role that may not record costs)', 403, (tokens) =>
    costRequest(tokens, costBody({ bearerOrganisationId: ICB }), { Authorization: `Bearer ${tokens.admin}` }),
  ),
  refused('a cost by a contributor of an organisation outside the intervention', 403, (tokens) =>
    costRequest(tokens, costBody({ bearerOrganisationId: GP }), { Authorization: `Bearer ${tokens.otherContributor}` }),
  ),
  refused('a duplicate costId', 409, (tokens) => costRequest(tokens, costBody({ costId: 'cost-named-1' }))),
  refused('a cost in a closed financial year (period rule)', 422, (tokens) =>
    costRequest(tokens, costBody({ financialYear: '2018/19' })),
  ),
  refused('a missing field', 400, (tokens) => costRequest(tokens, { ...costBody(), category: undefined })),
  refused('an unknown field', 400, (tokens) => costRequest(tokens, costBody({ colour: 'blue' }))),
  refused('a field of the wrong type', 400, (tokens) => costRequest(tokens, costBody({ amountPence: '100000' }))),
  refused('a negative amount', 400, (tokens) => costRequest(tokens, costBody({ amountPence: -1 }))),
  refused('costId null', 400, (tokens) => costRequest(tokens, costBody({ costId: null }))),
  refused('restatement null', 400, (tokens) => costRequest(tokens, costBody({ restatement: null }))),
  refused('source.extractedOn null', 400, (tokens) =>
    costRequest(tokens, costBody({ source: { ...source, extractedOn: null } })),
  ),
  refused('too many members', 400, (tokens) => costRequest(tokens, costBody({ extra: Array(10_001).fill(0) }))),
  refused('a fractional amount', 400, (tokens) => costRequest(tokens, costBody({ amountPence: 1.5 }))),
  refused('an amount past the safe integers', 400, (tokens) =>
    costRequest(tokens, Buffer.from(JSON.stringify(costBody()).replace('100000', '9007199254740993'))),
  ),
  refused('a string too long', 400, (tokens) => costRequest(tokens, costBody({ category: 'x'.repeat(201) }))),
  refused('an unknown cost type', 400, (tokens) => costRequest(tokens, costBody({ costType: 'bribes' }))),
  refused('a financial year of the wrong form', 400, (tokens) =>
    costRequest(tokens, costBody({ financialYear: '2019/21' })),
  ),
  refused('a costId that is not an id', 400, (tokens) => costRequest(tokens, costBody({ costId: 'no spaces here' }))),
  refused('a source missing a field', 400, (tokens) => costRequest(tokens, costBody({ source: { system: 'PAS' } }))),
  refused('a body nested too deep', 400, (tokens) => costRequest(tokens, costBody({ source: nested(40) }))),
  refused('a __proto__ key', 400, (tokens) =>
    costRequest(tokens, Buffer.from(JSON.stringify(costBody()).replace('{', '{"__proto__":{"admin":true},'))),
  ),
  refused('a restatement by a contributor', 403, (tokens) =>
    costRequest(tokens, costBody({ financialYear: '2018/19', restatement: { reason: 'late invoice' } })),
  ),
  refused('null', 400, (tokens) => costRequest(tokens, Buffer.from('null'))),
  refused('[]', 400, (tokens) => costRequest(tokens, Buffer.from('[]'))),
  refused('"x"', 400, (tokens) => costRequest(tokens, Buffer.from('"x"'))),
  refused('a number', 400, (tokens) => costRequest(tokens, Buffer.from('42'))),
  refused('malformed JSON', 400, (tokens) => costRequest(tokens, Buffer.from('{"costType": "direct",'))),
  refused('JSON followed by more', 400, (tokens) => costRequest(tokens, Buffer.from(`${JSON.stringify(costBody())}x`))),
  refused('an empty body', 400, (tokens) => costRequest(tokens, Buffer.alloc(0))),
  refused('an empty body without Content-Type', 400, (tokens) => {
    const { 'Content-Type': _type, ...headers } = costRequest(tokens, Buffer.alloc(0)).headers;
    return { body: Buffer.alloc(0), headers };
  }),
  refused('a JSON body sent as text/plain', 415, (tokens) =>
    costRequest(tokens, costBody(), { 'Content-Type': 'text/plain' }),
  ),
  refused('a form body', 415, (tokens) =>
    costRequest(tokens, Buffer.from('costType=direct'), { 'Content-Type': 'application/x-www-form-urlencoded' }),
  ),
  {
    name: 'a cost with bytes that are not UTF-8 in its category (read as U+FFFD, as body-parser decodes them)',
    request: (tokens) =>
      costRequest(
        tokens,
        Buffer.from(JSON.stringify(costBody({ category: 'team ~~' }))).map((byte) => (byte === 0x7e ? 0xff : byte)),
      ),
    status: 201,
    appends: 1,
  },
  refused('a body larger than the limit', 413, (tokens) =>
    costRequest(tokens, costBody({ category: 'x'.repeat(70_000) })),
  ),
  refused('a valid cost padded with whitespace past the body limit', 413, (tokens) =>
    costRequest(tokens, Buffer.from(`${JSON.stringify(costBody())}${' '.repeat(70_000)}`)),
  ),
  refused('no token', 401, (tokens) => {
    const { Authorization: _auth, ...headers } = costRequest(tokens, costBody()).headers;
    return { body: json(costBody()), headers };
  }),
  refused('a token that is not a JWT', 401, (tokens) =>
    costRequest(tokens, costBody(), { Authorization: 'Bearer not-a-token' }),
  ),
  refused('a token signed with another secret', 401, (tokens) =>
    costRequest(tokens, costBody(), { Authorization: `Bearer ${tokens.wrongSecret}` }),
  ),
  refused('an expired token', 401, (tokens) =>
    costRequest(tokens, costBody(), { Authorization: `Bearer ${tokens.expired}` }),
  ),
  refused('a Basic credential', 401, (tokens) =>
    costRequest(tokens, costBody(), { Authorization: 'Basic dXNlcjpwdw==' }),
  ),
  refused('a token of a role that may not record costs (auditor)', 403, (tokens) =>
    costRequest(tokens, costBody(), { Authorization: `Bearer ${tokens.auditor}` }),
  ),
  refused('a token of an organisation not registered', 403, (tokens) =>
    costRequest(tokens, costBody({ bearerOrganisationId: UNREGISTERED }), {
      Authorization: `Bearer ${tokens.unregistered}`,
    }),
  ),
  refused('a path id that is not an id', 400, (tokens) =>
    costRequest(tokens, costBody(), {}, '/interventions/int%20lane/costs'),
  ),
];

describe('FAST_COST_LANE', () => {
  it('is on unless set to off', () => {
    expect(loadConfig({}).fastCostLane).toBe(true);
    expect(loadConfig({ FAST_COST_LANE: 'on' }).fastCostLane).toBe(true);
    expect(loadConfig({ FAST_COST_LANE: 'off' }).fastCostLane).toBe(false);
  });
});

describe('the fast cost lane answers exactly as the Nest path does', () => {
  let off: ParityApp;
  let on: ParityApp;
  let tokens: Tokens;
  const sides = () => [off, on] as const;

  beforeAll(async () => {
    const settings: Partial<AppConfig> = { jwtSecret: SECRET, rateLimitPerMinute: 0, corsOrigins: [ALLOWED_ORIGIN] };
    off = await ParityApp.start({ ...settings, fastCostLane: false });
    on = await ParityApp.start({ ...settings, fastCostLane: true });
    const mint = (role: Role, organisationId: string) =>
      mintToken(SECRET, { sub: `${role}@${organisationId}`, role, organisationId });
    const past = Math.floor(Date.now() / 1000) - 3_600;
    tokens = {
      admin: await mint('admin', ICB),
      contributor: await mint('contributor', ACUTE),
      finance: await mint('finance', ACUTE),
      auditor: await mint('auditor', ICB),
      otherContributor: await mint('contributor', GP),
      unregistered: await mint('contributor', UNREGISTERED),
      expired: await new JwtService({ secret: SECRET }).signAsync(
        { sub: `contributor@${ACUTE}`, role: 'contributor', organisationId: ACUTE, iat: past, exp: past + 60 },
        { algorithm: 'HS256' },
      ),
      wrongSecret: await mintToken('another-secret', { sub: 'x@acute-a', role: 'contributor', organisationId: ACUTE }),
    };
    for (const side of sides()) await seed(side, tokens);
  });
  afterAll(async () => {
    // either may be missing when beforeAll failed part way
    for (const side of [off, on] as (ParityApp | undefined)[]) await side?.stop();
  });

  it.each(CATALOGUE.map((item) => [item.name, item] as const))('%s', async (_name, item) => {
    await expectSameAnswer(sides(), tokens, item);
  });

  it('a remembered token is refused alike once it expires', async () => {
    const exp = Math.floor(Date.now() / 1000) + 2;
    const shortLived = await new JwtService({ secret: SECRET }).signAsync(
      { sub: `contributor@${ACUTE}`, role: 'contributor', organisationId: ACUTE, exp },
      { algorithm: 'HS256' },
    );
    const withShortLived = (name: string, status: number, appends: 0 | 1): Case => ({
      name,
      request: (context) => costRequest(context, costBody(), { Authorization: `Bearer ${shortLived}` }),
      status,
      appends,
    });
    await expectSameAnswer(sides(), tokens, withShortLived('first use: verified', 201, 1));
    await expectSameAnswer(sides(), tokens, withShortLived('second use: remembered', 201, 1));
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
    await expectSameAnswer(sides(), tokens, withShortLived('after its exp', 401, 0));
  });

  it('identical costs sent at once all land on both apps, with contiguous revisions', async () => {
    const streamId = interventionStreamId(BUSY_INTERVENTION);
    const request: RawRequest = {
      method: 'POST',
      path: `/interventions/${BUSY_INTERVENTION}/costs`,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokens.contributor}` },
      body: json(costBody()),
    };
    const runs = [];
    for (const side of sides()) {
      const revisionBefore = side.streamRevision(streamId);
      const positionBefore = side.lastPosition();
      const answers = await Promise.all(Array.from({ length: 20 }, () => side.send(request)));
      expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(201));
      const bodies = answers.map((answer) => JSON.parse(answer.text) as { revision: number; position: number });
      const revisions = bodies.map((body) => body.revision).sort((a, b) => a - b);
      expect(revisions).toEqual(Array.from({ length: 20 }, (_, index) => revisionBefore + 1 + index));
      const appended = side.eventsAfter(positionBefore);
      expect(appended.map((event) => [event.stream_id, event.revision])).toEqual(
        revisions.map((revision) => [streamId, revision]),
      );
      const requestLines = [];
      for (const answer of answers)
        requestLines.push(...(await side.linesOf(answer.headers['x-correlation-id'] as string)));
      runs.push({
        answers: answers
          .map((answer) => answerByForm(answer, undefined))
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
        appended: appended.map(eventByForm),
        requestLines: requestLines.map(logLineByForm),
      });
    }
    expect(runs[1]).toEqual(runs[0]);
  });

  it('the switch: on, a plain cost is answered without InterventionsController.cost running; off, through it', async () => {
    const [offBefore, onBefore] = [handlerCalls(off), handlerCalls(on)];
    await expectSameAnswer(sides(), tokens, valid('a plain cost'));
    expect({ off: handlerCalls(off) - offBefore, on: handlerCalls(on) - onBefore }).toEqual({ off: 1, on: 0 });
  });

  it('took the lane for most costs above (so the comparisons above were of the lane, not of Nest twice)', () => {
    // the 20 concurrent costs, the catalogue's plain valid costs and its refusals decided by the command core
    expect(handlerCalls(off) - handlerCalls(on)).toBeGreaterThanOrEqual(40);
  });

  it('counts the same requests and commands in /metrics', async () => {
    const names = ['http_request_duration_seconds_count', 'ledger_commands_total'];
    const scraped = [];
    for (const side of sides()) {
      const answer = await side.send({
        method: 'GET',
        path: '/metrics',
        headers: { Authorization: `Bearer ${tokens.admin}` },
        body: Buffer.alloc(0),
      });
      expect(answer.status).toBe(200);
      scraped.push(samplesOf(answer.text, names));
    }
    const [offSamples, onSamples] = scraped;
    // the catalogue's costs are there, accepted and refused
    expect(offSamples['ledger_commands_total{type="RecordCost",outcome="accepted",status="201"}']).toBeGreaterThan(20);
    expect(
      offSamples['http_request_duration_seconds_count{method="POST",route="/interventions/:id/costs",status="400"}'],
    ).toBeGreaterThan(10);
    expect(onSamples).toEqual(offSamples);
  });
});

/** How many times Nest's cost handler ran on this app's controller. */
function handlerCalls(side: ParityApp): number {
  const controller = side.app.get(InterventionsController);
  return costHandler.mock.contexts.filter((context) => context === controller).length;
}

/** Seeds one app: four organisations, two interventions led by the acute trust, and 2018/19 closed. */
async function seed(side: ParityApp, tokens: Tokens): Promise<void> {
  const post = async (token: string, path: string, body: unknown) => {
    const answer = await side.send({
      method: 'POST',
      path,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: json(body),
    });
    if (answer.status !== 201) throw new Error(`seed ${path}: ${answer.status} ${answer.text}`);
  };
  for (const [organisationId, type] of [
    [ICB, 'icb'],
    [ACUTE, 'acute-trust'],
    [COMMUNITY, 'community-trust'],
    [GP, 'gp-practice'],
  ]) {
    await post(tokens.admin, '/organisations', { organisationId, name: `Org ${organisationId}`, type, system: ICB });
  }
  for (const interventionId of [INTERVENTION, BUSY_INTERVENTION]) {
    await post(tokens.contributor, '/interventions', {
      interventionId,
      title: `Intervention ${interventionId}`,
      leadOrganisationId: ACUTE,
      lenses: { economic: true, social: false, strategic: false },
      strategicPriorities: [],
    });
  }
  await post(tokens.admin, '/periods/2018-19/close', {});
  // every token that may pass is used once, so that each app has verified (and may remember) it before the catalogue
  for (const token of Object.values(tokens)) {
    await side.send({
      method: 'GET',
      path: '/organisations/icb-west',
      headers: { Authorization: `Bearer ${token}` },
      body: Buffer.alloc(0),
    });
  }
}

/** Sends one case to each app in turn and compares everything the two did. */
async function expectSameAnswer(sides: readonly ParityApp[], tokens: Tokens, item: Case): Promise<void> {
  const built = item.request({ ...tokens, revision: sides[0].streamRevision(interventionStreamId(INTERVENTION)) });
  const request: RawRequest = { method: 'POST', path: COSTS, headers: {}, body: Buffer.alloc(0), ...built };
  const sentCorrelationId = Object.entries(request.headers).find(
    ([name]) => name.toLowerCase() === 'x-correlation-id',
  )?.[1];
  const seen = [];
  for (const side of sides) {
    const before = side.lastPosition();
    const answer = await side.send(request);
    const correlationId = answer.headers['x-correlation-id'];
    expect(typeof correlationId).toBe('string');
    const lines = await side.linesOf(correlationId as string);
    seen.push({
      answer: answerByForm(answer, sentCorrelationId),
      appended: side.eventsAfter(before).map(eventByForm),
      logLines: lines.map(logLineByForm),
      requestLines: lines.filter((line) => 'status' in line && 'ms' in line).length,
    });
  }
  const [offSide, onSide] = seen;
  expect({ status: offSide.answer.status, appended: offSide.appended.length }).toEqual({
    status: item.status,
    appended: item.appends,
  });
  expect(offSide.requestLines).toBe(1);
  expect(onSide).toEqual(offSide);
}
