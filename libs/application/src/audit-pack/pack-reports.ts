import {
  Cutoff,
  ReadModelQueries,
  ReadModelStore,
  hasFinanceReport,
  partnershipsOfMember,
} from '@benefit-ledger/projections';

/** One report in a pack: computed at any cutoff (as restated: the pack's position; as closed: the close's). */
export interface PackReport {
  /** Names its file (reports/<id>.json) and its figures' ids. */
  id: string;
  title: string;
  /** The query's answer at a cutoff; throws a DomainError when there was no such report then. */
  at: (cutoff: Cutoff) => unknown;
}

/** Whose pack, for which year, taken up to which log position. */
export interface PackSubject {
  organisationId: string;
  financialYear: string;
  upTo: number;
}

/** The reports one kind of figure contributes to an organisation's pack. */
export type PackReportSource = (
  queries: ReadModelQueries,
  readModels: ReadModelStore,
  subject: PackSubject,
) => PackReport[];

const organisationValue: PackReportSource = (queries, _readModels, { organisationId, financialYear }) => [
  {
    id: 'organisation-value',
    title: `Value of ${organisationId} in ${financialYear}`,
    at: (cutoff) => queries.organisationValue({ organisationId, financialYear, cutoff }),
  },
];

const capacity: PackReportSource = (queries, _readModels, { organisationId, financialYear }) => [
  {
    id: 'capacity',
    title: `Capacity landed at ${organisationId} in ${financialYear}`,
    at: (cutoff) => queries.capacity({ organisationId, resource: null, financialYear, cutoff }),
  },
];

/** Attribution for every partnership the organisation is or was a member of. */
const partnershipAttribution: PackReportSource = (queries, readModels, { organisationId, financialYear, upTo }) => {
  const partnerships = readModels.read((db) => partnershipsOfMember(db, organisationId, upTo));
  return partnerships.map((id) => ({
    id: `partnership-attribution-${id}`,
    title: `Attribution of partnership ${id} in ${financialYear}`,
    at: (cutoff: Cutoff) => queries.partnershipAttribution({ partnershipId: id, financialYear, cutoff }),
  }));
};

/** The reconciliation of the organisation's waste-reduction report for the year, when it has reported one. */
const reconciliation: PackReportSource = (queries, readModels, { organisationId, financialYear, upTo }) => {
  const reported = readModels.read((db) => hasFinanceReport(db, organisationId, financialYear, upTo));
  return reported
    ? [
        {
          id: 'reconciliation',
          title: `Reconciliation of ${organisationId}'s ${financialYear} waste-reduction report`,
          at: (cutoff: Cutoff) => queries.reconciliation({ organisationId, financialYear, cutoff }),
        },
      ]
    : [];
};

/** Every report an organisation's audit pack holds, each with every figure traced. A new report adds one line here. */
export const AUDIT_PACK_REPORTS: PackReportSource[] = [
  organisationValue,
  capacity,
  partnershipAttribution,
  reconciliation,
];
