// The bar at the top: home, profile, admin (for admins) and sign out.
import type { Route } from '../lib/router';
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
