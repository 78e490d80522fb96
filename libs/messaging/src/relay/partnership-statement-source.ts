import { DomainError, STREAM_PREFIXES } from '@benefit-ledger/domain';
import { RecordedEvent } from '@benefit-ledger/event-store';
import {
  Cutoff,
  Projector,
  ReadModelQueries,
  ReadModelStore,
  partnershipStatementYears,
  partnershipsEnrolling,
} from '@benefit-ledger/projections';
import { PartnershipStatement, partnershipStatement } from '../public-contract/partnership-statements.v1';

/** Where the relay gets partnership value statements from. */
export interface PartnershipStatementSource {
  /** Resolves once the read models have applied the log up to `position` (rejects if they cannot get there). */
  reached(position: number): Promise<void>;
  /**
   * The statements these events may have changed, computed from the log up to `upTo`: for every partnership
   * the events touch (its own stream, or an intervention it enrols), every year it has figures in, and every
   * year in `previouslyStated` (statement keys) for it.
   */
  statementsTouchedBy(
    events: readonly RecordedEvent[],
    upTo: number,
    previouslyStated: readonly string[],
  ): PartnershipStatement[];
}

const PARTNERSHIP_STREAM = STREAM_PREFIXES.partnership;
const INTERVENTION_STREAM = STREAM_PREFIXES.intervention;

/** Statements from the read models the relay process keeps caught up with its own projector. */
export class ReadModelStatementSource implements PartnershipStatementSource {
  private readonly queries: ReadModelQueries;

  constructor(
    private readonly projector: Projector,
    private readonly readModels: ReadModelStore,
    private readonly waitMs = 30_000,
  ) {
    this.queries = new ReadModelQueries(readModels);
  }

  reached(position: number): Promise<void> {
    return this.projector.reached(position, this.waitMs);
  }

  statementsTouchedBy(
    events: readonly RecordedEvent[],
    upTo: number,
    previouslyStated: readonly string[],
  ): PartnershipStatement[] {
    const cutoff: Cutoff = { asAt: null, upTo };
    const statedYears = yearsByPartnership(previouslyStated);
    const scope = this.readModels.read((db) => {
      const partnerships = new Set<string>();
      const interventions = new Set<string>();
      for (const event of events) {
        if (event.streamId.startsWith(PARTNERSHIP_STREAM))
          partnerships.add(event.streamId.slice(PARTNERSHIP_STREAM.length));
        if (event.streamId.startsWith(INTERVENTION_STREAM))
          interventions.add(event.streamId.slice(INTERVENTION_STREAM.length));
      }
      for (const p of partnershipsEnrolling(db, [...interventions], cutoff)) partnerships.add(p);
      return [...partnerships].sort().map((partnershipId) => {
        const years = new Set([
          ...partnershipStatementYears(db, partnershipId, cutoff),
          ...(statedYears.get(partnershipId) ?? []),
        ]);
        return { partnershipId, years: [...years].sort() };
      });
    });
    const statements: PartnershipStatement[] = [];
    for (const { partnershipId, years } of scope) {
      for (const financialYear of years) {
        try {
          statements.push(
            partnershipStatement(this.queries.partnershipAttribution({ partnershipId, financialYear, cutoff }), upTo),
          );
        } catch (error) {
          // No partnership or no agreement in force for the year (yet): nothing to state.
          if (!(error instanceof DomainError)) throw error;
        }
      }
    }
    return statements;
  }
}

/** Statement keys (`partnership|year`) grouped once by partnership, rather than scanned again for each one. */
function yearsByPartnership(statementKeys: readonly string[]): Map<string, string[]> {
  const years = new Map<string, string[]>();
  for (const key of statementKeys) {
    const [partnershipId, year] = key.split('|');
    const stated = years.get(partnershipId);
    if (stated) stated.push(year);
    else years.set(partnershipId, [year]);
  }
  return years;
}
