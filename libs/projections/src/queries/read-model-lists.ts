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

const actorOf = (seen: EventSeen | undefined) =>
  seen ? { userId: seen.actor_user_id, organisationId: seen.actor_organisation_id, role: seen.actor_role } : null;

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

  interventions(query: InterventionListParams) {
    return this.readModels.read((db) => {
      const { total, rows, figures } = interventionPage(db, query);
      const costsCounted = interventionCostsCounted(query.financialYear);
      return {
        query: 'interventions',
        financialYear: query.financialYear,
        sort: query.sort,
        order: query.order,
        ...basisOf(query.cutoff),
        ...windowOf(query, total),
        items: rows.map((row) => {
          const id = row.intervention_id;
          const value = required(figures, id, 'value figures of intervention');
          // the intervention's own value figures: the same references GET /interventions/:id/value gives, so the same traces
          const params = { interventionId: id, financialYear: query.financialYear, ...cutoffParamsOf(query.cutoff) };
          const valueFigureMaker = figureMaker('intervention-value', params);
          const figure = (parts: readonly string[], pence: number) =>
            valueFigureMaker.pence(interventionValueKey(parts), pence);
          const roiOf = (way: ValueWay) => {
            const roi = returnPerPound(value[way], value.costs);
            return roi ? { ...roi, ref: figure(K.roi(way), roi.pencePerPound).ref } : null;
          };
          const way = (w: ValueWay) => ({ totalPence: figure(K.way(w), value[w]), roi: roiOf(w), costsCounted });
          return {
            interventionId: id,
            title: row.title,
            leadOrganisationId: row.lead_organisation_id,
            leadOrganisationName: row.lead_name,
            status: row.status,
            pathway: row.pathway,
            lenses: {
              economic: row.lens_economic === 1,
              social: row.lens_social === 1,
              strategic: row.lens_strategic === 1,
            },
            registeredAt: row.recorded_at,
            costsPence: figure(K.cost('total'), value.costs),
            claimedPence: figure(K.way('claimed'), value.claimed),
            validatedPence: figure(K.way('validated'), value.validated),
            realisedPence: figure(K.way('realised'), value.realised),
            rejectedPence: figure(K.rejected, value.rejected),
            roi: roiOf('validated'),
            // the three ways as GET /interventions/:id/value gives them: each value, its ROI and the costs the ROI counts
            value: { claimed: way('claimed'), validated: way('validated'), realised: way('realised') },
          };
        }),
      };
    });
  }

  organisations(params: OrganisationListParams) {
    return this.readModels.read((db) => {
      const { total, rows } = organisationPage(db, params);
      return {
        query: 'organisations',
        ...basisOf(params.cutoff),
        ...windowOf(params, total),
        items: rows.map((row) => ({
          organisationId: row.organisation_id,
          name: row.name,
          type: row.type,
          system: row.system,
          registeredAt: row.recorded_at,
        })),
      };
    });
  }

  partnerships(params: PartnershipListParams) {
    return this.readModels.read((db) => {
      const { total, rows, members } = partnershipPage(db, params);
      return {
        query: 'partnerships',
        ...basisOf(params.cutoff),
        ...windowOf(params, total),
        items: rows.map((row) => ({
          partnershipId: row.partnership_id,
          name: row.name,
          formedAt: row.recorded_at,
          ...required(members, row.partnership_id, 'members of partnership'),
        })),
      };
    });
  }

  benefits(params: BenefitListParams) {
    return this.readModels.read((db) => {
      const { total, rows } = benefitPage(db, params);
      // who claimed and who decided: one read of the provenance for the page
      const events = new Map(
        eventsAt(
          db,
          rows.flatMap((r) => [r.claim_position, ...(r.decision_position === null ? [] : [r.decision_position])]),
        ).map((e) => [e.position, e]),
      );
      return {
        query: 'benefits',
        status: params.status,
        financialYear: params.financialYear,
        ...basisOf(params.cutoff),
        ...windowOf(params, total),
        items: rows.map((row) => ({
          interventionId: row.intervention_id,
          interventionTitle: row.intervention_title,
          leadOrganisationId: row.lead_organisation_id,
          benefitId: row.benefit_id,
          benefitType: row.benefit_type,
          lens: row.lens,
          recurrence: row.recurrence,
          financialYear: row.financial_year,
          landingOrganisationId: row.landing_organisation_id,
          description: row.description,
          status: benefitStatus(row),
          valuePence: row.value_pence,
          revised: row.revision_position !== null,
          validatedPence: row.decision === 'validated' ? row.validated_value_pence : null,
          claim: {
            position: row.claim_position,
            recordedAt: row.claimed_at,
            by: actorOf(events.get(row.claim_position)),
          },
          decision:
            row.decision === null || row.decision_position === null
              ? null
              : {
                  decision: row.decision,
                  position: row.decision_position,
                  recordedAt: row.decided_at ?? '',
                  by: actorOf(events.get(row.decision_position)),
                  note: row.note,
                },
        })),
      };
    });
  }
}
