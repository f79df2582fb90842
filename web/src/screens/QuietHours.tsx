// Quiet hours in the profile: a daily window and whole days off, in the member's time zone.
// Notifications are still recorded during them; only alerts (and mail) wait.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/api';
import { ApiError } from '../api/http';
import type { QuietHours, Weekday } from '../api/types';
import { fieldError } from '../ui/Field';
import { useToast } from '../ui/toast';

const DAYS: [Weekday, string][] = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
];

const browserZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
};

export function QuietHoursForm() {
  const toast = useToast();
  const [loaded, setLoaded] = useState<'loading' | 'ok' | 'absent'>('loading');
  const [on, setOn] = useState(false);
  const [zone, setZone] = useState(browserZone());
  const [start, setStart] = useState('21:00');
  const [end, setEnd] = useState('08:00');
  const [daily, setDaily] = useState(true);
  const [days, setDays] = useState<Weekday[]>([]);
  const [quietNow, setQuietNow] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (q: QuietHours | null) => {
    setOn(q !== null);
    if (!q) return;
    setZone(q.time_zone);
    setDaily(q.start !== null);
    if (q.start) setStart(q.start);
    if (q.end) setEnd(q.end);
    setDays(q.days_off);
    setQuietNow(Boolean(q.quiet_now));
  };
  useEffect(() => {
    api.quietHours().then(
      (r) => {
        show(r.quiet_hours);
        setLoaded('ok');
      },
      () => setLoaded('absent'),
    );
  }, []);
  if (loaded !== 'ok') return null;

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api.setQuietHours({ time_zone: zone.trim(), start: daily ? start : null, end: daily ? end : null, days_off: days });
      show(r.quiet_hours);
      toast.info('Quiet hours saved.');
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const turnOff = async () => {
    setBusy(true);
    try {
      await api.clearQuietHours();
      show(null);
      setDays([]);
      toast.info('Quiet hours turned off.');
    } catch (err) {
      toast.error(`Couldn’t turn them off: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel" onSubmit={save} noValidate aria-labelledby="quiet-h">
      <h2 id="quiet-h">Quiet hours</h2>
      <p class="muted small">
        {on ? (quietNow ? 'It is quiet time now: ' : 'Set. ') : 'Off. '}
        During quiet hours Village still keeps your notifications, but sends no alerts or mail until they end.
      </p>
      {error && !error.field && (
        <div class="notice notice-error" role="alert">
          {error.message}
        </div>
      )}
      <label class="choice">
        <input type="checkbox" checked={daily} onChange={() => setDaily(!daily)} />
        Every day between
      </label>
      {daily && (
        <div class="grid-2">
          <div class="field">
            <label for="quiet-start">From</label>
            <input id="quiet-start" class="input" type="time" value={start} onInput={(e) => setStart((e.target as HTMLInputElement).value)} aria-describedby={fieldError(error, 'start') ? 'quiet-start-err' : undefined} />
            {fieldError(error, 'start') && <span class="error-text" id="quiet-start-err">{fieldError(error, 'start')}</span>}
          </div>
          <div class="field">
            <label for="quiet-end">Until</label>
            <input id="quiet-end" class="input" type="time" value={end} onInput={(e) => setEnd((e.target as HTMLInputElement).value)} aria-describedby={fieldError(error, 'end') ? 'quiet-end-err' : undefined} />
            {fieldError(error, 'end') && <span class="error-text" id="quiet-end-err">{fieldError(error, 'end')}</span>}
          </div>
        </div>
      )}
      <fieldset class="field">
        <legend>Whole days off</legend>
        <div class="grid-2">
          {DAYS.map(([d, name]) => (
            <label class="choice" key={d}>
              <input type="checkbox" checked={days.includes(d)} onChange={() => setDays(days.includes(d) ? days.filter((x) => x !== d) : [...days, d])} />
              {name}
            </label>
          ))}
        </div>
      </fieldset>
      <div class="field">
        <label for="quiet-zone">Time zone</label>
        <span class="hint" id="quiet-zone-hint">
          Such as Europe/London.
        </span>
        <input id="quiet-zone" class="input" value={zone} onInput={(e) => setZone((e.target as HTMLInputElement).value)} aria-describedby="quiet-zone-hint" />
        {fieldError(error, 'time_zone') && <span class="error-text">{fieldError(error, 'time_zone')}</span>}
      </div>
      <div class="row row-end">
        {on && (
          <button type="button" class="btn" disabled={busy} onClick={() => void turnOff()}>
            Turn off
          </button>
        )}
        <button type="submit" class="btn btn-primary" disabled={busy || (!daily && days.length === 0)}>
          Save quiet hours
        </button>
      </div>
    </form>
  );
}
