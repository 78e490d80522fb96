import { Inject, Injectable } from '@nestjs/common';
import { existsSync, readdirSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import {
  Actor,
  FinancialYear,
  PeriodClosed,
  notFound,
  organisationStreamId,
  periodStreamId,
  refuseAuditPack,
} from '@benefit-ledger/domain';
import { EVENT_STORE, EventStore, asStreamEvent } from '@benefit-ledger/event-store';
import {
  Projector,
  ReadModelQueries,
  ReadModelStore,
  ReportFigure,
  WHOLE_TRACE,
  describeClose,
  organisationById,
  reportFigures,
} from '@benefit-ledger/projections';
import { ForbiddenError } from '../application-errors';
import { ClosedYearView, answerAt, asClosedBeside } from '../periods/closed-year-view';
import { PackFiles } from './pack-files';
import {
  EVENTS_INDEX,
  FIGURES_CSV,
  FIGURES_FILE,
  MANIFEST_FILE,
  PACK_FORMAT,
  PackedEvent,
  PackedFigure,
  PackedSeal,
  README_FILE,
  eventFile,
  eventFileBytes,
  reportFile,
  sealFile,
} from './pack-layout';
import { packReadme } from './pack-readme';
import { AUDIT_PACK_REPORTS } from './pack-reports';

export interface AuditPackRequest {
  organisationId: string;
  financialYear: FinancialYear;
  actor: Actor;
  now: Date;
}

export interface AuditPackSummary {
  dir: string;
  organisationId: string;
  financialYear: FinancialYear;
  upToPosition: number;
  closed: boolean;
  files: number;
  figures: number;
  events: number;
  streams: number;
  seals: number;
}

/**
 * Writes an organisation's audit pack for a year (docs/periods-and-audit.md#audit-packs): every figure of its
 * reports as restated and, if the year is closed for it, as closed, each traced to its events; those events'
 * whole streams (to the pack's position) as the exact bytes their hashes cover; the year's seals; a README;
 * a CSV; SHA256SUMS. Everything is taken at one log position, so the pack is one consistent snapshot.
 */
@Injectable()
export class AuditPackBuilder {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projector: Projector,
    private readonly readModels: ReadModelStore,
    private readonly queries: ReadModelQueries,
    private readonly closedYears: ClosedYearView,
  ) {}

  async build(request: AuditPackRequest, dir: string): Promise<AuditPackSummary> {
    const { organisationId, financialYear, actor, now } = request;
    const refusal = refuseAuditPack(actor, organisationId);
    if (refusal) throw new ForbiddenError(refusal);
    if (existsSync(dir) && readdirSync(dir).length > 0)
      throw new Error(`${dir} is not empty: an audit pack is written into a new or empty directory`);
    await this.projector.caughtUp();
    const upTo = this.readModels.checkpoint();
    const organisation = this.readModels.read((db) => organisationById(db, { asAt: null, upTo }, organisationId));
    const { closes, close, restated } = this.closedYears.yearClose(financialYear, upTo, organisationId);
    if (!organisation) throw notFound('organisation-not-found', `organisation '${organisationId}' is not registered`);

    const files = new PackFiles(dir);
    const figures: PackedFigure[] = [];
    const reports: { id: string; title: string; file: string }[] = [];
    const skipped: { id: string; reason: string }[] = [];
    for (const report of AUDIT_PACK_REPORTS.flatMap((source) =>
      source(this.queries, this.readModels, { organisationId, financialYear, upTo }),
    )) {
      const asRestated = answerAt(report.at, { asAt: null, upTo });
      if ('unavailable' in asRestated) {
        skipped.push({ id: report.id, reason: asRestated.unavailable });
        continue;
      }
      const beside = close
        ? asClosedBeside(asRestated.answer, close, report.at)
        : { asClosed: null, changedFigures: [] };
      files.json(reportFile(report.id), {
        id: report.id,
        title: report.title,
        financialYear,
        upToPosition: upTo,
        asRestated: asRestated.answer,
        close: close ? describeClose(close) : null,
        ...beside,
        restatements: close ? restated : [],
      });
      reports.push({ id: report.id, title: report.title, file: reportFile(report.id) });
      figures.push(...reportFigures(asRestated.answer).map((f) => this.traced(report.id, 'as-restated', f, upTo)));
      if (close && beside.asClosed)
        figures.push(
          ...reportFigures(beside.asClosed).map((f) => this.traced(report.id, 'as-closed', f, close.sealPosition)),
        );
    }
    files.json(FIGURES_FILE, figures);
    files.write(FIGURES_CSV, figuresCsv(figures));

    const streamIds = new Set<string>([
      organisationStreamId(organisationId),
      periodStreamId(financialYear),
      ...figures.flatMap((f) => f.trace.events.map((e) => e.streamId)),
      ...restated.map((r) => r.streamId),
    ]);
    const index: PackedEvent[] = [];
    const seals: PackedSeal[] = [];
    for (const streamId of [...streamIds].sort()) {
      for (const event of (await this.store.readStream(streamId)).filter((e) => e.position <= upTo)) {
        const file = eventFile(streamId, event.revision);
        files.write(file, eventFileBytes(event));
        index.push({
          streamId,
          revision: event.revision,
          position: event.position,
          eventId: event.eventId,
          type: event.type,
          hash: event.metadata.hash,
          file,
        });
        if (event.type === 'PeriodClosed') {
          const { financialYear: year, scope, closedAt, seal } = asStreamEvent<PeriodClosed>(event).data;
          const packed: PackedSeal = {
            financialYear: year,
            scope,
            closedAt,
            seal,
            closeEvent: {
              streamId,
              revision: event.revision,
              position: event.position,
              eventId: event.eventId,
              hash: event.metadata.hash,
            },
          };
          files.json(sealFile(year, scope), packed);
          seals.push(packed);
        }
      }
    }
    files.json(EVENTS_INDEX, index);
    const streams = new Set(index.map((e) => e.streamId)).size;

    const manifest = {
      format: PACK_FORMAT,
      organisation: { organisationId, name: organisation.name, type: organisation.type },
      financialYear,
      generatedAt: now.toISOString(),
      generatedBy: { userId: actor.userId, organisationId: actor.organisationId, role: actor.role },
      upToPosition: upTo,
      closed: Boolean(close),
      close: close ? describeClose(close) : null,
      closes: closes.map(describeClose),
      reports,
      skippedReports: skipped,
      counts: { figures: figures.length, events: index.length, streams, seals: seals.length },
    };
    files.json(MANIFEST_FILE, manifest);
    files.write(README_FILE, packReadme({ ...manifest, seals }));
    files.writeSums();
    return {
      dir,
      organisationId,
      financialYear,
      upToPosition: upTo,
      closed: Boolean(close),
      files: files.count + 1,
      figures: figures.length,
      events: index.length,
      streams,
      seals: seals.length,
    };
  }

  private traced(
    report: string,
    basis: PackedFigure['basis'],
    figure: ReportFigure,
    upToPosition: number,
  ): PackedFigure {
    const trace = this.queries.trace(this.queries.decode(figure.ref), WHOLE_TRACE);
    return {
      id: `${report}:${basis}:${figure.path}`,
      report,
      basis,
      path: figure.path,
      value: figure.value,
      unit: figure.unit,
      upToPosition,
      ref: figure.ref,
      trace: {
        value: trace.figure.value,
        terms: trace.arithmetic.terms,
        events: trace.events.map(
          ({ streamId, revision, position, eventId, hash, type, actor, recordedAt, source }) => ({
            streamId,
            revision,
            position,
            eventId,
            hash,
            type,
            actor,
            recordedAt,
            source,
          }),
        ),
      },
    };
  }
}

/** One row per figure, for spreadsheets: its value, the events behind it and their data sources. */
function figuresCsv(figures: readonly PackedFigure[]): string {
  const sourceOf = (value: unknown) => {
    const source = value as { system?: string; reference?: string; extractedOn?: string } | null;
    return source?.system
      ? `${source.system}: ${source.reference}${source.extractedOn ? ` (${source.extractedOn})` : ''}`
      : null;
  };
  return stringify(
    figures.map((f) => ({
      figure_id: f.id,
      report: f.report,
      basis: f.basis,
      figure: f.path,
      value: f.value,
      unit: f.unit,
      up_to_position: f.upToPosition,
      events: f.trace.events.map((e) => `${e.streamId}@${e.revision}`).join('; '),
      event_hashes: f.trace.events.map((e) => e.hash).join('; '),
      sources: [...new Set(f.trace.events.map((e) => sourceOf(e.source)).filter((s): s is string => s !== null))].join(
        '; ',
      ),
      ref: f.ref,
    })),
    {
      header: true,
      columns: [
        'figure_id',
        'report',
        'basis',
        'figure',
        'value',
        'unit',
        'up_to_position',
        'events',
        'event_hashes',
        'sources',
        'ref',
      ],
    },
  );
}
