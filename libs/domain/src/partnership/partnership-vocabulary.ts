export const PARTNERSHIP_ROLES = ['lead', 'member', 'partner'] as const;
export type PartnershipRole = (typeof PARTNERSHIP_ROLES)[number];
