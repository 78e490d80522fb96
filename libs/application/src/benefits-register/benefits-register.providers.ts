import {
  GetInterventionPlanAgainstActualHandler,
  GetPortfolioPlanAgainstActualHandler,
} from './plan-against-actual.handlers';
import { PortfolioView } from './portfolio-view';
import { GetPortfolioPrioritiesHandler } from './portfolio-priorities.handler';
import { GetPortfolioQualityHandler } from './portfolio-quality.handler';
import { RegisterDependencyCheck } from './register-dependency-check';

/** The benefits register: its reference checks, plan against actual, and the portfolio reports (docs/benefits-register.md). */
export const benefitsRegisterProviders = [
  RegisterDependencyCheck,
  PortfolioView,
  GetInterventionPlanAgainstActualHandler,
  GetPortfolioPlanAgainstActualHandler,
  GetPortfolioQualityHandler,
  GetPortfolioPrioritiesHandler,
];
