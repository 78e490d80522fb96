/**
 * What each query handler answers, as TypeScript infers it from the code: the response classes the OpenAPI document
 * is built from are checked against these at compile time (response-shape.ts). Type-only imports: the handlers are
 * not part of the application library's public surface, what they answer is the API's.
 */
import type { VerifyLogHandler } from '../../../../libs/application/src/audit/verify-log.handler';
import type {
  GetFinanceReportHandler,
  GetReconciliationHandler,
} from '../../../../libs/application/src/finance/finance-report.queries';
import type { GetInterventionValueHandler } from '../../../../libs/application/src/interventions/get-intervention-value.handler';
import type { GetInterventionHandler } from '../../../../libs/application/src/interventions/get-intervention.handler';
import type { GetOrganisationHandler } from '../../../../libs/application/src/organisations/get-organisation.handler';
import type { GetPartnershipHandler } from '../../../../libs/application/src/partnerships/get-partnership.handler';
import type { asClosedBeside } from '../../../../libs/application/src/periods/closed-year-view';
import type { GetPeriodHandler } from '../../../../libs/application/src/periods/get-period.handler';
import type {
  GetCapacityHandler,
  GetOrganisationValueHandler,
  GetPartnershipAttributionHandler,
  GetSystemFlowsHandler,
  GetUnfoldedEventsHandler,
  TraceFigureHandler,
} from '../../../../libs/application/src/read-models/read-model-query.handlers';
import type { GetUnitCostHandler } from '../../../../libs/application/src/valuation/unit-cost.handlers';
import type {
  ListBenefitsHandler,
  ListInterventionsHandler,
  ListOrganisationsHandler,
  ListPartnershipsHandler,
} from '../../../../libs/application/src/lists/list-query.handlers';
import type { RestatementRow, describeClose } from '@benefit-ledger/projections';

type AnswerOf<Handler extends { execute(...args: never[]): unknown }> = Awaited<ReturnType<Handler['execute']>>;

/**
 * A report as ClosedYearView.beside answers it: with `period` when asked for a year (and no asAt). Written out here
 * from the parts beside() spreads, because the type TypeScript infers for beside() loses `period`: it reduces
 * `A | A & { period }` to `A`. Declaring beside()'s return type in the application library would remove the need.
 */
type WithPeriod<A> = A & {
  period?:
    | { financialYear: string; closed: false; closes: ReturnType<typeof describeClose>[] }
    | ({
        financialYear: string;
        closed: true;
        close: ReturnType<typeof describeClose>;
        restatements: RestatementRow[];
      } & ReturnType<typeof asClosedBeside<A>>);
};

export type OrganisationAnswer = AnswerOf<GetOrganisationHandler>;
export type InterventionAnswer = AnswerOf<GetInterventionHandler>;
export type InterventionValueAnswer = WithPeriod<AnswerOf<GetInterventionValueHandler>>;
export type PartnershipAnswer = AnswerOf<GetPartnershipHandler>;
export type PeriodAnswer = AnswerOf<GetPeriodHandler>;
export type UnitCostAnswer = AnswerOf<GetUnitCostHandler>;
export type FinanceReportAnswer = AnswerOf<GetFinanceReportHandler>;
export type ReconciliationAnswer = WithPeriod<AnswerOf<GetReconciliationHandler>>;
export type VerifyLogAnswer = AnswerOf<VerifyLogHandler>;
export type UnfoldedEventsAnswer = AnswerOf<GetUnfoldedEventsHandler>;
export type SystemFlowsAnswer = WithPeriod<AnswerOf<GetSystemFlowsHandler>>;
export type OrganisationValueAnswer = WithPeriod<AnswerOf<GetOrganisationValueHandler>>;
export type CapacityAnswer = WithPeriod<AnswerOf<GetCapacityHandler>>;
export type PartnershipAttributionAnswer = WithPeriod<AnswerOf<GetPartnershipAttributionHandler>>;
export type TraceAnswer = AnswerOf<TraceFigureHandler>;
export type InterventionListAnswer = AnswerOf<ListInterventionsHandler>;
export type OrganisationListAnswer = AnswerOf<ListOrganisationsHandler>;
export type PartnershipListAnswer = AnswerOf<ListPartnershipsHandler>;
export type BenefitListAnswer = AnswerOf<ListBenefitsHandler>;
