import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Response } from 'express';
import {
  AuditPackBuilder,
  GetUnfoldedEventsQuery,
  VerifyLogQuery,
  packArchive,
  packDirName,
} from '@benefit-ledger/application';
import { Actor } from '@benefit-ledger/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { requireRole } from '../auth/require-role';
import { ApiErrorResponses } from '../http/api-responses';
import { AuditPackQueryDto } from '@benefit-ledger/contracts';
import { UnfoldedEventsResponse } from './responses/unfolded-events.response';
import { VerifyLogResponse } from './responses/verify-log.response';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly queries: QueryBus,
    private readonly packs: AuditPackBuilder,
  ) {}

  /** Recomputes every stream's hash chain and every seal; names the first broken event. */
  @Get('verify')
  @ApiOkResponse({ type: VerifyLogResponse })
  @ApiErrorResponses(401, 403, 429)
  verify(@CurrentActor() actor: Actor): Promise<VerifyLogResponse> {
    requireRole(actor, ['auditor', 'admin', 'finance'], 'verify the log');
    return this.queries.execute(new VerifyLogQuery());
  }

  /** Stored events the figures leave out (e.g. a money figure beyond the ceiling per figure, recorded before it was enforced), by position with the reason. */
  @Get('unfolded')
  @ApiOperation({
    summary: 'stored events the figures could not fold and leave out of every total, each by position with the reason',
  })
  @ApiOkResponse({ type: UnfoldedEventsResponse })
  @ApiErrorResponses(401, 403, 429)
  unfolded(@CurrentActor() actor: Actor): Promise<UnfoldedEventsResponse> {
    requireRole(actor, ['auditor', 'admin', 'finance'], 'see the events the figures leave out');
    return this.queries.execute(new GetUnfoldedEventsQuery());
  }

  /** An organisation's audit pack for a year, as a .tar.gz (the CLI's `audit-pack` writes the same files). */
  @Get('pack')
  @ApiOkResponse({
    description: 'the pack as a gzipped tar archive (Content-Disposition names the file)',
    content: { 'application/gzip': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrorResponses(400, 401, 403, 404, 429)
  @ApiOperation({
    summary:
      "an organisation's audit pack for a year (.tar.gz): figures as closed and restated with traces, events, seals, README, CSV, SHA256SUMS; auditors any organisation, others their own",
  })
  async pack(
    @Query() query: AuditPackQueryDto,
    @CurrentActor() actor: Actor,
    @Res() response: Response,
  ): Promise<void> {
    const parent = mkdtempSync(join(tmpdir(), 'audit-pack-'));
    try {
      const name = packDirName(query.organisationId, query.financialYear);
      const now = new Date();
      await this.packs.build(
        { organisationId: query.organisationId, financialYear: query.financialYear, actor, now },
        join(parent, name),
      );
      response.status(200).setHeader('Content-Type', 'application/gzip');
      response.setHeader('Content-Disposition', `attachment; filename="${name}.tar.gz"`);
      await pipeline(packArchive(parent, name, now), response);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  }
}
