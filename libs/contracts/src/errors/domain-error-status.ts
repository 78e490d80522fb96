import { DomainErrorKind } from '@benefit-ledger/domain';

const STATUS: Record<DomainErrorKind, { status: number; error: string }> = {
  'invalid-reference': { status: 400, error: 'Bad Request' },
  'not-found': { status: 404, error: 'Not Found' },
  conflict: { status: 409, error: 'Conflict' },
  'rule-violated': { status: 422, error: 'Unprocessable Entity' },
};

/**
 * The HTTP status a domain refusal answers, and its name. Free of Nest, so that the Kafka gateway gives its
 * rejections the same status the API would.
 */
export const statusOf = (kind: DomainErrorKind): { status: number; error: string } => STATUS[kind];
