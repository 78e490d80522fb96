import { BadRequestException, Injectable, applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Request } from 'express';
import { CommandContext, IDEMPOTENCY_KEY_PATTERN } from '@benefit-ledger/application';
import { Actor } from '@benefit-ledger/domain';
import { correlationIdOf } from '../observability/correlation-id';
import { IdempotentRequest } from './idempotency.interceptor';

const REVISION = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/;

/**
 * Builds a command's context from the HTTP request: the actor, now, fresh ids, the request's correlation id
 * (X-Correlation-Id when acceptable, else a new one; the answer echoes it), If-Match as the expected stream
 * revision, and a restatement's reason.
 */
@Injectable()
export class CommandContextFactory {
  fromRequest(request: Request, actor: Actor): CommandContext {
    const ifMatch = request.header('if-match');
    let expectedRevision: number | undefined;
    if (ifMatch !== undefined) {
      const revisionMatch = REVISION.exec(ifMatch);
      if (!revisionMatch) throw new BadRequestException('If-Match must be the stream revision you last read, e.g. "3"');
      expectedRevision = Number(revisionMatch[1]);
    }
    const idempotency = (request as IdempotentRequest).idempotency;
    return {
      ...plainCommandContext(actor, correlationIdOf(request)),
      expectedRevision,
      ...(idempotency ? { idempotentEventIdAt: idempotency.eventIdAt } : {}),
      ...restatementOf(request),
    };
  }

  /** An id for an entity the client did not name: derived from the Idempotency-Key when there is one, so a retry names the same entity. */
  newEntityId(request: Request): string {
    return (request as IdempotentRequest).idempotency?.entityId() ?? randomUUID();
  }
}

/** The context of a command that asks for nothing but to be decided now: who sent it, its correlation id, fresh ids. */
export function plainCommandContext(actor: Actor, correlationId: string): CommandContext {
  return { actor, now: new Date(), newId: randomUUID, correlationId, causationId: randomUUID() };
}

/** Documents the request headers CommandContextFactory reads, on an operation that writes (with their forms, so a client or a fuzzer sends them so). */
export const CommandHeaders = () =>
  applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'the stream revision you last read; 409 if it has moved on',
      schema: { type: 'string', pattern: REVISION.source, example: '"3"' },
    }),
    ApiHeader({
      name: 'X-Correlation-Id',
      required: false,
      schema: { type: 'string', maxLength: 100 },
      description:
        'stored with the events this appends and echoed on the answer: 1-100 letters, digits or . _ : - (otherwise, or when absent, a new one)',
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
      description:
        'retry safely: the same key with the same body answers the first answer and appends nothing; with a different body, 409',
    }),
  );

/**
 * `restatement` from the body. Only a RestatableDto declares it, and the validation pipe has refused any
 * request whose body does not validate (unknown fields included) before a handler asks for its context.
 */
function restatementOf(request: Request): { restatement?: { reason: string } } {
  const reason = (request.body as { restatement?: { reason?: unknown } } | undefined)?.restatement?.reason;
  return typeof reason === 'string' ? { restatement: { reason } } : {};
}
