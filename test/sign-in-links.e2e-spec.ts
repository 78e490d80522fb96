import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actorFromToken, jwtSecretFile } from '@benefit-ledger/application';
import { ROLES } from '@benefit-ledger/domain';
import { runCli } from './support/run-cli';

/**
 * The sign-in links the compiled CLI prints for the web app: `http://localhost:<PORT>/#token=<jwt>`, the token in the
 * URL's fragment (never its query string), on the port the API will listen on, each token one the API accepts.
 */
describe('sign-in links from the CLI', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-links-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const LINK = /http:\/\/localhost:(\d+)\/#token=([A-Za-z0-9_.-]+)/g;
  const linksIn = (text: string) =>
    [...text.matchAll(LINK)].map((m) => ({ port: Number(m[1]), token: m[2], link: m[0] }));
  const secret = () => readFileSync(jwtSecretFile(dataDir), 'utf8').trim();

  it('token: the token alone on stdout (for $(…)), and a link to sign in with it on stderr, on the default port 3000', async () => {
    const r = runCli(
      ['token', '--sub', 'ann@example.nhs.uk', '--role', 'finance', '--organisation', 'riverside-teaching-hospitals'],
      { DATA_DIR: dataDir },
    );
    expect(r.status).toBe(0);
    const token = r.stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    expect(linksIn(r.stdout)).toEqual([]);
    expect(linksIn(r.stderr)).toEqual([{ port: 3000, token, link: `http://localhost:3000/#token=${token}` }]);
    expect(r.stderr).not.toMatch(/\?token=/);
    await expect(actorFromToken(secret(), token)).resolves.toEqual({
      userId: 'ann@example.nhs.uk',
      role: 'finance',
      organisationId: 'riverside-teaching-hospitals',
    });
  });

  it('token: the link follows PORT', () => {
    const r = runCli(['token', '--sub', 'x@example.nhs.uk', '--role', 'auditor', '--organisation', 'west-riding-icb'], {
      DATA_DIR: dataDir,
      PORT: '4123',
    });
    expect(r.status).toBe(0);
    expect(linksIn(r.stderr).map((l) => [l.port, l.token])).toEqual([[4123, r.stdout.trim()]]);
  });

  it('demo: one link per role, each signing in as that role for an organisation of the demo, beside the outputs it printed before', async () => {
    const demoDir = mkdtempSync(join(tmpdir(), 'ledger-links-demo-'));
    try {
      const r = runCli(['demo'], { DATA_DIR: demoDir, PORT: '3456' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^demo: \d+ events recorded in /);
      expect(r.stdout).toMatch(/export TOKEN=\S+/);
      const links = linksIn(r.stdout);
      expect(links.map((l) => l.port)).toEqual(ROLES.map(() => 3456));
      const demoSecret = readFileSync(jwtSecretFile(demoDir), 'utf8').trim();
      const actors = await Promise.all(links.map((l) => actorFromToken(demoSecret, l.token)));
      expect(actors.map((a) => a.role).sort()).toEqual([...ROLES].sort());
      for (const [i, actor] of actors.entries()) {
        // the line names who the link signs in as
        const line = r.stdout.split('\n').find((l) => l.includes(links[i].link))!;
        expect(line).toContain(`${actor.role} (${actor.organisationId})`);
      }
      expect(r.stdout).not.toMatch(/[?&]token=/);
    } finally {
      rmSync(demoDir, { recursive: true, force: true });
    }
  });
});
