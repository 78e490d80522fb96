import canonicalize from 'canonicalize';

/** Whether two plain values are the same data (RFC 8785 canonical JSON: key order does not matter, undefined keys drop). */
export const canonicalEqual = (left: unknown, right: unknown): boolean => canonicalize(left) === canonicalize(right);
