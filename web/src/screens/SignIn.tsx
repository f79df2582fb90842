// Sign in with email and password; a clear message for wrong details and for too many tries.
import { useState } from 'preact/hooks';
import { api } from '../api/api';
import { ApiError } from '../api/http';
import { navigate, paths } from '../lib/router';
import { useSession } from '../session';
import { TextField } from '../ui/Field';
import { Logo } from '../ui/Header';

export function signInMessage(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 401 || (e.status === 400 && e.code === 'bad_request' && !e.field))
      return 'That email and password don’t match. Check both and try again.';
    if (e.status === 429) return e.message;
    return e.message;
  }
  return 'Something went wrong. Try again.';
}

export function SignIn({ next }: { next?: string | undefined }) {
  const { setMe } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await api.signIn(email.trim(), password);
      setMe(s.member);
      navigate(next ?? paths.home(), { replace: true });
    } catch (err) {
      setError(err as Error);
      setBusy(false);
    }
  };

  const message = error ? signInMessage(error) : null;
  const field = error instanceof ApiError && error.status === 400 ? error.field : undefined;
  return (
    <main id="main" class="signin">
      <div class="signin-card">
        <a class="brand" href={paths.home()} aria-label="Village">
          <Logo />
          <span aria-hidden="true">Village</span>
        </a>
        <h1>Sign in</h1>
        <p class="muted">The noticeboards of your training community: teaching, rotas, exams and shared learning.</p>
        {message && !field && (
          <div class="notice notice-error" role="alert">
            {message}
          </div>
        )}
        <form onSubmit={submit} noValidate>
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            required
            value={email}
            onValue={setEmail}
            error={field === 'email' ? message ?? undefined : undefined}
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onValue={setPassword}
            error={field === 'password' ? message ?? undefined : undefined}
          />
          <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <EmailLink initial={email} />
        <p class="muted small after-form">
          No account yet? Ask your programme organiser to invite you.
        </p>
      </div>
    </main>
  );
}

/** The neutral answer to a sign-in link request: the same whether or not the address is known. */
export const LINK_SENT = 'If that address belongs to a member of Village, a sign-in link is on its way. It works once, for 15 minutes. Check your spam folder if it doesn’t arrive.';

/** "Email me a sign-in link": no password needed. */
function EmailLink({ initial }: { initial: string }) {
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (!open) {
    return (
      <div class="or-link">
        <p class="muted small">No password, or forgotten it?</p>
        <button
          type="button"
          class="btn btn-block"
          onClick={() => {
            setEmail(initial);
            setOpen(true);
          }}
        >
          Email me a sign-in link
        </button>
      </div>
    );
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.requestSignInLink(email.trim());
      setSent(true);
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="or-link" onSubmit={submit} noValidate aria-labelledby="link-h">
      <h2 id="link-h">Sign in with a link</h2>
      {sent ? (
        <div class="notice" role="status">
          {LINK_SENT}
        </div>
      ) : (
        <>
          {error && !error.field && (
            <div class="notice notice-error" role="alert">
              {error.message}
            </div>
          )}
          <TextField
            label="Your email"
            name="link-email"
            id="link-email"
            type="email"
            autoComplete="username"
            inputMode="email"
            autoFocus
            value={email}
            onValue={setEmail}
            error={error?.field === 'email' ? error.message : undefined}
          />
          <button type="submit" class="btn btn-primary btn-block" disabled={busy || !email.trim()}>
            {busy ? 'Sending…' : 'Email me a sign-in link'}
          </button>
        </>
      )}
    </form>
  );
}
