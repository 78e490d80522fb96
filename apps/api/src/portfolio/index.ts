import { BenefitActualsController } from './benefit-actuals.controller';
import { PortfolioController } from './portfolio.controller';

/** The benefits register's routes: plan against actual, and the portfolio reports. */
export const portfolioControllers = [BenefitActualsController, PortfolioController];
