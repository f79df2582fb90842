// The one-time link printed by a new server: creates the community's first admin.
import { useState } from 'preact/hooks';
import { api } from '../api/api';
import { ApiError } from '../api/http';
import { navigate, paths } from '../lib/router';
import { useSession } from '../session';
import { fieldError, TextField } from '../ui/Field';
import { Logo } from '../ui/Header';

export function Setup({ token }: { token: string }) {
  const { setMe } = useSession();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await api.setUp(token, email.trim(), name.trim(), password);
      setMe(s.member);
      navigate(paths.home(), { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'network', String(err)));
      setBusy(false);
    }
  };

  const general = error && (!error.field || error.field === 'token') ? (error.status === 403 ? 'This set-up link has expired or was already used. Restart Village to get a new one.' : error.message) : null;
  return (
    <main id="main" class="signin">
      <div class="signin-card">
        <span class="brand">
          <Logo />
          Village
        </span>
        <h1>Set up your community</h1>
        <p class="muted">You are the first person here. Create your account: you will be the community’s admin, and can invite everyone else.</p>
        {!token && <div class="notice notice-error" role="alert">This link has no set-up token. Copy the whole link that Village printed when it started.</div>}
        {general && (
          <div class="notice notice-error" role="alert">
            {general}
          </div>
        )}
        <form onSubmit={submit} noValidate>
          <TextField label="Your name" name="display_name" autoComplete="name" value={name} onValue={setName} error={fieldError(error, 'display_name')} />
          <TextField label="Email" name="email" type="email" autoComplete="username" value={email} onValue={setEmail} error={fieldError(error, 'email')} />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            hint="At least 10 characters."
            value={password}
            onValue={setPassword}
            error={fieldError(error, 'password')}
          />
          <button type="submit" class="btn btn-primary btn-block" disabled={busy || !token}>
            {busy ? 'Creating…' : 'Create my admin account'}
          </button>
        </form>
      </div>
    </main>
  );
}
