import {
  BadRequestException,
  CallHandler,
  ConflictException,
  ExecutionContext,
  Injectable,
  Logger,
  NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { Request, Response } from 'express';
import { Observable, from, mergeMap, of } from 'rxjs';
import {
  DeterministicIds,
  IDEMPOTENCY_KEY_PATTERN,
  IdempotencyLookup,
  IdempotencyRecords,
  deterministicIds,
  requestFingerprint,
} from '@benefit-ledger/application';
import { Actor } from '@benefit-ledger/domain';
import { correlationIdOf } from '../observability/correlation-id';

/** A request that carries an Idempotency-Key: the ids its command must use. */
export type IdempotentRequest = Request & { actor?: Actor; idempotency?: DeterministicIds };

/**
 * Idempotency-Key on any POST (docs/api.md): the same key with the same body answers the first answer and appends
 * nothing (header `Idempotent-Replayed: true`); the same key with a different body is refused with 409. A request
 * that was refused is not remembered, so it can be corrected and retried with the same key. Keys belong to the
 * token's user, organisation and role together: the same user acting for another organisation or in another role
 * starts afresh.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly records: IdempotencyRecords,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<IdempotentRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.header('idempotency-key');
    if (request.method !== 'POST' || key === undefined || !request.actor) return next.handle();
    if (!IDEMPOTENCY_KEY_PATTERN.test(key))
      throw new BadRequestException('Idempotency-Key must be 1-200 visible ASCII characters');
    const actor = request.actor;
    const path = request.originalUrl;
    const requestHash = requestFingerprint(request.method, path, request.body);
    const statusCode = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;

    return from(this.records.lookup(actor, key, requestHash)).pipe(
      mergeMap((found) => {
        if (found.kind === 'replay') {
          response.setHeader('Idempotent-Replayed', 'true');
          return of(found.body);
        }
        if (found.kind === 'reused') throw keyReused(found.first);
        const ids = deterministicIds(actor, key);
        request.idempotency = ids;
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            let recorded: IdempotencyLookup = { kind: 'new' };
            try {
              recorded = await this.records.record(
                actor,
                key,
                { requestHash, method: request.method, path, statusCode, body },
                {
                  now: new Date(),
                  eventId: ids.responseEventId,
                  correlationId: correlationIdOf(request),
                  causationId: randomUUID(),
                },
              );
            } catch (error) {
              // The command was appended; failing to remember the answer must not turn its 201 into an error.
              this.logger.warn(`could not record the answer for an Idempotency-Key: ${(error as Error).message}`);
            }
            // A different request with this key won a race: ours collapsed into its append (same key-derived ids).
            if (recorded.kind === 'reused') throw keyReused(recorded.first);
            return body;
          }),
        );
      }),
    );
  }
}

function keyReused(first: { method: string; path: string }): ConflictException {
  return new ConflictException({
    error: 'Conflict',
    rule: 'idempotency-key-reused',
    message: `Idempotency-Key was already used for a different request (${first.method} ${first.path}); use a new key for a new request`,
  });
}
