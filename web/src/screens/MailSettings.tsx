// How Village mails me: every notification at once, a daily or weekly digest at my chosen time,
// or never. Shown in the profile (mails link here as /settings).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/api';
import { ApiError } from '../api/http';
import type { MailNotify, MailPreferences } from '../api/types';
import { fieldError } from '../ui/Field';
import { useToast } from '../ui/toast';

const CHOICES: [MailNotify, string, string][] = [
  ['immediately', 'Right away', 'A mail soon after each notification; several close together come as one (outside your quiet hours).'],
  ['daily', 'Daily digest', 'One mail a day with what’s new, only when there is something.'],
  ['weekly', 'Weekly digest', 'One mail a week.'],
  ['never', 'Never', 'No notification mail. Invitations and sign-in links still come.'],
];

export function MailSettings() {
  const toast = useToast();
  const [prefs, setPrefs] = useState<MailPreferences | null>(null);
  const [notify, setNotify] = useState<MailNotify>('daily');
  const [time, setTime] = useState('08:00');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.mailPreferences().then(
      (p) => {
        setPrefs(p);
        setNotify(p.notify);
        setTime(p.digest_time);
      },
      () => setPrefs(null),
    );
  }, []);
  if (!prefs) return null;
  const digest = notify === 'daily' || notify === 'weekly';
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      let zone: string | undefined;
      try {
        zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      } catch {
        zone = undefined;
      }
      const p = await api.setMailPreferences({ notify, ...(digest ? { digest_time: time } : {}), ...(zone && !prefs.time_zone ? { time_zone: zone } : {}) });
      setPrefs(p);
      toast.info('Mail settings saved.');
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="panel" onSubmit={save} noValidate aria-labelledby="mail-h" id="mail">
      <h2 id="mail-h">Notification mail</h2>
      {error && !error.field && (
        <div class="notice notice-error" role="alert">
          {error.message}
        </div>
      )}
      <fieldset class="field">
        <legend>Mail me about notifications</legend>
        {CHOICES.map(([value, label, hint]) => (
          <label class="choice choice-2line" key={value}>
            <input type="radio" name="mail-notify" checked={notify === value} onChange={() => setNotify(value)} />
            <span>
              {label}
              <span class="muted small block">{hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {digest && (
        <div class="field">
          <label for="digest-time">Send the digest at</label>
          <input id="digest-time" class="input" type="time" value={time} onInput={(e) => setTime((e.target as HTMLInputElement).value)} />
          {fieldError(error, 'digest_time') && <span class="error-text">{fieldError(error, 'digest_time')}</span>}
        </div>
      )}
      <div class="row row-end">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          Save mail settings
        </button>
      </div>
    </form>
  );
}
