import { OrganisationType } from '@benefit-ledger/domain';

/** A fictional integrated care system: names are invented, shapes are real. */
export const DEMO_SYSTEM = 'west-riding-icb';

export const DEMO_ORGANISATIONS: { organisationId: string; name: string; type: OrganisationType }[] = [
  { organisationId: DEMO_SYSTEM, name: 'West Riding Integrated Care Board', type: 'icb' },
  {
    organisationId: 'riverside-teaching-hospitals',
    name: 'Riverside Teaching Hospitals NHS Trust',
    type: 'acute-trust',
  },
  {
    organisationId: 'northgate-community-health',
    name: 'Northgate Community Health NHS Trust',
    type: 'community-trust',
  },
  {
    organisationId: 'calder-mental-health',
    name: 'Calder Mental Health NHS Foundation Trust',
    type: 'mental-health-trust',
  },
  { organisationId: 'millbrook-medical-practice', name: 'Millbrook Medical Practice', type: 'gp-practice' },
  { organisationId: 'riverside-city-council', name: 'Riverside City Council', type: 'local-authority' },
  { organisationId: 'flowline-systems', name: 'Flowline Systems Ltd', type: 'industry-partner' },
  { organisationId: 'lean-care-institute', name: 'Lean Care Institute', type: 'improvement-partner' },
];

export const ACUTE = 'riverside-teaching-hospitals';
export const COMMUNITY = 'northgate-community-health';
export const GP = 'millbrook-medical-practice';
export const INDUSTRY = 'flowline-systems';
