// Routes of the app, as paths the server falls back to index.html for (history API).
// Parsing is pure so it can be unit-tested; navigation is a thin layer over history.

export type Route =
  | { name: 'home' }
  | { name: 'signin'; next?: string }
  | { name: 'setup'; token: string }
  | { name: 'board'; boardId: number; cardId?: number }
  | { name: 'card'; cardId: number }
  | { name: 'board-settings'; boardId: number }
  | { name: 'profile' }
  | { name: 'admin' }
  | { name: 'notifications' }
  | { name: 'signin-link'; token: string }
  | { name: 'join'; token: string }
  | { name: 'not-found'; path: string };

function id(text: string | undefined): number | undefined {
  if (text === undefined || !/^[1-9][0-9]{0,15}$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Maps a location (pathname and search) to a route. Unknown paths are `not-found`. */
export function parseRoute(pathname: string, search = ''): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  const parts = path.split('/').slice(1);
  if (path === '/') return { name: 'home' };
  if (path === '/signin') {
    const next = new URLSearchParams(search).get('next');
    return next && isSafeNext(next) ? { name: 'signin', next } : { name: 'signin' };
  }
  if (path === '/setup') return { name: 'setup', token: new URLSearchParams(search).get('token') ?? '' };
  if (path === '/profile') return { name: 'profile' };
  if (path === '/admin') return { name: 'admin' };
  if (path === '/notifications') return { name: 'notifications' };
  // Links in mails (docs/api/mail.md): a sign-in link, an invitation, the mail settings.
  if (path === '/sign-in/link') return { name: 'signin-link', token: new URLSearchParams(search).get('token') ?? '' };
  if (path === '/join') return { name: 'join', token: new URLSearchParams(search).get('token') ?? '' };
  if (path === '/settings') return { name: 'profile' };
  if (parts[0] === 'boards') {
    const boardId = id(parts[1]);
    if (boardId !== undefined) {
      if (parts.length === 2) return { name: 'board', boardId };
      if (parts.length === 3 && parts[2] === 'settings') return { name: 'board-settings', boardId };
      const cardId = id(parts[3]);
      if (parts.length === 4 && parts[2] === 'cards' && cardId !== undefined)
        return { name: 'board', boardId, cardId };
    }
  }
  if (parts[0] === 'cards' && parts.length === 2) {
    const cardId = id(parts[1]);
    if (cardId !== undefined) return { name: 'card', cardId };
  }
  return { name: 'not-found', path };
}

/** Only same-site paths may be a post-sign-in destination (no `//evil.example`). */
export function isSafeNext(next: string): boolean {
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/api/');
}

export const paths = {
  home: () => '/',
  signin: (next?: string) => (next && next !== '/' && isSafeNext(next) ? `/signin?next=${encodeURIComponent(next)}` : '/signin'),
  board: (boardId: number) => `/boards/${boardId}`,
  card: (boardId: number, cardId: number) => `/boards/${boardId}/cards/${cardId}`,
  boardSettings: (boardId: number) => `/boards/${boardId}/settings`,
  profile: () => '/profile',
  admin: () => '/admin',
  notifications: () => '/notifications',
};

type Listener = () => void;
const listeners = new Set<Listener>();

export function currentRoute(): Route {
  return parseRoute(location.pathname, location.search);
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === location.pathname + location.search) return;
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  listeners.forEach((l) => l());
}

export function onRouteChange(listener: Listener): () => void {
  listeners.add(listener);
  const pop = () => listener();
  addEventListener('popstate', pop);
  return () => {
    listeners.delete(listener);
    removeEventListener('popstate', pop);
  };
}

/** Lets plain <a href="/…"> links navigate without a page load (left click, no modifier keys). */
export function interceptLinks(root: HTMLElement): () => void {
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.('a');
    // A mention (`member:42`) names a member; it is not a place to go.
    if (a?.protocol === 'member:') {
      e.preventDefault();
      return;
    }
    if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
    if (a.pathname.startsWith('/api/') || a.dataset.native !== undefined) return;
    e.preventDefault();
    navigate(a.pathname + a.search);
  };
  root.addEventListener('click', onClick);
  return () => root.removeEventListener('click', onClick);
}
