import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { VerifyLogQuery } from '@benefit-ledger/application';
import { Actor } from '@benefit-ledger/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { requireRole } from '../auth/require-role';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  /** Recomputes every stream's hash chain; names the first broken event. */
  @Get('verify')
  verify(@CurrentActor() actor: Actor) {
    requireRole(actor, ['auditor', 'admin', 'finance'], 'verify the log');
    return this.queries.execute(new VerifyLogQuery());
  }
}
