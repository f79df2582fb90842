// The bar at the top: home, profile, admin (for admins) and sign out.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/api';
import type { Route } from '../lib/router';
import { liveSocket } from '../lib/livesocket';
import { badgeText, bellLabel, unread } from '../lib/unread';
import { paths } from '../lib/router';
import { initials } from '../lib/format';
import { useSession } from '../session';

export function Logo() {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#1c6655" />
      <path d="M7 16 16 8l9 8v9H7z" fill="#fff" />
      <rect x="13" y="18" width="6" height="7" fill="#1c6655" />
    </svg>
  );
}

export function Header({ route }: { route: Route }) {
  const { me, signOut } = useSession();
  const current = (name: Route['name']) => (route.name === name ? 'page' : undefined);
  return (
    <header class="app-header">
      <a class="brand" href={paths.home()} aria-label="Village, home">
        <Logo />
        <span class="brand-name" aria-hidden="true">
          Village
        </span>
      </a>
      <nav class="app-nav" aria-label="Main">
        {me ? (
          <>
            <a href={paths.home()} aria-current={current('home')}>
              Boards
            </a>
            {me.role === 'admin' && (
              <a href={paths.admin()} aria-current={current('admin')}>
                Admin
              </a>
            )}
            <Bell route={route} />
            <a href={paths.profile()} aria-current={current('profile')} aria-label={`Your profile (${me.display_name})`}>
              <span class="avatar" aria-hidden="true">
                {initials(me.display_name)}
              </span>
            </a>
            <button type="button" class="btn btn-quiet btn-small" onClick={() => void signOut()}>
              Sign out
            </button>
          </>
        ) : (
          <a href={paths.signin(location.pathname)}>Sign in</a>
        )}
      </nav>
    </header>
  );
}

/**
 * The bell: unread notifications. The live socket brings the count as it changes, on every
 * screen; read over REST at start, on return to the tab, on home, each time the server welcomes
 * the socket (what came before it was open, or while it was down: the server has registered the
 * socket before its welcome can be read, so nothing falls between) and every minute only while the
 * socket is not live.
 */
function Bell({ route }: { route: Route }) {
  const [n, setN] = useState<number | null>(unread.get());
  const [said, setSaid] = useState('');
  const onNotifications = route.name === 'notifications';
  const onNotificationsRef = useRef(onNotifications);
  onNotificationsRef.current = onNotifications;
  useEffect(() => unread.subscribe(setN), []);
  useEffect(() => {
    const live = liveSocket();
    const offLive = live?.onLive((up) => {
      if (up) readUnread();
    });
    let clear: ReturnType<typeof setTimeout> | undefined;
    const offNotes = live?.onNotifications((m) => {
      unread.set(m.unread);
      // Said politely to screen readers (no sound, nothing pops up); not during quiet hours, nor
      // on the notifications screen, which shows them.
      if (m.alert && !onNotificationsRef.current) {
        setSaid(`New notification. ${bellLabel(m.unread)}.`);
        clearTimeout(clear);
        clear = setTimeout(() => setSaid(''), 8000);
      }
    });
    const timer = setInterval(() => {
      if (!live?.live) readUnread();
    }, 60_000);
    document.addEventListener('visibilitychange', readUnread);
    return () => {
      offLive?.();
      offNotes?.();
      clearTimeout(clear);
      clearInterval(timer);
      document.removeEventListener('visibilitychange', readUnread);
    };
  }, []);
  // Not on every screen change: a board screen makes one request, the board's.
  const home = route.name === 'home';
  useEffect(() => {
    if (home || !askedOnce) readUnread();
  }, [home]);
  return (
    <>
      <a class="bell" href={paths.notifications()} aria-current={onNotifications ? 'page' : undefined} aria-label={bellLabel(n)}>
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <path d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6Zm0 19a2.6 2.6 0 0 0 2.5-2h-5a2.6 2.6 0 0 0 2.5 2Z" fill="currentColor" />
        </svg>
        {n ? (
          <span class="bell-count" aria-hidden="true">
            {badgeText(n)}
          </span>
        ) : null}
      </a>
      <span class="visually-hidden bell-announce" role="status" aria-live="polite">
        {said}
      </span>
    </>
  );
}

let askedOnce = false;

function readUnread() {
  if (document.visibilityState === 'hidden') return;
  askedOnce = true;
  api.unreadCount().then(
    (r) => unread.set(r.unread),
    () => undefined, // a server without notifications: no count
  );
}
