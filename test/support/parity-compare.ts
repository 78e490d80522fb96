import etagOf from 'etag'; // the package Express computes its (weak) ETags with
import { Exchange, StoredEvent } from './parity-app';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const TIMESTAMPS = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;
/** SHA-256 digests (the log's hash chain): they cover generated ids and times, so they differ between two logs. */
const DIGESTS = /\b[0-9a-f]{64}\b/g;
/** A digest shortened for a message (`seal root d27fde1f0c34…`). */
const SHORT_DIGESTS = /\b[0-9a-f]{12,63}…/g;
/** What a client may send as its correlation id (as the API accepts it). */
const ACCEPTABLE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** A text with what the server generates (ids, times, digests) replaced by its form. */
export function generatedByForm(text: string): string {
  return text
    .replace(UUIDS, '<uuid>')
    .replace(TIMESTAMPS, '<time>')
    .replace(DIGESTS, '<sha256>')
    .replace(SHORT_DIGESTS, '<sha256…>');
}

/** Every string in a JSON value with its generated parts replaced by their forms; everything else as is. */
export function jsonByForm(value: unknown): unknown {
  if (typeof value === 'string') return generatedByForm(value);
  if (Array.isArray(value)) return value.map(jsonByForm);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, jsonByForm(inner)]));
  }
  return value;
}

/** The body as JSON when it is JSON, else its text, with generated parts by form. */
function bodyByForm(text: string): unknown {
  try {
    return { json: jsonByForm(JSON.parse(text)) };
  } catch {
    return { text: generatedByForm(text) };
  }
}

/**
 * An answer as two apps must agree on it: status, every header but Date by value, except the two derived from
 * what the server generates, which are checked here and then compared by form: X-Correlation-Id is the one sent
 * when it was acceptable, else a UUID; ETag is Express's weak ETag of these very body bytes.
 */
export function answerByForm(answer: Exchange, sentCorrelationId: string | undefined) {
  const headers: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (name === 'date') continue;
    if (name === 'x-correlation-id') {
      const expected =
        sentCorrelationId !== undefined && ACCEPTABLE_CORRELATION_ID.test(sentCorrelationId) ? sentCorrelationId : null;
      if (expected !== null) expect(value).toBe(expected);
      else expect(value).toMatch(UUID);
      headers[name] = expected ?? '<generated uuid>';
    } else if (name === 'etag') {
      expect(value).toBe(etagOf(Buffer.from(answer.text, 'utf8'), { weak: true }));
      headers[name] = 'W/"<of the body>"';
    } else {
      headers[name] = value;
    }
  }
  return { status: answer.status, headers, body: bodyByForm(answer.text) };
}

/** Fields of a log line that differ from run to run whatever answered (when, how long, which process, which id). */
const VARYING_LOG_FIELDS = new Set(['time', 'ms', 'correlationId', 'pid', 'hostname']);

export function logLineByForm(line: Record<string, unknown>): unknown {
  return jsonByForm(Object.fromEntries(Object.entries(line).filter(([key]) => !VARYING_LOG_FIELDS.has(key))));
}

/** An appended event as two logs must agree on it: every column, with generated ids, times and digests by form. */
export function eventByForm(event: StoredEvent) {
  return {
    position: event.position,
    streamId: event.stream_id,
    revision: event.revision,
    type: event.type,
    data: jsonByForm(JSON.parse(event.data)),
    metadata: jsonByForm(JSON.parse(event.metadata)),
  };
}
