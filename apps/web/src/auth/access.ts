import { Role } from './session';

/**
 * Which pages each role is offered (docs/api.md "Who may do what"). The API decides every read; a page opened anyway by its
 * address shows the API's refusal explained. Partnerships are read by their members of any role, so every role is
 * offered the list (it holds only the caller's partnerships).
 */
export interface PageEntry {
  path: string;
  label: string;
  roles: readonly Role[];
}

const EVERYONE: readonly Role[] = ['admin', 'contributor', 'finance', 'auditor', 'partnership-lead'];

export const PAGES: readonly PageEntry[] = [
  { path: '/app/portfolio', label: 'Portfolio', roles: EVERYONE },
  { path: '/app/flows', label: 'System flows', roles: EVERYONE },
  { path: '/app/organisations', label: 'Organisations', roles: EVERYONE },
  { path: '/app/capacity', label: 'Capacity', roles: EVERYONE },
  { path: '/app/partnerships', label: 'Partnerships', roles: EVERYONE },
  { path: '/app/reconciliation', label: 'Reconciliation', roles: ['finance', 'auditor', 'admin'] },
  { path: '/app/validation', label: 'Validation queue', roles: ['finance'] },
  { path: '/app/audit', label: 'Audit', roles: EVERYONE },
];

export function pagesFor(role: Role): PageEntry[] {
  return PAGES.filter((page) => page.roles.includes(role));
}

/** Who may verify the whole log (`GET /audit/verify`). */
export const mayVerifyLog = (role: Role): boolean => role === 'auditor' || role === 'admin' || role === 'finance';

/** Who reads any organisation's reconciliation; finance reads its own organisation's only. */
export const readsEveryReconciliation = (role: Role): boolean => role === 'auditor' || role === 'admin';
