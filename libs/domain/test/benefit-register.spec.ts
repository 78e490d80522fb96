import {
  BenefitRegister,
  InterventionEvent,
  NOTHING_REGISTERED,
  fieldsNotRecorded,
  fold,
  interventionDecider,
  upcastInterventionEvent,
} from '../src';
import { given as givenAny } from './given-when-then';
import { FY, INTERVENTION, LANDING, claimBenefit, claimed, registered, reviseBenefit } from './intervention.fixtures';

const given = (...events: InterventionEvent[]) => givenAny(interventionDecider, events);

/** A complete register entry, as the Green Book expects one. */
const REGISTER: BenefitRegister = {
  owner: { role: 'Director of Operations', organisationId: LANDING },
  measure: { series: 'emergency bed-days per month', unit: 'bed-days' },
  baseline: { value: 420, date: '2019-04-01' },
  target: { value: 320, date: '2020-03-31' },
  timing: { firstYear: FY, durationYears: 3 },
  dependencies: [{ interventionId: 'discharge-to-assess', benefitId: null }],
  risks: [{ description: 'community beds not staffed in winter', rating: 'medium' }],
};

describe('the benefits register on a claim', () => {
  it('records every register field given, in the claim', () => {
    given(registered())
      .when(claimBenefit({ register: REGISTER }))
      .then([claimed({ register: REGISTER })]);
  });

  it('records the fields left out as not recorded (null)', () => {
    const partial = { owner: REGISTER.owner, timing: REGISTER.timing };
    const [event] = interventionDecider.decide(claimBenefit({ register: partial }), given(registered()).state);
    const register = (event.data as { register: BenefitRegister }).register;
    expect(register).toEqual({ ...NOTHING_REGISTERED, ...partial });
    expect(fieldsNotRecorded(register)).toEqual(['measure', 'baseline', 'target', 'dependencies', 'risks']);
  });

  it('refuses a target dated before its baseline (422, naming the target date)', () => {
    given(registered())
      .when(claimBenefit({ register: { baseline: REGISTER.baseline, target: { value: 300, date: '2019-03-31' } } }))
      .thenFails({ kind: 'rule-violated', rule: 'target-before-baseline', field: 'register.target.date' });
  });

  it('refuses a baseline date that is not a calendar date, naming it', () => {
    given(registered())
      .when(claimBenefit({ register: { baseline: { value: 1, date: '2019-02-30' } } }))
      .thenFails({ kind: 'rule-violated', rule: 'invalid-date', field: 'register.baseline.date' });
  });

  it('refuses a dependency on a benefit of this intervention that was never claimed, naming it (400)', () => {
    given(registered())
      .when(claimBenefit({ register: { dependencies: [{ interventionId: INTERVENTION, benefitId: 'ghost' }] } }))
      .thenFails({ kind: 'invalid-reference', rule: 'unknown-reference', field: 'register.dependencies[0].benefitId' });
  });

  it('accepts a dependency on a benefit of this intervention already claimed', () => {
    const register = { ...NOTHING_REGISTERED, dependencies: [{ interventionId: INTERVENTION, benefitId: 'bed-days' }] };
    given(registered(), claimed())
      .when(claimBenefit({ benefitId: 'cash', register }))
      .then([claimed({ benefitId: 'cash', register })]);
  });

  it('refuses a benefit depending on itself', () => {
    given(registered(), claimed())
      .when(reviseBenefit({ register: { dependencies: [{ interventionId: INTERVENTION, benefitId: 'bed-days' }] } }))
      .thenFails({ kind: 'rule-violated', rule: 'dependency-on-itself', field: 'register.dependencies[0].benefitId' });
  });
});

describe('the benefits register on a revision', () => {
  it('replaces the fields a revision gives and keeps the others', () => {
    const risks = [{ description: 'winter pressures', rating: 'high' as const }];
    const [event] = interventionDecider.decide(
      reviseBenefit({ register: { risks } }),
      given(registered(), claimed({ register: REGISTER })).state,
    );
    expect((event.data as { register: BenefitRegister }).register).toEqual({ ...REGISTER, risks });
  });

  it('keeps the whole register when a revision gives none', () => {
    const state = fold(interventionDecider, [registered(), claimed({ register: REGISTER })]);
    const [event] = interventionDecider.decide(reviseBenefit({ register: null }), state);
    expect(
      fold(interventionDecider, [registered(), claimed({ register: REGISTER }), event]).benefits.get('bed-days')!
        .register,
    ).toEqual(REGISTER);
  });
});

describe('a claim written before the register existed (BenefitClaimed version 1)', () => {
  const { register: _register, ...before } = claimed().data;
  const old: InterventionEvent = { type: 'BenefitClaimed', data: before };

  it('reads as recording none of the register, the stored event untouched', () => {
    const frozen = JSON.stringify(old);
    expect((upcastInterventionEvent(old).data as { register: BenefitRegister }).register).toEqual(NOTHING_REGISTERED);
    expect(JSON.stringify(old)).toBe(frozen);
    expect(fold(interventionDecider, [registered(), old]).benefits.get('bed-days')!.register).toEqual(
      NOTHING_REGISTERED,
    );
  });

  it('folds into the same state as the same claim written today with nothing registered', () => {
    expect(fold(interventionDecider, [registered(), old])).toEqual(
      fold(interventionDecider, [registered(), claimed()]),
    );
  });

  it('keeps its register through a version 1 revision (no register in it)', () => {
    const { register: _r, ...oldRevision } = reviseBenefitEvent();
    const state = fold(interventionDecider, [
      registered(),
      claimed({ register: REGISTER }),
      { type: 'BenefitRevised', data: oldRevision },
    ]);
    expect(state.benefits.get('bed-days')!.register).toEqual(REGISTER);
  });
});

/** A revision event as decided today, for stripping back to version 1. */
function reviseBenefitEvent() {
  const [event] = interventionDecider.decide(reviseBenefit(), fold(interventionDecider, [registered(), claimed()]));
  return event.data as Extract<InterventionEvent, { type: 'BenefitRevised' }>['data'];
}
