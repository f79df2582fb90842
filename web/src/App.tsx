// The app shell: who is signed in, the header, and which screen the address shows.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, http } from './api/api';
import { ApiError } from './api/http';
import type { Member } from './api/types';
import { liveSocket } from './lib/livesocket';
import { currentRoute, interceptLinks, navigate, onRouteChange, paths, type Route } from './lib/router';
import { SessionContext, type SessionApi } from './session';
import { ToastProvider } from './ui/toast';
import { Header } from './ui/Header';
import { SignIn } from './screens/SignIn';
import { Setup } from './screens/Setup';
import { Join, SignInLink } from './screens/Join';
import { Home } from './screens/Home';
import { BoardScreen } from './screens/Board';
import { CardRedirect } from './screens/CardRedirect';
import { BoardSettings } from './screens/BoardSettings';
import { Profile } from './screens/Profile';
import { Admin } from './screens/Admin';
import { NotFound } from './screens/NotFound';
import { Notifications } from './screens/Notifications';

export function App() {
  const [route, setRoute] = useState<Route>(currentRoute());
  const [me, setMe] = useState<Member | null>(null);
  const [checked, setChecked] = useState(false);
  const [bootError, setBootError] = useState<string | null>(null);

  useEffect(() => onRouteChange(() => setRoute(currentRoute())), []);
  useEffect(() => interceptLinks(document.body), []);

  const loadSession = useCallback(() => {
    setBootError(null);
    api
      .session()
      .then((s) => setMe(s.member))
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) setMe(null);
        else setBootError(e instanceof Error ? e.message : String(e));
      })
      .finally(() => setChecked(true));
  }, []);

  useEffect(() => {
    loadSession();
    http.onUnauthorized = () => {
      setMe(null);
      http.setCsrf(null);
    };
  }, [loadSession]);

  // Focus the page's heading after navigating, so screen readers hear where they are.
  useEffect(() => {
    const h = document.querySelector<HTMLElement>('main h1');
    if (h && document.activeElement === document.body) {
      h.tabIndex = -1;
      h.focus({ preventScroll: true });
    }
  }, [route]);

  // One live socket per tab while signed in, kept across screens (the bell and the board screen
  // use it). Opened again when who is signed in changes: the server reads the session at upgrade.
  const meId = me?.id ?? null;
  const socketFor = useRef<number | null>(null);
  useEffect(() => {
    const live = liveSocket();
    if (!live || !checked) return;
    if (meId !== null) {
      if (socketFor.current !== meId) live.restart(); // e.g. it was a public board's, anonymous
      live.start();
    } else if (socketFor.current !== null) {
      live.stop(); // signed out: a board screen opens an anonymous one for a public board
    }
    socketFor.current = meId;
  }, [meId, checked]);
  useEffect(() => {
    const wake = () => {
      if (document.visibilityState !== 'hidden') liveSocket()?.wake();
    };
    addEventListener('online', wake);
    document.addEventListener('visibilitychange', wake);
    return () => {
      removeEventListener('online', wake);
      document.removeEventListener('visibilitychange', wake);
    };
  }, []);

  const session = useMemo<SessionApi>(
    () => ({
      me,
      setMe,
      signOut: async () => {
        await api.signOut().catch(() => undefined);
        setMe(null);
        navigate(paths.signin(), { replace: true });
      },
    }),
    [me],
  );

  let screen;
  if (!checked) {
    screen = <p class="loading">Loading Village…</p>;
  } else if (bootError) {
    screen = (
      <div class="page page-narrow">
        <div class="notice notice-error" role="alert">
          <p>{bootError}</p>
          <button type="button" class="btn btn-primary" onClick={loadSession}>
            Try again
          </button>
        </div>
      </div>
    );
  } else if (route.name === 'signin-link' || route.name === 'join') {
    // Arriving from a mail: these sign the person in (or create them), whoever was signed in.
    return (
      <SessionContext.Provider value={session}>
        <ToastProvider>{route.name === 'join' ? <Join token={route.token} /> : <SignInLink token={route.token} />}</ToastProvider>
      </SessionContext.Provider>
    );
  } else if (route.name === 'setup') {
    return (
      <SessionContext.Provider value={session}>
        <Setup token={route.token} />
      </SessionContext.Provider>
    );
  } else if (route.name === 'signin' || (!me && route.name !== 'board')) {
    const next = route.name === 'signin' ? route.next : location.pathname + location.search;
    return (
      <SessionContext.Provider value={session}>
        <ToastProvider>
          <SignIn next={next} />
        </ToastProvider>
      </SessionContext.Provider>
    );
  } else {
    screen = pick(route);
  }

  return (
    <SessionContext.Provider value={session}>
      <ToastProvider>
        <a class="skip-link" href="#main" data-native>
          Skip to content
        </a>
        <Header route={route} />
        <main id="main">{screen}</main>
      </ToastProvider>
    </SessionContext.Provider>
  );
}

function pick(route: Route) {
  switch (route.name) {
    case 'home':
      return <Home />;
    case 'board':
      return <BoardScreen key={route.boardId} boardId={route.boardId} cardId={route.cardId} />;
    case 'card':
      return <CardRedirect cardId={route.cardId} />;
    case 'board-settings':
      return <BoardSettings key={route.boardId} boardId={route.boardId} />;
    case 'profile':
      return <Profile />;
    case 'admin':
      return <Admin />;
    case 'notifications':
      return <Notifications />;
    default:
      return <NotFound />;
  }
}
