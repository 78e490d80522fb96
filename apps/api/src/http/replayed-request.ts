import { IncomingMessage } from 'node:http';

/**
 * A request whose body has already been read, as a fresh IncomingMessage that yields the same bytes again: the fast
 * cost lane reads a body before it knows whether it can answer, and hands what it cannot to Express, whose body
 * parser must then read (and, when it refuses, word) exactly what the client sent.
 */
export function replayedRequest(original: IncomingMessage, body: Buffer): IncomingMessage {
  const replay = new IncomingMessage(original.socket);
  replay.method = original.method;
  replay.url = original.url;
  replay.headers = original.headers;
  replay.rawHeaders = original.rawHeaders;
  replay.httpVersion = original.httpVersion;
  replay.httpVersionMajor = original.httpVersionMajor;
  replay.httpVersionMinor = original.httpVersionMinor;
  replay.complete = true;
  // the bytes are all here: never ask the socket for more (it already carries the connection's next request)
  replay._read = () => undefined;
  if (body.length > 0) replay.push(body);
  replay.push(null);
  return replay;
}
