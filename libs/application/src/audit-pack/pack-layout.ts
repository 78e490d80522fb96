import { createHash } from 'node:crypto';
import { financialYearSlug } from '@benefit-ledger/domain';
import { RecordedEvent, canonicalEvent, hashInputOf } from '@benefit-ledger/event-store';

/**
 * The audit pack's files, shared by the writer (audit-pack.builder.ts) and the offline verifier
 * (verify-audit-pack.ts), so that both always agree on names and bytes.
 *
 *   README.md       how to re-verify with sha256sum and the documented canonicalisation
 *   SHA256SUMS      `sha256sum -c SHA256SUMS` checks every other file
 *   manifest.json   organisation, year, the log position the pack is taken up to, the closes
 *   reports/*.json  each report as the API answers it: as restated, as closed, the figures that differ, restatements
 *   figures.json    every figure of every report, both bases, with its trace (arithmetic and events)
 *   figures.csv     the same, one row per figure, with its events and data sources
 *   events.json     the index of events/: stream, revision, position, id, type, hash, file
 *   events/<stream>/<revision>.json   the exact RFC 8785 bytes each event's hash covers
 *   seals/<year>-<scope>.json         each close of the year: the PeriodClosed event and its seal (every head)
 */
export const PACK_FORMAT = 'benefit-ledger audit pack 1';
export const SUMS_FILE = 'SHA256SUMS';
export const MANIFEST_FILE = 'manifest.json';
export const FIGURES_FILE = 'figures.json';
export const FIGURES_CSV = 'figures.csv';
export const EVENTS_INDEX = 'events.json';
export const README_FILE = 'README.md';

export const reportFile = (reportId: string) => `reports/${reportId}.json`;
export const eventFile = (streamId: string, revision: number) =>
  `events/${streamId}/${String(revision).padStart(6, '0')}.json`;
export const sealFile = (financialYear: string, scope: 'system' | { organisationId: string }) =>
  `seals/${financialYearSlug(financialYear)}-${scope === 'system' ? 'system' : scope.organisationId}.json`;
export const packDirName = (organisationId: string, financialYear: string) =>
  `audit-pack-${organisationId}-${financialYearSlug(financialYear)}`;

/** The bytes an event's hash covers: RFC 8785 JSON of {streamId, revision, eventId, type, data, metadata, prevHash}. */
export function eventFileBytes(event: RecordedEvent): string {
  return canonicalEvent(hashInputOf(event));
}

/** One entry of events.json. */
export interface PackedEvent {
  streamId: string;
  revision: number;
  position: number;
  eventId: string;
  type: string;
  hash: string;
  file: string;
}

/** One figure of figures.json. */
export interface PackedFigure {
  id: string;
  report: string;
  basis: 'as-restated' | 'as-closed';
  path: string;
  value: number;
  unit: string;
  upToPosition: number;
  ref: string;
  trace: {
    /** The figure's value as the arithmetic gives it (capacity quantities in hundredths). */
    value: number;
    terms: { note: string; amount: number; positions: number[] }[];
    events: {
      streamId: string;
      revision: number;
      position: number;
      eventId: string;
      hash: string;
      type: string;
      actor: unknown;
      recordedAt: string;
      source: unknown;
    }[];
  };
}

/** One close of seals/: the PeriodClosed event that carries the seal, and the seal with every head. */
export interface PackedSeal {
  financialYear: string;
  scope: 'system' | { organisationId: string };
  closedAt: string;
  closeEvent: { streamId: string; revision: number; position: number; eventId: string; hash: string };
  seal: {
    algorithm: string;
    position: number;
    streamCount: number;
    root: string;
    heads: { streamId: string; revision: number; hash: string }[];
  };
}

export const sha256Hex = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** `sha256sum` output lines: "<hex>  <path>". */
export const sumsLine = (hash: string, path: string) => `${hash}  ${path}\n`;
