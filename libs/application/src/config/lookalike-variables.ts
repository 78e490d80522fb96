import { closest, distance } from 'fastest-levenshtein';

/**
 * Beginnings that only this service's variables have: any other variable starting so was meant for us
 * (`KAFKA_SASL_PASS`, `JWT_SECRET_FILE`, `READY_MAX_LAG`). `KAFKA_`, `LOG_` and `DATA_` alone are not here:
 * other programs use them in the same environments (the test broker's `KAFKA_VERSION`, other services' `LOG_*`).
 */
const OUR_PREFIXES = [
  'EVENTSTORE_',
  'JWT_',
  'TOKEN_MAX_',
  'KAFKA_SASL_',
  'KAFKA_CLIENT_',
  'KAFKA_CONSUMER_',
  'RATE_LIMIT_',
  'CORS_',
  'READY_',
];

/**
 * Kubernetes sets these for every Service in the namespace (a Service named `kafka` gives `KAFKA_PORT`,
 * `KAFKA_PORT_9092_TCP_ADDR`, `KAFKA_SERVICE_HOST`…): never a mistake of the operator's.
 */
const KUBERNETES_SERVICE_LINK =
  /^[A-Z][A-Z0-9_]*_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_\d+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)?)$/;

export interface LookalikeVariable {
  name: string;
  suggestion: string;
}

/**
 * The variables that look like one of ours but are not, each with the name it was probably meant to be.
 * One looks like ours when it
 * - is one of ours in other letter case (`data_dir`), or
 * - is within edit distance 2 of one of ours (`DATA_DIRR`, `JWT_SECRETS`, `KAFKA_BROKER`), or 1 for our names of
 *   five letters or fewer (`PORTS`, but not `HOST`), or
 * - starts with a beginning only our variables have, or is that beginning (OUR_PREFIXES: `RATE_LIMIT`, `CORS_ORIGIN_1`).
 */
export function lookalikeVariables(names: Iterable<string>, ours: readonly string[]): LookalikeVariable[] {
  const known = new Set(ours);
  const found: LookalikeVariable[] = [];
  for (const name of names) {
    if (known.has(name)) continue;
    const upper = name.toUpperCase();
    if (KUBERNETES_SERVICE_LINK.test(upper)) continue;
    const nearest = closest(upper, [...ours]);
    const tolerance = nearest.length <= 5 ? 1 : 2;
    const prefix = OUR_PREFIXES.find((p) => upper.startsWith(p) || upper === p.slice(0, -1)); // RATE_LIMIT_…, or RATE_LIMIT itself
    if (distance(upper, nearest) <= tolerance) found.push({ name, suggestion: nearest });
    else if (prefix) {
      const sharingPrefix = ours.filter((n) => n.startsWith(prefix));
      found.push({ name, suggestion: sharingPrefix.length > 0 ? closest(upper, sharingPrefix) : nearest }); // closest of none is undefined
    }
  }
  return found;
}

export const describeLookalike = (lookalike: LookalikeVariable) =>
  `unknown variable ${lookalike.name}; did you mean ${lookalike.suggestion}?`;
