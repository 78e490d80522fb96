/**
 * The signed-in token lives in sessionStorage (this tab only; gone when the tab closes). A sign-in link carries it in
 * the URL fragment (`/#token=<jwt>`), which browsers never send to a server; it is moved into storage and removed
 * from the address bar before anything else runs, so it is not left in history or copied into a shared link.
 */
const STORAGE_KEY = 'benefit-ledger.token';

export type Role = 'admin' | 'contributor' | 'finance' | 'auditor' | 'partnership-lead';

export interface Session {
  token: string;
  sub: string;
  role: Role;
  organisationId: string;
  /** Seconds since the epoch, when the token stops being accepted. */
  expiresAt: number | null;
}

/** Reads what a token says about its holder. The API verifies the signature; this only decides what to offer. */
export function readToken(token: string): Session | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(
      parts[1]
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(parts[1].length / 4) * 4, '='),
    );
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<
      string,
      unknown
    >;
    if (typeof claims.sub !== 'string' || typeof claims.role !== 'string' || typeof claims.organisationId !== 'string')
      return null;
    return {
      token: token.trim(),
      sub: claims.sub,
      role: claims.role as Role,
      organisationId: claims.organisationId,
      expiresAt: typeof claims.exp === 'number' ? claims.exp : null,
    };
  } catch {
    return null;
  }
}

export function currentSession(): Session | null {
  const token = sessionStorage.getItem(STORAGE_KEY);
  return token ? readToken(token) : null;
}

export function signIn(token: string): Session | null {
  const session = readToken(token);
  if (session) sessionStorage.setItem(STORAGE_KEY, session.token);
  return session;
}

export function signOut(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** Takes `#token=…` out of the address bar into storage; true if the page was opened with a sign-in link. */
export function takeTokenFromFragment(): boolean {
  const match = /^#token=([^&]+)/.exec(window.location.hash);
  if (!match) return false;
  history.replaceState(history.state, '', window.location.pathname + window.location.search);
  return signIn(decodeURIComponent(match[1])) !== null;
}
