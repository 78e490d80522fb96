import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { ReadModelQueries } from '@benefit-ledger/projections';
import { OutboundMessage } from '../ports/message-producer.port';
import { CONTRACT_HEADERS, contractMessage } from './contract-message';

/**
 * The public contract of `benefit-ledger.partnership-statements.v1`: a partnership's attributed value for one
 * financial year (docs/design.md#the-arithmetic), as the ledger knew it up to a log position. A statement is a snapshot, keyed by
 * `<partnershipId>|<financialYear>`: consumers keep, per key, the one with the highest `upToPosition` (the
 * topic is compacted to the latest per key). A new one is published only when the content changes.
 */
export const PARTNERSHIP_STATEMENTS_CONTRACT = { name: 'benefit-ledger.partnership-statements', version: 1 } as const;

type Attribution = ReturnType<ReadModelQueries['partnershipAttribution']>;

/** What a statement says; its content hash covers exactly this. */
export interface StatementContent {
  partnershipId: string;
  name: string;
  financialYear: string;
  agreement: {
    version: number;
    effectiveFrom: string;
    benefitTypes: string[];
    shares: { organisationId: string; basisPoints: number }[];
  };
  attributedPence: number;
  members: { organisationId: string; basisPoints: number; attributedPence: number }[];
  interventions: {
    interventionId: string;
    attributionBasisPoints: number;
    validatedPence: number;
    attributedPence: number;
  }[];
  costsPence: number;
  /** Attributed value per £1 of the partnership's own costs; null without costs. */
  roi: { perPound: string; pencePerPound: number } | null;
}

export interface PartnershipStatement extends StatementContent {
  contract: typeof PARTNERSHIP_STATEMENTS_CONTRACT.name;
  contractVersion: typeof PARTNERSHIP_STATEMENTS_CONTRACT.version;
  statementKey: string;
  /** Computed from the log up to and including this global position. */
  upToPosition: number;
  /** sha256 (hex) of the RFC 8785 canonical JSON of the content: equal hashes, equal statements. */
  contentHash: string;
}

export const statementKey = (partnershipId: string, financialYear: string) => `${partnershipId}|${financialYear}`;

/** The public statement for an attribution answer (figures without their trace references). */
export function partnershipStatement(attribution: Attribution, upToPosition: number): PartnershipStatement {
  const content: StatementContent = {
    partnershipId: attribution.partnershipId,
    name: attribution.name,
    financialYear: attribution.financialYear,
    agreement: attribution.agreement,
    attributedPence: attribution.attributedPence.pence,
    members: attribution.members.map((member) => ({
      organisationId: member.organisationId,
      basisPoints: member.basisPoints,
      attributedPence: member.attributedPence.pence,
    })),
    interventions: attribution.interventions.map((intervention) => ({
      interventionId: intervention.interventionId,
      attributionBasisPoints: intervention.attributionBasisPoints,
      validatedPence: intervention.validatedPence.pence,
      attributedPence: intervention.attributedPence.pence,
    })),
    costsPence: attribution.costs.totalPence.pence,
    roi: attribution.roi ? { perPound: attribution.roi.perPound, pencePerPound: attribution.roi.pencePerPound } : null,
  };
  return {
    contract: PARTNERSHIP_STATEMENTS_CONTRACT.name,
    contractVersion: PARTNERSHIP_STATEMENTS_CONTRACT.version,
    statementKey: statementKey(content.partnershipId, content.financialYear),
    upToPosition,
    ...content,
    contentHash: contentHash(content),
  };
}

function contentHash(content: StatementContent): string {
  const text = canonicalize(content);
  if (text === undefined) throw new Error('statement cannot be canonicalised');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export const STATEMENT_HEADERS = {
  statementKey: 'statement-key',
  contentHash: 'content-hash',
  upToPosition: 'up-to-position',
  ...CONTRACT_HEADERS,
} as const;

export function statementMessage(statement: PartnershipStatement): OutboundMessage {
  const headers = STATEMENT_HEADERS;
  return contractMessage(PARTNERSHIP_STATEMENTS_CONTRACT, statement.statementKey, statement, {
    [headers.statementKey]: statement.statementKey,
    [headers.contentHash]: statement.contentHash,
    [headers.upToPosition]: String(statement.upToPosition),
  });
}
