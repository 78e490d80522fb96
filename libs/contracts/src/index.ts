/**
 * What a client sends and how it is checked, shared by every edge that takes requests: the HTTP API (apps/api) and
 * the CLI's imports and Kafka gateway (apps/cli) validate the same DTOs with the same rules and map them to the same
 * domain commands. Decorators only (class-validator, class-transformer, OpenAPI): no Nest module or controller here.
 */

// How a request is checked: one decorator per kind of field, the shape guard, validation of plain data
export * from './http-validation/fields';
export * from './http-validation/body-shape';
export * from './http-validation/validate-plain';
export * from './http-validation/compiled-checks';
export * from './compiled-check-registry';

// The HTTP status each domain refusal answers (the API and the Kafka gateway alike)
export * from './errors/domain-error-status';

// Parts several requests share
export * from './shared/data-source.dto';
export * from './shared/restatement.dto';

// Interventions: request bodies and their mapping to domain commands
export * from './interventions/register-intervention.dto';
export * from './interventions/record-cost.dto';
export * from './interventions/record-cost.compiled-check';
export * from './interventions/claim-benefit.dto';
export * from './interventions/benefit-register.dto';
export * from './interventions/capacity.dto';
export * from './interventions/record-decision.dto';
export * from './interventions/record-measurement.dto';
export * from './interventions/intervention-dto-mappers';

// Organisations
export * from './organisations/register-organisation.dto';

// Partnerships
export * from './partnerships/membership.dto';
export * from './partnerships/enrol-intervention.dto';
export * from './partnerships/attribution-agreement.dto';
export * from './partnerships/record-partnership-cost.dto';

// Periods
export * from './periods/close-period.dto';

// Finance: waste-reduction reports, their links and the reconciliation
export * from './finance/waste-reduction-report.dto';
export * from './finance/waste-reduction-report-parser';
export * from './finance/link-report-line.dto';
export * from './finance/reconciliation-query.dto';

// Unit-cost catalogue
export * from './unit-costs/publish-unit-cost.dto';

// Audit packs
export * from './audit/audit-pack-query.dto';

// Read-model queries, lists and the portfolio
export * from './read-models/value-query.dto';
export * from './read-models/value-query-options';
export * from './lists/list-query.dto';
export * from './portfolio/portfolio-query.dto';
