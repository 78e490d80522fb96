import { request as httpRequest } from 'node:http';
import { AddressInfo, Server } from 'node:net';

export interface RawReply {
  status: number;
  text: string;
  /** The JSON answer, or undefined when the answer is not JSON. */
  body: Record<string, unknown> | undefined;
}

/**
 * One request sent byte for byte as given, headers and all, over a real socket to the app's server (listening
 * on a loopback port from the first call). supertest would re-encode a Buffer as JSON when Content-Type says
 * JSON, and adds its own Content-Length; this does neither, so compressed and mislabelled bodies arrive as sent.
 */
export async function rawRequest(
  server: Server,
  path: string,
  headers: Record<string, string>,
  body: string | Buffer = '',
  method = 'POST',
): Promise<RawReply> {
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { 'Content-Length': String(payload.length), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: Record<string, unknown> | undefined;
          try {
            parsed = JSON.parse(text) as Record<string, unknown>;
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, text, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
