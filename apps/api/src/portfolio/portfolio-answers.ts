/**
 * What the portfolio query handlers answer, as TypeScript infers it: their response classes are checked against
 * these at compile time (http/response-shape.ts), as http/query-answers.ts does for the other queries.
 */
import type {
  GetInterventionPlanAgainstActualHandler,
  GetPortfolioPlanAgainstActualHandler,
} from '../../../../libs/application/src/benefits-register/plan-against-actual.handlers';
import type { GetPortfolioQualityHandler } from '../../../../libs/application/src/benefits-register/portfolio-quality.handler';
import type { GetPortfolioPrioritiesHandler } from '../../../../libs/application/src/benefits-register/portfolio-priorities.handler';

type AnswerOf<Handler extends { execute(...args: never[]): unknown }> = Awaited<ReturnType<Handler['execute']>>;

export type InterventionPlanAnswer = AnswerOf<GetInterventionPlanAgainstActualHandler>;
export type PortfolioPlanAnswer = AnswerOf<GetPortfolioPlanAgainstActualHandler>;
export type PortfolioQualityAnswer = AnswerOf<GetPortfolioQualityHandler>;
export type PortfolioPrioritiesAnswer = AnswerOf<GetPortfolioPrioritiesHandler>;
