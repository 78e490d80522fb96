export const ORGANISATION_TYPES = [
  'acute-trust',
  'mental-health-trust',
  'community-trust',
  'ambulance-trust',
  'icb',
  'gp-practice',
  'local-authority',
  'industry-partner',
  'improvement-partner',
  'other',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
