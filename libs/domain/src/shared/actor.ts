/** Who is acting, as carried in every event's metadata and in the bearer token. */
export const ROLES = ['admin', 'contributor', 'finance', 'auditor', 'partnership-lead'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  readonly userId: string;
  readonly organisationId: string;
  readonly role: Role;
}
