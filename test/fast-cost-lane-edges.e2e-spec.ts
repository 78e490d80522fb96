/**
 * The fast cost lane (FAST_COST_LANE) at two edges the catalogue in fast-cost-lane.e2e-spec.ts does not reach, held
 * to the Nest path the same way (two apps, lane on and off, seeded alike, compared answer by answer):
 * - with the rate limit on, the lane counts a user's costs with the same guard: the same X-RateLimit-* headers, the
 *   same 429 with Retry-After once the user is over, the same log lines and metrics, and nothing appended when refused;
 * - a client that goes away before its body is complete is logged and counted as the body parser's 400, before any
 *   route, and appends nothing;
 * - an unexpected failure below the edge is a 500 that tells nothing of it, logged with its stack and correlation id.
 */
import { connect } from 'node:net';
import { AddressInfo, Server } from 'node:net';
import { CommandBus } from '@nestjs/cqrs';
import { mintToken } from '@benefit-ledger/application';
import { ACUTE, ICB, costBody } from './support/fixtures';
import { Exchange, ParityApp } from './support/parity-app';
import { answerByForm, logLineByForm } from './support/parity-compare';

const SECRET = 'fast-cost-lane-edges-secret-0123456789abcdef';
const INTERVENTION = 'int-edges';
const COSTS = `/interventions/${INTERVENTION}/costs`;
const LIMIT = 4;
/** Seconds until the window moves on: they may differ by one between the two apps' clocks, so compared by form. */
const SECONDS_HEADERS = ['x-ratelimit-reset', 'retry-after'];

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

interface Tokens {
  admin: string;
  lead: string;
  contributor: string;
}

async function tokens(): Promise<Tokens> {
  return {
    admin: await mintToken(SECRET, { sub: 'admin@example.nhs.uk', role: 'admin', organisationId: ICB }),
    lead: await mintToken(SECRET, { sub: 'lead@example.nhs.uk', role: 'contributor', organisationId: ACUTE }),
    contributor: await mintToken(SECRET, { sub: 'costs@example.nhs.uk', role: 'contributor', organisationId: ACUTE }),
  };
}

/** Two organisations and an intervention, written by users other than the one whose allowance is counted. */
async function seed(side: ParityApp, { admin, lead }: Tokens): Promise<void> {
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
  ]) {
    await post(admin, '/organisations', { organisationId, name: `Org ${organisationId}`, type, system: ICB });
  }
  await post(lead, '/interventions', {
    interventionId: INTERVENTION,
    title: 'Edges',
    leadOrganisationId: ACUTE,
    lenses: { economic: true, social: false, strategic: false },
    strategicPriorities: [],
  });
}

/** An answer by form, with the seconds the rate limit names checked and then compared by form. */
function rateLimitedByForm(answer: Exchange, correlationId: string) {
  const byForm = answerByForm(answer, correlationId);
  for (const name of SECONDS_HEADERS) {
    if (name in byForm.headers) {
      expect(Number(byForm.headers[name])).toBeGreaterThanOrEqual(0);
      expect(Number(byForm.headers[name])).toBeLessThanOrEqual(60);
      byForm.headers[name] = '<seconds>';
    }
  }
  return byForm;
}

async function metricsOf(side: ParityApp, admin: string): Promise<string[]> {
  const answer = await side.send({
    method: 'GET',
    path: '/metrics',
    headers: { Authorization: `Bearer ${admin}` },
    body: Buffer.alloc(0),
  });
  return answer.text
    .split('\n')
    .filter((line) => /^(http_request_duration_seconds_count|ledger_commands_total)\{/.test(line))
    .filter((line) => line.includes('costs') || line.includes('RecordCost') || line.includes('(none)'));
}

describe('the fast cost lane with the rate limit on', () => {
  let sides: [ParityApp, ParityApp];
  let minted: Tokens;
  beforeAll(async () => {
    minted = await tokens();
    sides = [
      await ParityApp.start({ jwtSecret: SECRET, rateLimitPerMinute: LIMIT, fastCostLane: true }),
      await ParityApp.start({ jwtSecret: SECRET, rateLimitPerMinute: LIMIT, fastCostLane: false }),
    ];
    for (const side of sides) await seed(side, minted);
  });
  afterAll(async () => {
    for (const side of sides) await side.stop();
  });

  it('answers, logs and counts every cost as the Nest path does, 429 once the user is over, appending nothing then', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < LIMIT + 2; index += 1) {
      const correlationId = `limited-${index}`;
      const request = {
        method: 'POST',
        path: COSTS,
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${minted.contributor}`,
          'X-Correlation-Id': correlationId,
        },
        body: json(costBody({ costId: `cost-limited-${index}` })),
      };
      const before = sides.map((side) => side.logLength());
      const [withLane, withoutLane] = [await sides[0].send(request), await sides[1].send(request)];
      expect(rateLimitedByForm(withLane, correlationId)).toEqual(rateLimitedByForm(withoutLane, correlationId));
      const appended = sides.map((side, at) => side.logLength() - before[at]);
      expect(appended[0]).toBe(appended[1]);
      expect(appended[0]).toBe(withLane.status === 201 ? 1 : 0);
      const lines = await Promise.all(sides.map((side) => side.linesOf(correlationId)));
      expect(lines[0].map(logLineByForm)).toEqual(lines[1].map(logLineByForm));
      statuses.push(withLane.status);
    }
    // the first request went through Nest (the token was new), the rest through the lane
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(201), 429, 429]);
    expect(await metricsOf(sides[0], minted.admin)).toEqual(await metricsOf(sides[1], minted.admin));
  });
});

describe('the fast cost lane when the client goes away mid-body', () => {
  let sides: [ParityApp, ParityApp];
  let minted: Tokens;
  beforeAll(async () => {
    minted = await tokens();
    sides = [
      await ParityApp.start({ jwtSecret: SECRET, fastCostLane: true }),
      await ParityApp.start({ jwtSecret: SECRET, fastCostLane: false }),
    ];
    for (const side of sides) await seed(side, minted);
  });
  afterAll(async () => {
    for (const side of sides) await side.stop();
  });

  it('logs and counts the 400 the body parser gives, before any route, and appends nothing', async () => {
    for (const side of sides) {
      // the token verified (and remembered) on a route of its own first, so that the lane takes the request
      await side.send({
        method: 'GET',
        path: `/interventions/${INTERVENTION}`,
        headers: { Authorization: `Bearer ${minted.contributor}` },
        body: Buffer.alloc(0),
      });
    }
    const lines = [];
    for (const side of sides) {
      const before = side.logLength();
      const { port } = (side.app.getHttpServer() as Server).address() as AddressInfo;
      await new Promise<void>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            `POST ${COSTS} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${minted.contributor}\r\n` +
              'Content-Type: application/json\r\nContent-Length: 200\r\nX-Correlation-Id: went-away\r\n\r\n{"costType":',
          );
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 100);
        });
        socket.on('error', reject);
      });
      const sideLines = await side.linesOf('went-away');
      expect(sideLines).toEqual([expect.objectContaining({ status: 400, route: null, user: null, path: COSTS })]);
      lines.push(sideLines.map(logLineByForm));
      expect(side.logLength()).toBe(before);
    }
    expect(lines[0]).toEqual(lines[1]);
    expect(await metricsOf(sides[0], minted.admin)).toEqual(await metricsOf(sides[1], minted.admin));
  });
});

describe('the fast cost lane when something unexpected fails', () => {
  let sides: [ParityApp, ParityApp];
  let minted: Tokens;
  beforeAll(async () => {
    minted = await tokens();
    sides = [
      await ParityApp.start({ jwtSecret: SECRET, fastCostLane: true }),
      await ParityApp.start({ jwtSecret: SECRET, fastCostLane: false }),
    ];
    for (const side of sides) await seed(side, minted);
  });
  afterAll(async () => {
    for (const side of sides) await side.stop();
  });

  it('answers 500 without the error, logs its stack under Errors with the correlation id, and appends nothing', async () => {
    const lines = [];
    const answers = [];
    for (const side of sides) {
      // the token verified (and remembered) on a route of its own first, so that the lane takes the request
      await side.send({
        method: 'GET',
        path: `/interventions/${INTERVENTION}`,
        headers: { Authorization: `Bearer ${minted.contributor}` },
        body: Buffer.alloc(0),
      });
      const failing = jest
        .spyOn(side.app.get(CommandBus), 'execute')
        .mockRejectedValueOnce(new Error('the disk is on fire (a test double of a failure)'));
      const before = side.logLength();
      const answer = await side.send({
        method: 'POST',
        path: COSTS,
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${minted.contributor}`,
          'X-Correlation-Id': 'unexpected-1',
        },
        body: json(costBody({ costId: 'cost-unexpected' })),
      });
      expect(failing).toHaveBeenCalledTimes(1);
      failing.mockRestore();
      expect(answer.status).toBe(500);
      expect(side.logLength()).toBe(before);
      answers.push(answerByForm(answer, 'unexpected-1'));
      const sideLines = await side.linesOf('unexpected-1');
      const errorLine = sideLines.find((line) => line.context === 'Errors');
      expect(String(errorLine?.msg)).toMatch(/^Error: the disk is on fire/);
      // the stack's frames differ with the caller; the rest of each line must not
      lines.push(sideLines.map((line) => logLineByForm({ ...line, msg: String(line.msg).split('\n')[0] })));
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(lines[0]).toEqual(lines[1]);
  });
});
