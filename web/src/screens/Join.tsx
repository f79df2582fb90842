// Arriving from a mail: accepting an invitation (name, grade and interests only — no password)
// and signing in with a sign-in link. Both land on home, signed in.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/api';
import { ApiError } from '../api/http';
import type { InvitationPreview } from '../api/types';
import { navigate, paths } from '../lib/router';
import { useSession } from '../session';
import { fieldError, TextField } from '../ui/Field';
import { Logo } from '../ui/Header';
import { GRADES, INTERESTS } from './Profile';

function Frame({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <main id="main" class="signin">
      <div class="signin-card">
        <span class="brand">
          <Logo />
          Village
        </span>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}

export function Join({ token }: { token: string }) {
  const { setMe } = useSession();
  const [preview, setPreview] = useState<InvitationPreview | null>(null);
  const [bad, setBad] = useState<string | null>(token ? null : 'This link has no invitation in it. Open the whole link from your invitation mail.');
  const [name, setName] = useState('');
  const [grade, setGrade] = useState('');
  const [interests, setInterests] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!token) return;
    api.invitationPreview(token).then(
      (p) => {
        setPreview(p);
        setName(p.display_name);
        setGrade(p.grade ?? '');
      },
      (e: ApiError) => setBad(e.status === 404 || e.status === 410 || e.status === 400 ? 'This invitation has expired, was already used, or the link is incomplete. Ask your organiser for a new one.' : e.message),
    );
  }, [token]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await api.acceptInvitation({ token, display_name: name.trim(), grade: grade.trim() || null, interests });
      setMe(s.member);
      navigate(paths.home(), { replace: true });
    } catch (err) {
      setError(err as ApiError);
      setBusy(false);
    }
  };

  if (bad) {
    return (
      <Frame title="Join Village">
        <div class="notice notice-error" role="alert">
          {bad}
        </div>
        <a class="btn btn-block" href={paths.signin()}>
          Go to sign in
        </a>
      </Frame>
    );
  }
  if (!preview) {
    return (
      <Frame title="Join Village">
        <p class="loading">Opening your invitation…</p>
      </Frame>
    );
  }
  return (
    <Frame title="Join Village">
      <p class="muted">
        Welcome! You were invited as <strong>{preview.email}</strong>. Three things and you’re in — no password needed: next time, ask for a sign-in link by email.
      </p>
      {error && !error.field && (
        <div class="notice notice-error" role="alert">
          {error.message}
        </div>
      )}
      <form onSubmit={submit} noValidate>
        <TextField label="Your name" name="display_name" autoComplete="name" value={name} onValue={setName} error={fieldError(error, 'display_name')} maxLength={200} />
        <TextField label="Grade" name="grade" hint="For example ST3, or Consultant." list="join-grades" value={grade} onValue={setGrade} error={fieldError(error, 'grade')} maxLength={200} />
        <datalist id="join-grades">
          {GRADES.map((g) => (
            <option key={g} value={g} />
          ))}
        </datalist>
        <fieldset class="field">
          <legend>Interests</legend>
          <span class="hint">You’ll follow the spaces that match them; change this any time.</span>
          <div class="grid-2">
            {INTERESTS.map((i) => (
              <label class="choice" key={i}>
                <input type="checkbox" checked={interests.includes(i)} onChange={() => setInterests(interests.includes(i) ? interests.filter((x) => x !== i) : [...interests, i])} />
                {i}
              </label>
            ))}
          </div>
          {fieldError(error, 'interests') && <span class="error-text">{fieldError(error, 'interests')}</span>}
        </fieldset>
        <button type="submit" class="btn btn-primary btn-block" disabled={busy || !name.trim()}>
          {busy ? 'Joining…' : 'Join Village'}
        </button>
      </form>
    </Frame>
  );
}

export function SignInLink({ token }: { token: string }) {
  const { setMe } = useSession();
  const [error, setError] = useState<string | null>(token ? null : 'This link is incomplete. Open the whole link from the mail.');
  const once = useRef(false);
  useEffect(() => {
    if (!token || once.current) return;
    once.current = true; // a link works once: never send it twice
    api.redeemSignInLink(token).then(
      (s) => {
        setMe(s.member);
        navigate(paths.home(), { replace: true });
      },
      (e: ApiError) => setError(e.status === 429 ? e.message : 'This sign-in link has expired or was already used. Links work once, for 15 minutes: ask for a new one.'),
    );
  }, [token]);
  return (
    <Frame title="Signing you in">
      {error ? (
        <>
          <div class="notice notice-error" role="alert">
            {error}
          </div>
          <a class="btn btn-primary btn-block" href={paths.signin()}>
            Get a new link
          </a>
        </>
      ) : (
        <p class="loading">Checking your link…</p>
      )}
    </Frame>
  );
}
