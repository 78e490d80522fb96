import { ActorMetadata } from '@benefit-ledger/event-store';
import {
  AttributionAgreementSet,
  BenefitClaimed,
  BenefitRejected,
  BenefitRevised,
  BenefitValidated,
  CostRecorded,
  InterventionDecisionRecorded,
  InterventionEnrolled,
  InterventionRegistered,
  MeasurementRecorded,
  OrganisationRegistered,
  PartnershipCostRecorded,
  PartnershipFormed,
  interventionStreamId as interventionStream,
  organisationStreamId as organisationStream,
  partnershipStreamId as partnershipStream,
} from '@benefit-ledger/domain';
import { ClockedAppender } from './clocked-appender';

/** The data of an event type (`DataOf<BenefitClaimed>`). */
export type DataOf<E> = E extends { data: infer D } ? D : never;

export { interventionStream, organisationStream, partnershipStream };

/** The ICB every system in these tests belongs to; its admin registers the organisations. */
export const SYSTEM_ICB = 'icb-west';

/**
 * Writes domain-shaped events one command at a time (a ClockedAppender with the ledger's vocabulary): each
 * method appends the event its command would, with defaults for what a test does not care about, by an actor
 * who could have made the change (the intervention's lead, finance at the named organisation, the partnership's lead).
 */
export class LedgerWriter extends ClockedAppender {
  private readonly leads = new Map<string, string>();

  private contributor(interventionId: string): ActorMetadata {
    return {
      userId: `contributor@${this.leads.get(interventionId) ?? SYSTEM_ICB}`,
      organisationId: this.leads.get(interventionId) ?? SYSTEM_ICB,
      role: 'contributor',
    };
  }

  private finance(organisationId: string): ActorMetadata {
    return { userId: `finance@${organisationId}`, organisationId, role: 'finance' };
  }

  organisation(organisationId: string, over: Partial<DataOf<OrganisationRegistered>> = {}) {
    const data: DataOf<OrganisationRegistered> = {
      organisationId,
      name: `Organisation ${organisationId}`,
      type: 'acute-trust',
      system: SYSTEM_ICB,
      ...over,
    };
    return this.append(organisationStream(organisationId), 'OrganisationRegistered', data, {
      userId: `admin@${SYSTEM_ICB}`,
      organisationId: SYSTEM_ICB,
      role: 'admin',
    });
  }

  intervention(interventionId: string, leadOrganisationId: string, over: Partial<DataOf<InterventionRegistered>> = {}) {
    this.leads.set(interventionId, leadOrganisationId);
    const data: DataOf<InterventionRegistered> = {
      interventionId,
      title: `Intervention ${interventionId}`,
      leadOrganisationId,
      pathway: 'urgent care',
      method: 'PDSA',
      lenses: { economic: true, social: true, strategic: false },
      strategicPriorities: ['flow'],
      ...over,
    };
    return this.append(
      interventionStream(interventionId),
      'InterventionRegistered',
      data,
      this.contributor(interventionId),
    );
  }

  decision(interventionId: string, decision: DataOf<InterventionDecisionRecorded>['decision']) {
    const data: DataOf<InterventionDecisionRecorded> = {
      decision,
      rationale: 'programme board',
      decidedOn: this.now.slice(0, 10),
    };
    return this.append(interventionStream(interventionId), 'InterventionDecisionRecorded', data, {
      ...this.contributor(interventionId),
      role: 'admin',
    });
  }

  measurement(interventionId: string, measurementId: string) {
    const data: DataOf<MeasurementRecorded> = {
      measurementId,
      measure: 'length of stay',
      unit: 'days',
      kind: 'baseline',
      value: 7.5,
      period: { start: '2023-04-01', end: '2024-03-31' },
      source: { system: 'PAS', reference: `extract-${measurementId}` },
    };
    return this.append(
      interventionStream(interventionId),
      'MeasurementRecorded',
      data,
      this.contributor(interventionId),
    );
  }

  cost(
    interventionId: string,
    costData: Pick<DataOf<CostRecorded>, 'costId' | 'amountPence' | 'financialYear' | 'bearerOrganisationId'> &
      Partial<DataOf<CostRecorded>>,
  ) {
    const data: DataOf<CostRecorded> = {
      costType: 'direct',
      category: 'improvement team',
      source: { system: 'ledger', reference: `gl-${costData.costId}` },
      ...costData,
    };
    return this.append(interventionStream(interventionId), 'CostRecorded', data, this.contributor(interventionId));
  }

  claim(
    interventionId: string,
    claimData: Pick<DataOf<BenefitClaimed>, 'benefitId' | 'valuePence' | 'financialYear' | 'landingOrganisationId'> &
      Partial<DataOf<BenefitClaimed>>,
  ) {
    const data: DataOf<BenefitClaimed> = {
      benefitType: 'capacity',
      lens: 'economic',
      description: 'bed-days released',
      quantity: { value: 1, unit: 'bed-days' },
      valuation: { method: 'actual' },
      recurrence: 'recurrent',
      evidence: [],
      source: { system: 'PAS', reference: `report-${claimData.benefitId}` },
      ...claimData,
    };
    return this.append(interventionStream(interventionId), 'BenefitClaimed', data, this.contributor(interventionId));
  }

  revise(interventionId: string, benefitId: string, valuePence: number) {
    const data: DataOf<BenefitRevised> = {
      benefitId,
      quantity: { value: 1, unit: 'bed-days' },
      valuation: { method: 'actual' },
      valuePence,
      reason: 'corrected extract',
      source: { system: 'PAS', reference: `report-${benefitId}-rev` },
    };
    return this.append(interventionStream(interventionId), 'BenefitRevised', data, this.contributor(interventionId));
  }

  validate(interventionId: string, benefitId: string, validatedValuePence: number, financeOrganisationId: string) {
    const data: DataOf<BenefitValidated> = {
      benefitId,
      validatedValuePence,
      note: 'checked against ledger',
      source: { system: 'ledger', reference: `validation-${benefitId}` },
    };
    return this.append(
      interventionStream(interventionId),
      'BenefitValidated',
      data,
      this.finance(financeOrganisationId),
    );
  }

  reject(interventionId: string, benefitId: string, financeOrganisationId: string) {
    const data: DataOf<BenefitRejected> = { benefitId, reason: 'not evidenced' };
    return this.append(
      interventionStream(interventionId),
      'BenefitRejected',
      data,
      this.finance(financeOrganisationId),
    );
  }

  private partnershipLead(partnershipId: string): ActorMetadata {
    const lead = this.leads.get(`partnership:${partnershipId}`) ?? SYSTEM_ICB;
    return { userId: `lead@${lead}`, organisationId: lead, role: 'partnership-lead' };
  }

  partnership(
    partnershipId: string,
    members: DataOf<PartnershipFormed>['members'],
    name = `Partnership ${partnershipId}`,
  ) {
    const lead = members.find((m) => m.role === 'lead')?.organisationId ?? members[0].organisationId;
    this.leads.set(`partnership:${partnershipId}`, lead);
    const data: DataOf<PartnershipFormed> = { partnershipId, name, members };
    return this.append(
      partnershipStream(partnershipId),
      'PartnershipFormed',
      data,
      this.partnershipLead(partnershipId),
    );
  }

  agreement(partnershipId: string, data: DataOf<AttributionAgreementSet>) {
    return this.append(
      partnershipStream(partnershipId),
      'AttributionAgreementSet',
      data,
      this.partnershipLead(partnershipId),
    );
  }

  enrol(partnershipId: string, interventionId: string, attributionBasisPoints: number) {
    const data: DataOf<InterventionEnrolled> = { interventionId, attributionBasisPoints };
    return this.append(
      partnershipStream(partnershipId),
      'InterventionEnrolled',
      data,
      this.partnershipLead(partnershipId),
    );
  }

  partnershipCost(
    partnershipId: string,
    costData: Pick<
      DataOf<PartnershipCostRecorded>,
      'costId' | 'amountPence' | 'financialYear' | 'bearerOrganisationId'
    >,
  ) {
    const data: DataOf<PartnershipCostRecorded> = {
      costType: 'direct',
      category: 'programme office',
      source: { system: 'ledger', reference: `gl-${costData.costId}` },
      ...costData,
    };
    return this.append(
      partnershipStream(partnershipId),
      'PartnershipCostRecorded',
      data,
      this.partnershipLead(partnershipId),
    );
  }
}
