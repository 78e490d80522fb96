import { Role } from '@benefit-ledger/domain';
import { ACUTE, DEMO_SYSTEM } from '../demo/demo-organisations';

/**
 * A link that signs a browser in to the web app served at `/`: the token travels in the URL's fragment (after `#`),
 * which a browser never sends to a server, so it reaches no request line, proxy or server log; the app reads it,
 * keeps it for the tab and takes it out of the address bar.
 */
export const signInLink = (port: number, token: string) =>
  `http://localhost:${port}/#token=${encodeURIComponent(token)}`;

/** One demo user per role, each acting for the organisation whose work in the demo that role would see. */
export const DEMO_USERS: { role: Role; organisationId: string }[] = [
  { role: 'admin', organisationId: DEMO_SYSTEM },
  { role: 'contributor', organisationId: ACUTE },
  { role: 'finance', organisationId: ACUTE },
  { role: 'auditor', organisationId: DEMO_SYSTEM },
  { role: 'partnership-lead', organisationId: ACUTE },
];
