import { Actor, OrganisationEvent, ROLES, organisationDecider, refuseOrganisationCommand } from '../src';
import { given } from './given-when-then';

const registeredAcute: OrganisationEvent = {
  type: 'OrganisationRegistered',
  data: { organisationId: 'leeds-th', name: 'Leeds Teaching Hospitals', type: 'acute-trust', system: 'wy-icb' },
};

describe('organisation decider', () => {
  it('registers an organisation in the system (ICB) it belongs to', () => {
    given(organisationDecider, [])
      .when({
        type: 'RegisterOrganisation',
        organisationId: 'leeds-th',
        name: 'Leeds Teaching Hospitals',
        organisationType: 'acute-trust',
        system: 'wy-icb',
      })
      .then([registeredAcute]);
  });

  it('registers an organisation that belongs to no system yet with system null', () => {
    given(organisationDecider, [])
      .when({
        type: 'RegisterOrganisation',
        organisationId: 'vmi',
        name: 'Virginia Mason Institute',
        organisationType: 'improvement-partner',
        system: null,
      })
      .then([
        {
          type: 'OrganisationRegistered',
          data: { organisationId: 'vmi', name: 'Virginia Mason Institute', type: 'improvement-partner', system: null },
        },
      ]);
  });

  it('makes an ICB its own system when no system is given', () => {
    given(organisationDecider, [])
      .when({
        type: 'RegisterOrganisation',
        organisationId: 'wy-icb',
        name: 'West Yorkshire ICB',
        organisationType: 'icb',
        system: null,
      })
      .then([
        {
          type: 'OrganisationRegistered',
          data: { organisationId: 'wy-icb', name: 'West Yorkshire ICB', type: 'icb', system: 'wy-icb' },
        },
      ]);
  });

  it('refuses to register the same organisation twice (conflict)', () => {
    given(organisationDecider, [registeredAcute])
      .when({
        type: 'RegisterOrganisation',
        organisationId: 'leeds-th',
        name: 'Leeds Teaching Hospitals NHS Trust',
        organisationType: 'acute-trust',
        system: 'wy-icb',
      })
      .thenFails({ kind: 'conflict', rule: 'organisation-exists', field: 'organisationId' });
  });

  it('folds the registration into its state', () => {
    expect(given(organisationDecider, [registeredAcute]).state).toEqual({
      registered: true,
      organisationId: 'leeds-th',
      name: 'Leeds Teaching Hospitals',
      type: 'acute-trust',
      system: 'wy-icb',
    });
  });
});

describe('who may register organisations', () => {
  const register = {
    type: 'RegisterOrganisation',
    organisationId: 'leeds-th',
    name: 'Leeds',
    organisationType: 'acute-trust',
    system: null,
  } as const;
  const as = (role: Actor['role']): Actor => ({ userId: `${role}-1`, organisationId: 'leeds-th', role });

  it('lets an admin register an organisation', () => {
    expect(refuseOrganisationCommand(as('admin'), register)).toBeNull();
  });

  it.each(ROLES.filter((r) => r !== 'admin'))('refuses %s, even for its own organisation: admin only', (role) => {
    expect(refuseOrganisationCommand(as(role), register)).toEqual(expect.stringContaining('admin only'));
  });
});
