// Admin: invite one person, or paste a list (one per line: email, name, role, grade, site,
// groups) and read what happened to each line. Each invitee gets a mail with a link valid 14 days.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/api';
import { ApiError } from '../api/http';
import type { Invitation, PasteResult, Role } from '../api/types';
import { formatAgo } from '../lib/format';
import { fieldError, TextField } from '../ui/Field';
import { useToast } from '../ui/toast';

export function Invitations() {
  const [list, setList] = useState<Invitation[] | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const load = () => api.invitations().then((r) => setList(r.invitations), () => setUnavailable(true));
  useEffect(() => {
    void load();
  }, []);
  if (unavailable) return null;
  return (
    <section class="panel" aria-labelledby="invite-h">
      <h2 id="invite-h">Invite people</h2>
      <p class="muted small">Each person gets a mail with a link valid for 14 days. They choose their name, grade and interests — no password needed.</p>
      <InviteOne onDone={() => void load()} />
      <InvitePasted onDone={() => void load()} />
      {list && list.length > 0 && (
        <>
          <h3>Invitations</h3>
          <ul class="plain-list">
            {list.map((i) => (
              <li key={i.id}>
                <strong>{i.display_name}</strong> <span class="muted small">{i.email}</span>{' '}
                <span class="muted small">· {i.accepted_at ? `joined ${formatAgo(i.accepted_at)}` : new Date(i.expires_at) < new Date() ? 'expired' : `invited ${formatAgo(i.created_at)}`}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function InviteOne({ onDone }: { onDone: () => void }) {
  const toast = useToast();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('trainee');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const i = await api.invite({ email: email.trim(), display_name: name.trim(), role });
      toast.info(`Invitation sent to ${i.email}.`);
      setEmail('');
      setName('');
      onDone();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="invite-one-h">
      <h3 id="invite-one-h">One person</h3>
      {error && !error.field && (
        <div class="notice notice-error" role="alert">
          {error.message}
        </div>
      )}
      <div class="grid-2">
        <TextField label="Email" name="invite-email" type="email" value={email} onValue={setEmail} error={fieldError(error, 'email')} />
        <TextField label="Name" name="invite-name" value={name} onValue={setName} error={fieldError(error, 'display_name')} />
      </div>
      <div class="field">
        <label for="invite-role">Role</label>
        <select id="invite-role" class="input" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}>
          <option value="trainee">Trainee</option>
          <option value="trainer">Trainer</option>
          <option value="guest">Guest</option>
          <option value="admin">Admin</option>
        </select>
      </div>
      <div class="row row-end">
        <button type="submit" class="btn btn-primary" disabled={busy || !email.trim() || !name.trim()}>
          Send invitation
        </button>
      </div>
    </form>
  );
}

function InvitePasted({ onDone }: { onDone: () => void }) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<PasteResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await api.invitePasted(text);
      setResult(r);
      if (r.errors.length === 0) setText('');
      onDone();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="invite-list-h">
      <h3 id="invite-list-h">A list</h3>
      <div class="field">
        <label for="invite-list">People, one per line</label>
        <span class="hint" id="invite-list-hint">
          email, name, role, grade, site, groups — for example: <code>ana@nhs.net, Ana Lo, trainee, ST3, St Mary’s, Reps;Neonates</code>. Pasting from a spreadsheet works too.
        </span>
        <textarea id="invite-list" class="input" rows={5} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} aria-describedby="invite-list-hint" />
      </div>
      {error && (
        <div class="notice notice-error" role="alert">
          {error}
        </div>
      )}
      <div class="row row-end">
        <button type="submit" class="btn btn-primary" disabled={busy || !text.trim()}>
          Invite everyone
        </button>
      </div>
      {result && (
        <div role="status" class="paste-result">
          <p>
            <strong>{result.invited.length === 1 ? '1 person invited' : `${result.invited.length} people invited`}</strong>
            {result.errors.length > 0 && `; ${result.errors.length === 1 ? '1 line' : `${result.errors.length} lines`} need a fix (the others were sent):`}
          </p>
          {result.errors.length > 0 && (
            <ul class="import-notes">
              {result.errors.map((e) => (
                <li key={e.line}>
                  Line {e.line}
                  {e.email ? ` (${e.email})` : ''}: {e.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
