/**
 * @benefit-ledger/testing: what tests, the demo and the bench share to make ledgers. A seeded PRNG; a seeded
 * ledger generator (organisations, partnerships and N interventions decided by the domain's deciders, written
 * through the store port); a clocked writer of hand-made domain events and a temporary SQLite ledger for tests;
 * append workloads for measuring the store; and a free loopback port. Nothing in production depends on it.
 */
export * from './prng';
export * from './free-port';
export * from './compiled';
export * from './ledger/actors';
export { LEDGER_MONTHS } from './ledger/calendar';
export { planIntervention, type InterventionPlan } from './ledger/intervention-plan';
export { type Org, type System, organisations } from './ledger/organisations';
export type { PartnershipPlan, Step, World } from './ledger/plan-types';
export { buildWorld } from './ledger/world';
export * from './ledger/seeded-ledger';
export * from './ledger/write-seeded-ledger';
export * from './writer/clocked-appender';
export * from './writer/ledger-writer';
export * from './writer/temp-ledger';
export * from './writer/plain-event';
export * from './workload/append-workload';
export * from './workload/grow-log';
