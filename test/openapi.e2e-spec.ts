import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import SwaggerParser from '@apidevtools/swagger-parser';
import { OpenAPIV3 } from 'openapi-types';
import ts from 'typescript';
import { TestApp } from './support/test-app';

/**
 * The OpenAPI document the running API serves at /docs-json, as a client generator meets it: valid OpenAPI 3
 * (swagger-parser), every reference resolving to a named schema, every operation answering a 2xx with a schema and
 * declaring the refusals it can answer with the one error body, every route Express serves documented, files with
 * their content type; and a typed client generated from it (openapi-typescript) that type-checks against it.
 */

type Operation = OpenAPIV3.OperationObject & { method: string; path: string };
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

function operationsOf(doc: OpenAPIV3.Document): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item?.[m]).map((method) => ({
      ...(item![method] as OpenAPIV3.OperationObject),
      method,
      path,
    })),
  );
}

/** Every `$ref` anywhere in the document, with where it sits. */
function refsIn(value: unknown, at = '#'): { at: string; ref: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => refsIn(v, `${at}/${i}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' ? [{ at, ref: String(v) }] : refsIn(v, `${at}/${k}`)));
}

const isSecured = (doc: OpenAPIV3.Document, op: Operation) => (op.security ?? doc.security ?? []).length > 0;
const responseOf = (op: Operation, status: string) => op.responses[status] as OpenAPIV3.ResponseObject | undefined;
const label = (op: Operation) => `${op.method.toUpperCase()} ${op.path}`;

/** Whether the rate limit applies to an operation (operationId `Controller_method`): not where @SkipThrottle() marks it or its controller. */
function isThrottled(app: INestApplication, op: Operation): boolean {
  const [controllerName, methodName] = op.operationId!.split('_');
  const controllers = [...app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()]);
  const controller = controllers.find((c) => c.metatype?.name === controllerName)!.metatype as unknown as {
    prototype: Record<string, object>;
  };
  const skipped = (target: object) => Reflect.getMetadata('THROTTLER:SKIPdefault', target) === true; // what @nestjs/throttler's SkipThrottle() records
  return !skipped(controller) && !skipped(controller.prototype[methodName]);
}

describe('the OpenAPI document at /docs-json', () => {
  let app: TestApp;
  let doc: OpenAPIV3.Document;
  let operations: Operation[];

  beforeAll(async () => {
    app = await TestApp.start();
    const r = await app.http.get('/docs-json').expect(200).expect('Content-Type', /json/);
    doc = r.body;
    operations = operationsOf(doc);
  });
  afterAll(() => app.stop());

  it('is valid OpenAPI 3 and every reference resolves (swagger-parser validates and dereferences it)', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
    const dereferenced = (await SwaggerParser.dereference(structuredClone(doc) as never)) as OpenAPIV3.Document;
    expect(refsIn(dereferenced)).toEqual([]);
  });

  it('has one class per schema name: no two classes of the API share a name, which would silently replace one schema by the other', () => {
    // the API's own classes and the request DTOs it takes from libs/contracts
    const files = ['apps/api/src', 'libs/contracts/src'].flatMap((folder) =>
      (readdirSync(join(__dirname, '..', folder), { recursive: true }) as string[])
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join(folder, f)),
    );
    const classes = files.flatMap((f) =>
      [...readFileSync(join(__dirname, '..', f), 'utf8').matchAll(/^(?:export )?(?:abstract )?class (\w+)/gm)].map(
        (m) => `${m[1]} (${f})`,
      ),
    );
    const names = classes.map((c) => c.split(' ')[0]);
    expect(classes.filter((c) => names.filter((n) => n === c.split(' ')[0]).length > 1)).toEqual([]);
    expect(Object.keys(doc.components!.schemas!)).toEqual(
      expect.arrayContaining(['ErrorBody', 'Figure', 'InterventionResponse', 'SystemFlowsResponse']),
    );
  });

  it('names every schema a reference points to: no empty or dangling $ref', () => {
    const schemas = doc.components?.schemas ?? {};
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(100);
    const unresolved = refs.filter(({ ref }) => {
      const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
      return !name || !(name in schemas);
    });
    expect(unresolved).toEqual([]);
  });

  it('documents every route Express serves, and nothing else', () => {
    const express = app.app.getHttpAdapter().getInstance() as {
      router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
    };
    const served = express.router.stack
      .filter((l) => l.route)
      .flatMap((l) =>
        Object.keys(l.route!.methods).map((m) => `${m.toUpperCase()} ${l.route!.path.replace(/:(\w+)/g, '{$1}')}`),
      );
    const documented = operations.map(label);
    const ownDocs = ['GET /docs-json', 'GET /docs-yaml'];
    expect(served.filter((s) => !ownDocs.includes(s) && !s.startsWith('GET /docs')).sort()).toEqual(
      [...documented].sort(),
    );
    expect(operations.length).toBeGreaterThanOrEqual(44);
  });

  it('says that request bodies, nested objects included, take no property they do not declare (as the API refuses them)', async () => {
    const posts = operations.filter((op) => op.requestBody);
    expect(posts.length).toBeGreaterThanOrEqual(24);
    const dereferenced = (await SwaggerParser.dereference(structuredClone(doc) as never)) as OpenAPIV3.Document;
    const open: string[] = [];
    const walk = (schema: OpenAPIV3.SchemaObject, at: string): void => {
      if (schema.properties) {
        if (schema.additionalProperties !== false) open.push(at);
        Object.entries(schema.properties).forEach(([k, s]) => walk(s as OpenAPIV3.SchemaObject, `${at}.${k}`));
      }
      if ('items' in schema) walk(schema.items as OpenAPIV3.SchemaObject, `${at}[]`);
      [...(schema.allOf ?? []), ...(schema.oneOf ?? [])].forEach((s) => walk(s as OpenAPIV3.SchemaObject, at));
    };
    for (const op of operationsOf(dereferenced).filter((o) => o.requestBody)) {
      walk(
        (op.requestBody as OpenAPIV3.RequestBodyObject).content['application/json'].schema as OpenAPIV3.SchemaObject,
        label(op),
      );
    }
    expect(open).toEqual([]);
    const admin = await app.as('admin', 'west-riding-icb');
    const before = app.logLength();
    const refused = await admin
      .post('/organisations', { organisationId: 'undeclared-property', name: 'N', type: 'icb', colour: 'blue' })
      .expect(400);
    expect(refused.body.errors).toEqual([{ field: 'colour', messages: ['property colour should not exist'] }]);
    expect(app.logLength()).toBe(before);
  });

  it('gives every operation a 2xx answer with a schema', () => {
    const without = operations
      .filter((op) => {
        const ok = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
        return (
          ok.length === 0 ||
          ok.some(([, r]) => {
            const content = (r as OpenAPIV3.ResponseObject).content ?? {};
            const schemas = Object.values(content).map((c) => c.schema);
            return schemas.length === 0 || schemas.some((s) => !s || Object.keys(s).length === 0);
          })
        );
      })
      .map(label);
    expect(without).toEqual([]);
  });

  it('says what type of content each operation answers: the audit pack as application/gzip', () => {
    const pack = operations.find((op) => op.path === '/audit/pack')!;
    expect(Object.keys(responseOf(pack, '200')!.content!)).toEqual(['application/gzip']);
    expect(responseOf(pack, '200')!.content!['application/gzip'].schema).toEqual({ type: 'string', format: 'binary' });
  });

  it('declares the refusals each operation can answer: 401 behind a token, 429 where rate-limited, 400 for any input, 413 and 415 for a body', () => {
    const missing = operations.flatMap((op) => {
      const expected = [
        ...(isSecured(doc, op) ? ['401'] : []),
        ...(isThrottled(app.app, op) ? ['429'] : []),
        ...((op.parameters ?? []).length > 0 || op.requestBody ? ['400'] : []),
        ...(op.requestBody ? ['413', '415'] : []),
        ...(op.method === 'post' ? ['403', '409', '422'] : []),
      ];
      return expected
        .filter((status) => !Object.hasOwn(op.responses, status))
        .map((status) => `${label(op)} ${status}`);
    });
    expect(missing).toEqual([]);
  });

  it('answers every refusal with the one error body, as JSON', () => {
    const other = operations.flatMap((op) =>
      Object.entries(op.responses)
        .filter(([status]) => /^4\d\d$/.test(status))
        .filter(([, r]) => {
          const content = (r as OpenAPIV3.ResponseObject).content ?? {};
          return (
            Object.keys(content).join() !== 'application/json' ||
            (content['application/json'].schema as OpenAPIV3.ReferenceObject).$ref !== '#/components/schemas/ErrorBody'
          );
        })
        .map(([status]) => `${label(op)} ${status}`),
    );
    expect(other).toEqual([]);
    const body = doc.components!.schemas!.ErrorBody as OpenAPIV3.SchemaObject;
    expect(Object.keys(body.properties!).sort()).toEqual(['error', 'errors', 'field', 'message', 'rule', 'statusCode']);
    expect(body.required!.sort()).toEqual(['error', 'message', 'statusCode']);
  });

  it("documents what a refusal really answers: the error body's fields for a 400, a 401 and a 404", async () => {
    const validate = (status: number, r: { body: Record<string, unknown> }) => {
      expect(r.body).toMatchObject({ statusCode: status, error: expect.any(String), message: expect.any(String) });
      const declared = Object.keys((doc.components!.schemas!.ErrorBody as OpenAPIV3.SchemaObject).properties!);
      expect(Object.keys(r.body).filter((k) => !declared.includes(k))).toEqual([]);
    };
    validate(401, await app.http.get('/system/flows').expect(401));
    const admin = await app.as('admin', 'west-riding-icb');
    validate(400, await admin.post('/organisations', { name: 'x', type: 'no-such-type', extra: 1 }).expect(400));
    validate(404, await admin.get('/interventions/no-such-intervention').expect(404));
  });

  it('generates a typed client (openapi-typescript) that type-checks against answers and errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-client-'));
    try {
      // its command line, as a client's build would run it (the library is ESM-only underneath, which jest cannot load)
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
      const generated = spawnSync(
        process.execPath,
        [
          join(dirname(require.resolve('openapi-typescript/package.json')), 'bin/cli.js'),
          join(dir, 'openapi.json'),
          '-o',
          join(dir, 'api.d.ts'),
        ],
        { encoding: 'utf8' },
      );
      expect({ status: generated.status, stderr: generated.stderr }).toEqual({
        status: 0,
        stderr: expect.not.stringMatching(/error/i),
      });
      writeFileSync(
        join(dir, 'use.ts'),
        [
          "import type { components, paths } from './api';",
          "type Flows = paths['/system/flows']['get']['responses'][200]['content']['application/json'];",
          "type Reconciliation = paths['/finance/reconciliation']['get']['responses'][200]['content']['application/json'];",
          "type CostWritten = paths['/interventions/{id}/costs']['post']['responses'][201]['content']['application/json'];",
          "type Refused = paths['/organisations']['post']['responses'][400]['content']['application/json'];",
          "export const flows: Flows['totals']['validatedPence']['pence'] = 1;",
          "export const closes: NonNullable<Reconciliation['period']> extends infer P ? P extends { closes: unknown } ? P['closes'] : never : never = [];",
          "export const costId: CostWritten['costId'] = 'c';",
          "export const refused: Refused = { statusCode: 400, error: 'Bad Request', message: 'name must be a string', errors: [{ field: 'name', messages: ['name must be a string'] }] };",
          "export const rule: components['schemas']['ErrorBody']['rule'] = 'period-closed';",
        ].join('\n'),
      );
      const program = ts.createProgram([join(dir, 'use.ts')], {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      });
      const problems = ts
        .getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(problems).toEqual([]);
      // the check can fail: a field the document does not declare does not compile
      writeFileSync(
        join(dir, 'wrong.ts'),
        "import type { components } from './api';\nexport const x: components['schemas']['ErrorBody']['noSuchField'] = 1;\n",
      );
      const wrong = ts.createProgram([join(dir, 'wrong.ts')], {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      });
      expect(ts.getPreEmitDiagnostics(wrong).length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
