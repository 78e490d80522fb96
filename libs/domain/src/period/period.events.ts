import { DomainEvent } from '../shared/decider';
import { FinancialYear } from '../shared/financial-year';

/** Whose figures a close covers: the whole system (admin) or one organisation (its finance). */
export type PeriodScope = 'system' | { organisationId: string };

/** One stream's head at the sealed position: a leaf of the seal's Merkle tree. */
export interface SealedHead {
  streamId: string;
  revision: number;
  hash: string;
}

/**
 * The seal (docs/design.md#integrity): the RFC 6962 Merkle root over every stream's head {streamId, revision, hash} at
 * `position`, each leaf the RFC 8785 canonical JSON of the head, sorted by streamId. Built by the edge
 * (libs/event-store/src/seal); the domain only carries it.
 */
export interface PeriodSeal {
  algorithm: string;
  position: number;
  streamCount: number;
  root: string;
  heads: SealedHead[];
}

/** The events of a period stream, one per financial year (`period-2019-20`). */
export type PeriodClosed = DomainEvent<
  'PeriodClosed',
  {
    financialYear: FinancialYear;
    scope: PeriodScope;
    note: string | null;
    closedAt: string;
    seal: PeriodSeal;
  }
>;

export type PeriodEvent = PeriodClosed;

/** A close as a restatement names it: the PeriodClosed event's global position and what it sealed. */
export interface RestatedClose {
  scope: PeriodScope;
  position: number;
  sealPosition: number;
  root: string;
}

/**
 * Recorded in the SAME append as a change to a closed year's figures, just before it, on the changed stream
 * (an intervention or a partnership): why the closed figures change, which closes they change, whose figures,
 * and which events that follow are the change.
 */
export type RestatementRecorded = DomainEvent<
  'RestatementRecorded',
  {
    financialYear: FinancialYear;
    reason: string;
    closes: RestatedClose[];
    organisationIds: string[];
    changes: { eventId: string; type: string }[];
  }
>;
