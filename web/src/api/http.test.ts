import { describe, expect, it } from 'vitest';
import { ApiError, Http, toApiError, waitText } from './http';

type Call = { url: string; init: RequestInit };

function server(respond: (call: Call) => Response) {
  const calls: Call[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    const call = { url, init };
    calls.push(call);
    return respond(call);
  };
  return { calls, fetch };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

describe('Http', () => {
  it('sends the CSRF token on writes only, with the cookie', async () => {
    const s = server(() => json(200, { ok: true }));
    const http = new Http({ fetch: s.fetch });
    http.setCsrf('tok123');
    await http.request('GET', '/api/v1/me');
    await http.request('POST', '/api/v1/boards', { name: 'x' });
    const [get, post] = s.calls;
    expect((get!.init.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
    expect((post!.init.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok123');
    expect(post!.init.credentials).toBe('same-origin');
    expect(post!.init.body).toBe('{"name":"x"}');
  });

  it('keeps the CSRF token across a reload of the tab', () => {
    const storage = memoryStorage();
    new Http({ storage }).setCsrf('abc');
    expect(new Http({ storage }).hasCsrf).toBe(true);
  });

  it('turns the error shape into an ApiError with code, message and field', async () => {
    const s = server(() => json(400, { error: { code: 'bad_request', message: 'title may not be empty', field: 'title' } }));
    const http = new Http({ fetch: s.fetch });
    const err = await http.request('POST', '/api/v1/lists/1/cards', { title: '' }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'bad_request', message: 'title may not be empty', field: 'title' });
  });

  it('says when to try again after a 429', async () => {
    const s = server(() => json(429, { error: { code: 'rate_limited', message: 'Too many sign-in attempts' } }, { 'Retry-After': '120' }));
    const err = (await new Http({ fetch: s.fetch }).request('POST', '/api/v1/session', {}).catch((e) => e)) as ApiError;
    expect(err.status).toBe(429);
    expect(err.retryAfter).toBe(120);
    expect(err.message).toBe('Too many sign-in attempts. Try again in 2 minutes.');
  });

  it('explains a failure with no error body, and a network failure', async () => {
    const html = server(() => new Response('<h1>Bad gateway</h1>', { status: 502 }));
    const e1 = (await new Http({ fetch: html.fetch }).request('GET', '/x').catch((e) => e)) as ApiError;
    expect(e1.message).toMatch(/went wrong/);
    const down = new Http({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const e2 = (await down.request('GET', '/x').catch((e) => e)) as ApiError;
    expect(e2).toMatchObject({ status: 0, code: 'network' });
  });

  it('tells the app when the session has gone', async () => {
    let told = 0;
    const s = server(() => json(401, { error: { code: 'unauthorized', message: 'Sign in first' } }));
    const http = new Http({ fetch: s.fetch, onUnauthorized: () => told++ });
    await http.request('GET', '/api/v1/me').catch(() => undefined);
    expect(told).toBe(1);
  });

  it('revalidates cached reads with If-None-Match and reuses the body on 304', async () => {
    const s = server((c) =>
      (c.init.headers as Record<string, string>)['If-None-Match'] === '"v7"'
        ? new Response(null, { status: 304 })
        : json(200, { id: 1, name: 'Rota' }, { ETag: '"v7"' }),
    );
    const http = new Http({ fetch: s.fetch });
    const a = await http.request('GET', '/api/v1/boards/1', undefined, { cache: true });
    const b = await http.request('GET', '/api/v1/boards/1', undefined, { cache: true });
    expect(b).toEqual(a);
    expect(s.calls).toHaveLength(2);
    http.invalidate('/api/v1/boards/1');
    await http.request('GET', '/api/v1/boards/1', undefined, { cache: true });
    expect((s.calls[2]!.init.headers as Record<string, string>)['If-None-Match']).toBeUndefined();
  });

  it('returns undefined for 204', async () => {
    const s = server(() => new Response(null, { status: 204 }));
    expect(await new Http({ fetch: s.fetch }).request('DELETE', '/api/v1/session')).toBeUndefined();
  });
});

describe('toApiError and waitText', () => {
  it('uses a default text by status', async () => {
    expect((await toApiError(new Response('', { status: 403 }))).message).toMatch(/permission/);
    expect((await toApiError(new Response('', { status: 429 }))).message).toMatch(/Wait a minute/);
  });
  it('words waits', () => {
    expect(waitText(1)).toBe('a second');
    expect(waitText(30)).toBe('30 seconds');
    expect(waitText(60)).toBe('a minute');
    expect(waitText(61)).toBe('2 minutes');
  });
});
