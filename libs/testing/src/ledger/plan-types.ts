import { Actor, InterventionCommand, PartnershipCommand, PartnershipMember } from '@benefit-ledger/domain';
import { LEDGER_MONTHS } from './calendar';
import { Org, System } from './organisations';

/** One command of a plan: in which month, on which stream, by whom. */
export interface Step {
  month: number;
  streamId: string;
  stream: 'intervention' | 'partnership';
  actor: Actor;
  command: InterventionCommand | PartnershipCommand;
}

export interface PartnershipPlan {
  partnershipId: string;
  lead: Org;
  members: PartnershipMember[];
  formedMonth: number;
  steps: Step[];
}

export interface World {
  organisations: Org[];
  systems: System[];
  industry: Org[];
  improvement: Org[];
  charities: Org[];
  partnerships: PartnershipPlan[];
  /** The first partnership each organisation was a founding member of. */
  partnershipOf: Map<string, PartnershipPlan>;
  /** Months whose commands one stream posts in one append (1: monthly, 3: quarterly). */
  batchMonths: number;
}

/** Stable sort by month: within a month, the order the plan made them (dependencies first). */
export function byMonth(steps: Step[]): Step[] {
  return steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.month - b.s.month || a.i - b.i)
    .map((x) => x.s);
}

export const within = (steps: Step[]) => steps.filter((s) => s.month < LEDGER_MONTHS);
