import { currentSession, signOut } from '../auth/session';

/** An API refusal as the API states it (docs/api.md "Errors"): the status, its message, and the rule or fields named. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly rule?: string,
    readonly fieldErrors: { field: string; messages: string[] }[] = [],
  ) {
    super(message);
  }
}

/** Fired when the API answers 401: the app returns to sign-in with the reason. */
export const SIGNED_OUT_EVENT = 'workspace:signed-out';

async function refusal(response: Response): Promise<ApiError> {
  let body: { message?: unknown; rule?: unknown; errors?: unknown } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // not JSON: the status says enough
  }
  const message = Array.isArray(body.message)
    ? body.message.join('; ')
    : typeof body.message === 'string'
      ? body.message
      : response.statusText;
  const fieldErrors = Array.isArray(body.errors) ? (body.errors as { field: string; messages: string[] }[]) : [];
  return new ApiError(response.status, message, typeof body.rule === 'string' ? body.rule : undefined, fieldErrors);
}

async function send(path: string, init: RequestInit = {}): Promise<Response> {
  const session = currentSession();
  const headers = new Headers(init.headers);
  if (session) headers.set('Authorization', `Bearer ${session.token}`);
  const response = await fetch(path, { ...init, headers });
  if (response.status === 401) {
    const error = await refusal(response);
    signOut();
    window.dispatchEvent(new CustomEvent(SIGNED_OUT_EVENT, { detail: error.message }));
    throw error;
  }
  if (!response.ok) throw await refusal(response);
  return response;
}

export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await send(path, { signal, headers: { Accept: 'application/json' } });
  return (await response.json()) as T;
}

/** A write, sent with its Idempotency-Key so that a retry after a lost answer records it once. */
export async function apiPost<T>(path: string, body: unknown, idempotencyKey: string): Promise<T> {
  const response = await send(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': idempotencyKey },
  });
  return (await response.json()) as T;
}

/** A file the API answers (an audit pack): fetched with the token, then saved by the browser under its own name. */
export async function apiDownload(path: string, fallbackName: string): Promise<void> {
  const response = await send(path);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  saveFile(await response.blob(), name);
}

export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A query string from the parameters that have a value, in the order given (so the same view asks the same URL). */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
