import { Actor } from '@benefit-ledger/domain';

/**
 * The people who act in generated and demo ledgers: one user id per role and organisation, so a test, the demo
 * and the bench name the same person the same way (`improvement.lead@<org>`, `finance.validator@<org>`, …).
 * `colleague` > 1 names a colleague (`improvement.lead2@<org>`).
 */
export const contributor = (org: string, colleague = 1): Actor => ({
  userId: `improvement.lead${colleague > 1 ? String(colleague) : ''}@${org}`,
  organisationId: org,
  role: 'contributor',
});
export const finance = (org: string, colleague = 1): Actor => ({
  userId: `finance.validator${colleague > 1 ? String(colleague) : ''}@${org}`,
  organisationId: org,
  role: 'finance',
});
export const partnershipLead = (org: string): Actor => ({
  userId: `partnership.lead@${org}`,
  organisationId: org,
  role: 'partnership-lead',
});
export const admin = (org: string): Actor => ({ userId: `admin@${org}`, organisationId: org, role: 'admin' });
