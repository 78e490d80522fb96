import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceDirectory } from '../apps/api/src/web/serve-workspace';
import { TestApp } from './support/test-app';

/**
 * The API serves the analyst's workspace (built by `npm run build` into dist/web): its page at `/` and every
 * `/app/...` client route, its files under `/app/assets/`, while every API path answers as before.
 */
describe('the API serves the workspace beside the API', () => {
  let t: TestApp;
  const dir = workspaceDirectory();

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('was built (npm test builds first)', () => {
    expect(dir).not.toBeNull();
  });

  it('answers its page at / and at any /app/ path (a reload or a shared link of a client route), never cached stale', async () => {
    const page = readFileSync(join(dir!, 'index.html'), 'utf8');
    for (const path of [
      '/',
      '/app',
      '/app/portfolio',
      '/app/interventions/frailty-discharge-to-assess?financialYear=2019%2F20',
    ]) {
      const res = await t.http.get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toBe(page);
    }
  });

  it("ships no inline script or style and no outside URL, so helmet's Content-Security-Policy lets it run", async () => {
    const res = await t.http.get('/');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // every script has a src
    expect(res.text).not.toMatch(/<style|\sstyle=/);
    expect(res.text).not.toMatch(/https?:\/\//);
    const scripts = [...res.text.matchAll(/src="([^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) expect(src).toMatch(/^\/app\/assets\//);
  });

  it("serves its hashed files for a year, and a file that is not there is the API's JSON 404, not the page", async () => {
    const page = (await t.http.get('/')).text;
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(page)![1];
    const res = await t.http.get(script);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toContain('immutable');
    const missing = await t.http.get('/app/assets/not-there-1234.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/json/);
  });

  it('leaves the API as it was: reads still need a token, unknown paths are JSON 404s, /docs is Swagger', async () => {
    const list = await t.http.get('/interventions');
    expect(list.status).toBe(401);
    expect(list.headers['content-type']).toMatch(/json/);
    const unknown = await t.http.get('/no-such-endpoint');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/json/);
    const docs = await t.http.get('/docs/');
    expect(docs.status).toBe(200);
    expect(docs.text).toMatch(/swagger/i);
    const post = await t.http.post('/app/portfolio').send({});
    expect(post.status).toBe(404);
  });
});
