import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Actor } from '@benefit-ledger/domain';

/** The authenticated actor, set by BearerAuthGuard. */
export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor => context.switchToHttp().getRequest<{ actor: Actor }>().actor,
);
