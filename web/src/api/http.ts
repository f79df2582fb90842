// The one way the app talks to the server: fetch with the session cookie, the session's
// X-CSRF-Token on every write, and every failure turned into an ApiError a person can read.
import type { ErrorBody } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpOptions {
  fetch?: Fetch;
  /** Where the CSRF token is kept across reloads of the tab. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** Called when the server says the session is gone (401). */
  onUnauthorized?: () => void;
}

const CSRF_KEY = 'village.csrf';
const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Fallback texts when the server gives none, by status. */
export function defaultMessage(status: number, retryAfter?: number): string {
  switch (status) {
    case 0:
      return 'Village can’t be reached. Check your connection and try again.';
    case 400:
      return 'That didn’t look right. Check what you entered and try again.';
    case 401:
      return 'Please sign in again.';
    case 403:
      return 'You don’t have permission to do that.';
    case 404:
      return 'This isn’t here any more, or you don’t have access to it.';
    case 409:
      return 'Someone changed this at the same time. Reload and try again.';
    case 413:
      return 'That is too large to save.';
    case 422:
      return 'That can’t be done right now.';
    case 429:
      return retryAfter
        ? `Too many attempts. Wait ${waitText(retryAfter)} and try again.`
        : 'Too many attempts. Wait a minute and try again.';
    case 503:
      return 'Village is busy right now. Try again in a moment.';
    default:
      return 'Something went wrong on the server. Try again in a moment.';
  }
}

export function waitText(seconds: number): string {
  if (seconds < 60) return seconds <= 1 ? 'a second' : `${seconds} seconds`;
  const min = Math.ceil(seconds / 60);
  return min === 1 ? 'a minute' : `${min} minutes`;
}

/** Turns a non-OK response into an ApiError, reading the API's error shape when there is one. */
export async function toApiError(res: Response): Promise<ApiError> {
  const retry = Number(res.headers.get('Retry-After'));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? Math.round(retry) : undefined;
  let code = `http_${res.status}`;
  let message = '';
  let field: string | undefined;
  try {
    const body = (await res.json()) as Partial<ErrorBody>;
    if (body && typeof body.error === 'object' && body.error) {
      if (typeof body.error.code === 'string') code = body.error.code;
      if (typeof body.error.message === 'string') message = body.error.message;
      if (typeof body.error.field === 'string' && body.error.field) field = body.error.field;
    }
  } catch {
    // Not JSON (a proxy's error page, say): fall back to the status.
  }
  if (res.status === 429) {
    // A message that says when to try again, whatever the server said.
    if (retryAfter) message = `${(message || 'Too many attempts').replace(/\.?$/, '.')} Try again in ${waitText(retryAfter)}.`;
    else if (!message) message = defaultMessage(429);
  }
  if (!message) message = defaultMessage(res.status, retryAfter);
  return new ApiError(res.status, code, message, field, retryAfter);
}

export class Http {
  private readonly fetch: Fetch;
  private readonly storage: HttpOptions['storage'];
  private csrf: string | null;
  onUnauthorized: (() => void) | undefined;
  private readonly etags = new Map<string, { etag: string; body: unknown }>();

  constructor(opts: HttpOptions = {}) {
    this.fetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.storage = opts.storage;
    this.csrf = this.storage?.getItem(CSRF_KEY) ?? null;
    this.onUnauthorized = opts.onUnauthorized;
  }

  setCsrf(token: string | null): void {
    this.csrf = token;
    if (token) this.storage?.setItem(CSRF_KEY, token);
    else this.storage?.removeItem(CSRF_KEY);
    if (!token) this.etags.clear();
  }

  get hasCsrf(): boolean {
    return this.csrf !== null;
  }

  /**
   * Sends one request. `cache: true` keeps the last body with its ETag and revalidates with
   * If-None-Match, so an unchanged board costs a 304 and no parsing.
   */
  async request<T>(method: string, path: string, body?: unknown, opts: { cache?: boolean; signal?: AbortSignal; raw?: Blob } = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined || opts.raw) headers['Content-Type'] = 'application/json';
    if (WRITE.has(method) && this.csrf) headers['X-CSRF-Token'] = this.csrf;
    const cached = opts.cache ? this.etags.get(path) : undefined;
    if (cached) headers['If-None-Match'] = cached.etag;

    let res: Response;
    try {
      res = await this.fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        // `raw`: a file sent as it is (an upload), never parsed or copied into a string here.
        body: opts.raw ?? (body === undefined ? null : JSON.stringify(body)),
        signal: opts.signal ?? null,
      });
    } catch (e) {
      if ((e as { name?: string })?.name === 'AbortError') throw e;
      throw new ApiError(0, 'network', defaultMessage(0));
    }

    if (res.status === 304 && cached) return cached.body as T;
    if (!res.ok) {
      const err = await toApiError(res);
      if (res.status === 401) this.onUnauthorized?.();
      throw err;
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    const data = (text ? JSON.parse(text) : undefined) as T;
    if (opts.cache) {
      const etag = res.headers.get('ETag');
      if (etag) this.etags.set(path, { etag, body: data });
    }
    return data;
  }

  /** Forgets a cached body (after a write that changes it). */
  invalidate(path: string): void {
    this.etags.delete(path);
  }
}
