import { ClassConstructor } from 'class-transformer';
import { DataSource, Harvest, InterventionCommand, InterventionEvent, Role } from '@benefit-ledger/domain';
import {
  plainSource,
  validatePlain,
  HarvestCapacityDto,
  ReinvestCapacityDto,
  ReleaseCapacityDto,
  ReleaseCashDto,
  RecordCostDto,
} from '@benefit-ledger/contracts';

type DataOf<T extends InterventionEvent['type']> = Extract<InterventionEvent, { type: T }>['data'];

/** A command of the file, with who records it and the column that carries it (named in a refusal). */
export interface PlannedCommand {
  command: InterventionCommand;
  role: Role;
  organisationId: string;
  column: string;
}
export interface CellProblem {
  column: string;
  reason: string;
}

/** A source as the register file writes it (null only for an event recorded before sources were required). */
const sourceOf = (source: DataSource | null) =>
  source
    ? {
        system: source.system,
        reference: source.reference,
        ...(source.extractedOn ? { extractedOn: source.extractedOn } : {}),
      }
    : null;

/** One harvest in the capacityReleases cell, with what was recorded against it. */
export interface HarvestCell {
  harvest: Harvest;
  quantity: number;
  rationale: string;
  source: ReturnType<typeof sourceOf>;
  cashReleases: { amountPence: number; budgetLine: string; source: ReturnType<typeof sourceOf> }[];
  reinvestments: {
    quantity: number;
    into: { description: string; organisationId: string };
    valuePence: number | null;
    source: ReturnType<typeof sourceOf>;
  }[];
}
/** One release in the capacityReleases cell. */
export interface ReleaseCell {
  releaseId: string;
  resource: string;
  quantity: number;
  landingOrganisationId: string;
  financialYear: string;
  source: ReturnType<typeof sourceOf>;
  harvests: HarvestCell[];
}

/** One cost in the interventionCosts cell, as recorded. */
export const costCell = (cost: DataOf<'CostRecorded'>) => ({
  costId: cost.costId,
  costType: cost.costType,
  category: cost.category,
  amountPence: cost.amountPence,
  financialYear: cost.financialYear,
  bearerOrganisationId: cost.bearerOrganisationId,
  source: sourceOf(cost.source),
});

/**
 * Folds an intervention's capacity events into releases, in log order. The events name only the release; a cash
 * release belongs to the latest cash-release harvest before it, a reinvestment to the latest reinvest harvest, so
 * issuing each harvest followed by its own items meets every domain limit the log met, and folds back the same.
 */
export class CapacityFold {
  private readonly releases = new Map<string, ReleaseCell & { benefitId: string }>();

  apply(event: InterventionEvent): void {
    switch (event.type) {
      case 'CapacityReleased': {
        const released = event.data;
        this.releases.set(released.releaseId, {
          benefitId: released.benefitId,
          releaseId: released.releaseId,
          resource: released.resource,
          quantity: released.quantity,
          landingOrganisationId: released.landingOrganisationId,
          financialYear: released.financialYear,
          source: sourceOf(released.source),
          harvests: [],
        });
        break;
      }
      case 'CapacityHarvested': {
        const harvested = event.data;
        this.releases.get(harvested.releaseId)?.harvests.push({
          harvest: harvested.harvest,
          quantity: harvested.quantity,
          rationale: harvested.rationale,
          source: sourceOf(harvested.source),
          cashReleases: [],
          reinvestments: [],
        });
        break;
      }
      case 'CashReleased': {
        const cashReleased = event.data;
        this.latestHarvest(cashReleased.releaseId, 'cash-release')?.cashReleases.push({
          amountPence: cashReleased.amountPence,
          budgetLine: cashReleased.budgetLine,
          source: sourceOf(cashReleased.source),
        });
        break;
      }
      case 'CapacityReinvested': {
        const reinvested = event.data;
        this.latestHarvest(reinvested.releaseId, 'reinvest')?.reinvestments.push({
          quantity: reinvested.quantity,
          into: { description: reinvested.into.description, organisationId: reinvested.into.organisationId },
          valuePence: reinvested.valuePence,
          source: sourceOf(reinvested.source),
        });
        break;
      }
      default:
        break;
    }
  }

  /** The releases against one benefit, in log order, as the cell writes them. */
  releasesOf(benefitId: string): ReleaseCell[] {
    return [...this.releases.values()]
      .filter((release) => release.benefitId === benefitId)
      .map(({ benefitId: _benefitId, ...release }) => release);
  }

  private latestHarvest(releaseId: string, kind: Harvest): HarvestCell | undefined {
    return this.releases
      .get(releaseId)
      ?.harvests.filter((h) => h.harvest === kind)
      .at(-1);
  }
}

const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);

/** Validates one item of a JSON cell against the API's DTO; every failing field is named with its place in the cell. */
function checkItem<T extends object>(
  dto: ClassConstructor<T>,
  body: unknown,
  column: string,
  at: string,
  problems: CellProblem[],
): T | null {
  const validated = validatePlain(dto as new () => T, body);
  if ('value' in validated) return validated.value;
  for (const fieldError of validated.errors)
    for (const message of fieldError.messages)
      problems.push({ column, reason: `${at}.${fieldError.field}: ${message}` });
  return null;
}

/** The interventionCosts cell: a RecordCost for each cost, by the lead's contributor, as the API records costs. */
export function costCommands(items: unknown[], leadOrganisationId: string, problems: CellProblem[]): PlannedCommand[] {
  const column = 'interventionCosts';
  return items.flatMap((item, index) => {
    const cost = checkItem(RecordCostDto, item, column, `[${index}]`, problems);
    if (!cost) return [];
    const command: InterventionCommand = {
      type: 'RecordCost',
      costId: cost.costId ?? '',
      costType: cost.costType,
      category: cost.category,
      amountPence: cost.amountPence,
      financialYear: cost.financialYear,
      bearerOrganisationId: cost.bearerOrganisationId,
      source: plainSource(cost.source),
    };
    if (!cost.costId) problems.push({ column, reason: `[${index}].costId: costId is required in the register file` });
    return [{ command, role: 'contributor', organisationId: leadOrganisationId, column }];
  });
}

/**
 * The capacityReleases cell: each release (the lead's contributor), then each harvest followed by its cash releases
 * and reinvestments (finance of the organisation where the capacity landed), in the cell's order.
 */
export function capacityCommands(
  items: unknown[],
  benefitId: string,
  leadOrganisationId: string,
  problems: CellProblem[],
): PlannedCommand[] {
  const column = 'capacityReleases';
  const commands: PlannedCommand[] = [];
  items.forEach((item, index) => {
    const { harvests, ...fields } = asRecord(item);
    const at = `[${index}]`;
    const release = checkItem(ReleaseCapacityDto, { ...fields, benefitId }, column, at, problems);
    if (release && !release.releaseId)
      problems.push({ column, reason: `${at}.releaseId: releaseId is required in the register file` });
    const releaseId = release?.releaseId ?? '';
    const landing = release?.landingOrganisationId ?? '';
    if (release)
      commands.push({
        command: {
          type: 'ReleaseCapacity',
          releaseId,
          benefitId,
          resource: release.resource,
          quantity: release.quantity,
          landingOrganisationId: landing,
          financialYear: release.financialYear,
          source: plainSource(release.source),
        },
        role: 'contributor',
        organisationId: leadOrganisationId,
        column,
      });
    const byLanding = (command: InterventionCommand): PlannedCommand => ({
      command,
      role: 'finance',
      organisationId: landing,
      column,
    });
    asList(harvests).forEach((harvestItem, harvestIndex) => {
      const { cashReleases, reinvestments, ...harvestFields } = asRecord(harvestItem);
      const hat = `${at}.harvests[${harvestIndex}]`;
      const harvest = checkItem(HarvestCapacityDto, harvestFields, column, hat, problems);
      if (harvest)
        commands.push(
          byLanding({
            type: 'HarvestCapacity',
            releaseId,
            harvest: harvest.harvest,
            quantity: harvest.quantity,
            rationale: harvest.rationale,
            source: plainSource(harvest.source),
          }),
        );
      asList(cashReleases).forEach((cashItem, cashIndex) => {
        const cash = checkItem(ReleaseCashDto, cashItem, column, `${hat}.cashReleases[${cashIndex}]`, problems);
        if (cash)
          commands.push(
            byLanding({
              type: 'ReleaseCash',
              releaseId,
              amountPence: cash.amountPence,
              budgetLine: cash.budgetLine,
              source: plainSource(cash.source),
            }),
          );
      });
      asList(reinvestments).forEach((reinvestItem, reinvestIndex) => {
        const { valuePence, ...rest } = asRecord(reinvestItem);
        // the log records "no value given" as null; the API's body leaves it out
        const body = valuePence === null ? rest : { ...rest, valuePence };
        const reinvest = checkItem(
          ReinvestCapacityDto,
          body,
          column,
          `${hat}.reinvestments[${reinvestIndex}]`,
          problems,
        );
        if (reinvest)
          commands.push(
            byLanding({
              type: 'ReinvestCapacity',
              releaseId,
              quantity: reinvest.quantity,
              into: { description: reinvest.into.description, organisationId: reinvest.into.organisationId },
              valuePence: reinvest.valuePence ?? null,
              source: plainSource(reinvest.source),
            }),
          );
      });
    });
  });
  return commands;
}
