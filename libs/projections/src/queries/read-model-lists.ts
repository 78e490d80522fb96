import { ValueWay, interventionValueKeys as K, returnPerPound } from '@benefit-ledger/domain';
import { ReadModelStore } from '../read-model-store';
import { BenefitListParams, benefitPage } from './benefit-list';
import { benefitStatus } from './benefit-states';
import { OrganisationListParams, PartnershipListParams, organisationPage, partnershipPage } from './directory-lists';
import { InterventionListParams, interventionPage } from './intervention-portfolio';
import { interventionCostsCounted } from './intervention-realised';
import { interventionValueKey } from './intervention-value';
import { Cutoff, positionAt } from './query-basis';
import { basisOf, cutoffParamsOf, figureMaker } from './read-model-queries';
import { EventSeen, eventsAt } from './read-model-reads';
import { required } from '../required';

/** The window every list answer states: how many items the filters select, and which of them this page holds. */
const windowOf = (p: { offset: number; limit: number }, total: number) => ({ total, offset: p.offset, limit: p.limit });

const actorOf = (e: EventSeen | undefined) =>
  e ? { userId: e.actor_user_id, organisationId: e.actor_organisation_id, role: e.actor_role } : null;

/**
 * The read models as lists, a page at a time (GET /interventions, /organisations, /partnerships, /benefits): each
 * answer states the log it is read from (upToPosition, and asAt when asked), the number of items the filters select
 * (`total`) and the page (`offset`, `limit`, `items`). Each runs in one read transaction, a few statements a page
 * however many items it holds.
 */
export class ReadModelLists {
  constructor(private readonly readModels: ReadModelStore) {}

  /** The log as known at an instant, or as applied now. */
  cutoff(asAt: string | null): Cutoff {
    return asAt
      ? { asAt, upTo: positionAt(this.readModels.db, asAt) }
      : { asAt: null, upTo: this.readModels.checkpoint() };
  }

  interventions(p: InterventionListParams) {
    return this.readModels.read((db) => {
      const { total, rows, figures } = interventionPage(db, p);
      const costsCounted = interventionCostsCounted(p.financialYear);
      return {
        query: 'interventions',
        financialYear: p.financialYear,
        sort: p.sort,
        order: p.order,
        ...basisOf(p.cutoff),
        ...windowOf(p, total),
        items: rows.map((r) => {
          const id = r.intervention_id;
          const v = required(figures, id, 'value figures of intervention');
          // the intervention's own value figures: the same references GET /interventions/:id/value gives, so the same traces
          const params = { interventionId: id, financialYear: p.financialYear, ...cutoffParamsOf(p.cutoff) };
          const f = figureMaker('intervention-value', params);
          const figure = (parts: readonly string[], pence: number) => f.pence(interventionValueKey(parts), pence);
          const roiOf = (way: ValueWay) => {
            const roi = returnPerPound(v[way], v.costs);
            return roi ? { ...roi, ref: figure(K.roi(way), roi.pencePerPound).ref } : null;
          };
          const way = (w: ValueWay) => ({ totalPence: figure(K.way(w), v[w]), roi: roiOf(w), costsCounted });
          return {
            interventionId: id,
            title: r.title,
            leadOrganisationId: r.lead_organisation_id,
            leadOrganisationName: r.lead_name,
            status: r.status,
            pathway: r.pathway,
            lenses: { economic: r.lens_economic === 1, social: r.lens_social === 1, strategic: r.lens_strategic === 1 },
            registeredAt: r.recorded_at,
            costsPence: figure(K.cost('total'), v.costs),
            claimedPence: figure(K.way('claimed'), v.claimed),
            validatedPence: figure(K.way('validated'), v.validated),
            realisedPence: figure(K.way('realised'), v.realised),
            rejectedPence: figure(K.rejected, v.rejected),
            roi: roiOf('validated'),
            // the three ways as GET /interventions/:id/value gives them: each value, its ROI and the costs the ROI counts
            value: { claimed: way('claimed'), validated: way('validated'), realised: way('realised') },
          };
        }),
      };
    });
  }

  organisations(p: OrganisationListParams) {
    return this.readModels.read((db) => {
      const { total, rows } = organisationPage(db, p);
      return {
        query: 'organisations',
        ...basisOf(p.cutoff),
        ...windowOf(p, total),
        items: rows.map((r) => ({
          organisationId: r.organisation_id,
          name: r.name,
          type: r.type,
          system: r.system,
          registeredAt: r.recorded_at,
        })),
      };
    });
  }

  partnerships(p: PartnershipListParams) {
    return this.readModels.read((db) => {
      const { total, rows, members } = partnershipPage(db, p);
      return {
        query: 'partnerships',
        ...basisOf(p.cutoff),
        ...windowOf(p, total),
        items: rows.map((r) => ({
          partnershipId: r.partnership_id,
          name: r.name,
          formedAt: r.recorded_at,
          ...required(members, r.partnership_id, 'members of partnership'),
        })),
      };
    });
  }

  benefits(p: BenefitListParams) {
    return this.readModels.read((db) => {
      const { total, rows } = benefitPage(db, p);
      // who claimed and who decided: one read of the provenance for the page
      const events = new Map(
        eventsAt(
          db,
          rows.flatMap((r) => [r.claim_position, ...(r.decision_position === null ? [] : [r.decision_position])]),
        ).map((e) => [e.position, e]),
      );
      return {
        query: 'benefits',
        status: p.status,
        financialYear: p.financialYear,
        ...basisOf(p.cutoff),
        ...windowOf(p, total),
        items: rows.map((r) => ({
          interventionId: r.intervention_id,
          interventionTitle: r.intervention_title,
          leadOrganisationId: r.lead_organisation_id,
          benefitId: r.benefit_id,
          benefitType: r.benefit_type,
          lens: r.lens,
          recurrence: r.recurrence,
          financialYear: r.financial_year,
          landingOrganisationId: r.landing_organisation_id,
          description: r.description,
          status: benefitStatus(r),
          valuePence: r.value_pence,
          revised: r.revision_position !== null,
          validatedPence: r.decision === 'validated' ? r.validated_value_pence : null,
          claim: { position: r.claim_position, recordedAt: r.claimed_at, by: actorOf(events.get(r.claim_position)) },
          decision:
            r.decision === null || r.decision_position === null
              ? null
              : {
                  decision: r.decision,
                  position: r.decision_position,
                  recordedAt: r.decided_at ?? '',
                  by: actorOf(events.get(r.decision_position)),
                  note: r.note,
                },
        })),
      };
    });
  }
}
