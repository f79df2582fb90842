// My profile: name, grade, site and interests; and my password.
import { useState } from 'preact/hooks';
import { api } from '../api/api';
import { ApiError } from '../api/http';
import { splitList } from '../lib/format';
import { useSession } from '../session';
import { fieldError, TextField } from '../ui/Field';
import { useToast } from '../ui/toast';
import { MailSettings } from './MailSettings';
import { QuietHoursForm } from './QuietHours';

export const GRADES = ['ST1', 'ST2', 'ST3', 'ST4', 'ST5', 'ST6', 'ST7', 'ST8', 'Consultant', 'SAS doctor', 'Foundation', 'Nurse', 'Other'];
export const INTERESTS = ['Neonatology', 'PICU', 'Community paediatrics', 'Cardiology', 'Respiratory', 'Gastroenterology', 'Neurology', 'Oncology', 'Allergy', 'Emergency medicine', 'Education', 'Research'];

export function Profile() {
  const { me, setMe } = useSession();
  const toast = useToast();
  const [name, setName] = useState(me?.display_name ?? '');
  const [grade, setGrade] = useState(me?.grade ?? '');
  const [site, setSite] = useState(me?.site ?? '');
  const [interests, setInterests] = useState<string[]>(me?.interests ?? []);
  const [other, setOther] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!me) return null;

  const toggle = (i: string) => setInterests(interests.includes(i) ? interests.filter((x) => x !== i) : [...interests, i]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const all = [...interests, ...splitList(other).filter((x) => !interests.some((i) => i.toLowerCase() === x.toLowerCase()))];
    try {
      const m = await api.updateMe({ display_name: name.trim(), grade: grade.trim() || null, site: site.trim() || null, interests: all });
      setMe(m);
      setInterests(m.interests);
      setOther('');
      toast.info('Profile saved.');
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const custom = interests.filter((i) => !INTERESTS.includes(i));
  return (
    <div class="page page-narrow">
      <h1>Your profile</h1>
      <p class="muted">Other members see your name, grade, hospital and interests. Your email stays with the organisers.</p>
      <form class="panel" onSubmit={submit} noValidate aria-label="Profile">
        {error && !error.field && (
          <div class="notice notice-error" role="alert">
            {error.message}
          </div>
        )}
        <TextField label="Name" name="display_name" autoComplete="name" value={name} onValue={setName} error={fieldError(error, 'display_name')} maxLength={200} />
        <TextField label="Grade" name="grade" hint="For example ST3, or Consultant." list="grades" value={grade} onValue={setGrade} error={fieldError(error, 'grade')} maxLength={200} />
        <datalist id="grades">
          {GRADES.map((g) => (
            <option key={g} value={g} />
          ))}
        </datalist>
        <TextField label="Hospital or site" name="site" autoComplete="organization" value={site} onValue={setSite} error={fieldError(error, 'site')} maxLength={200} />
        <fieldset class="field">
          <legend>Interests</legend>
          <span class="hint">Pick the sub-specialties you want to hear about.</span>
          <div class="grid-2">
            {[...INTERESTS, ...custom].map((i) => (
              <label class="choice" key={i}>
                <input type="checkbox" checked={interests.includes(i)} onChange={() => toggle(i)} />
                {i}
              </label>
            ))}
          </div>
        </fieldset>
        <TextField label="Other interests" name="interests" hint="Separate them with commas." value={other} onValue={setOther} error={fieldError(error, 'interests')} />
        <div class="row row-end">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save profile'}
          </button>
        </div>
      </form>
      <MailSettings />
      <QuietHoursForm />
      <PasswordForm />
      <p class="muted small">
        Signed in as {me.email ?? me.display_name} · community role: {me.role}
      </p>
    </div>
  );
}

function PasswordForm() {
  const toast = useToast();
  const { signOut } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.updateMe({ password: next, current_password: current });
      toast.info('Password changed. Sign in again with the new one.');
      await signOut();
    } catch (err) {
      setError(err as ApiError);
      setBusy(false);
    }
  };
  return (
    <form class="panel" onSubmit={submit} noValidate aria-labelledby="pw-h">
      <h2 id="pw-h">Change password</h2>
      {error && !error.field && (
        <div class="notice notice-error" role="alert">
          {error.message}
        </div>
      )}
      <TextField label="Current password" name="current_password" type="password" autoComplete="current-password" value={current} onValue={setCurrent} error={fieldError(error, 'current_password')} />
      <TextField label="New password" name="password" type="password" autoComplete="new-password" hint="At least 10 characters. Changing it signs you out everywhere." value={next} onValue={setNext} error={fieldError(error, 'password')} />
      <div class="row row-end">
        <button type="submit" class="btn" disabled={busy || !current || !next}>
          Change password
        </button>
      </div>
    </form>
  );
}
