import { createServer } from 'node:net';
import { freePort } from '../src';

describe('freePort', () => {
  it('answers a loopback port a server can then listen on', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(typeof address === 'object' && address?.port).toBe(port);
  });
});
