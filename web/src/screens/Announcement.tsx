// An announcement on a card, for its organisers: announce it to everyone or to groups (it is
// pinned on their home until each acknowledges it), then see its reach: seen and acknowledged,
// by grade and by site, and who has not acknowledged yet.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/api';
import { ApiError } from '../api/http';
import type { Group, Reach } from '../api/types';
import { reachRows, reachSummary } from '../lib/reach';
import { useToast } from '../ui/toast';

export function AnnouncementPanel({ cardId }: { cardId: number }) {
  const toast = useToast();
  const [reach, setReach] = useState<Reach | null | undefined>(undefined); // undefined: loading; null: not announced
  const [unavailable, setUnavailable] = useState(false);
  const [choosing, setChoosing] = useState(false);

  const load = () =>
    api.reach(cardId).then(
      (r) => setReach(r),
      (e: ApiError) => {
        if (e.status === 404) setReach(null);
        else setUnavailable(true);
      },
    );
  useEffect(() => {
    void load();
  }, [cardId]);

  if (unavailable || reach === undefined) return null;

  const withdraw = async () => {
    try {
      await api.withdrawAnnouncement(cardId);
      setReach(null);
      toast.info('Announcement withdrawn: it is no longer pinned on anyone’s home.');
    } catch (e) {
      toast.error(`Couldn’t withdraw it: ${(e as Error).message}`);
    }
  };

  return (
    <section class="section announcement-panel" aria-labelledby="announce-h">
      <h3 id="announce-h">Announcement</h3>
      {reach === null ? (
        choosing ? (
          <AnnounceForm cardId={cardId} onDone={(r) => (setChoosing(false), r && setReach(r))} />
        ) : (
          <div class="row">
            <p class="muted small spacer">Pin this card on members’ home until they acknowledge it, and see who has.</p>
            <button type="button" class="btn btn-small" onClick={() => setChoosing(true)}>
              Announce…
            </button>
          </div>
        )
      ) : (
        <ReachView reach={reach} onRefresh={() => void load()} onWithdraw={() => void withdraw()} />
      )}
    </section>
  );
}

function AnnounceForm({ cardId, onDone }: { cardId: number; onDone: (r: Reach | null) => void }) {
  const toast = useToast();
  const [audience, setAudience] = useState<'everyone' | 'groups'>('everyone');
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [chosen, setChosen] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (audience === 'groups' && !groups) api.groups().then((r) => setGroups(r.groups), () => setGroups([]));
  }, [audience]);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (audience === 'groups' && chosen.length === 0) {
      setError('Choose at least one group.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api.announce(cardId, audience, chosen);
      toast.info(audience === 'everyone' ? 'Announced to everyone.' : 'Announced to the chosen groups.');
      onDone(r);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} aria-label="Announce this card">
      <fieldset class="field">
        <legend>Who is it for?</legend>
        <label class="choice">
          <input type="radio" name="audience" checked={audience === 'everyone'} onChange={() => setAudience('everyone')} />
          Everyone in the community
        </label>
        <label class="choice">
          <input type="radio" name="audience" checked={audience === 'groups'} onChange={() => setAudience('groups')} />
          Chosen groups
        </label>
      </fieldset>
      {audience === 'groups' && (
        <fieldset class="field">
          <legend>Groups</legend>
          {!groups && <p class="loading">Loading groups…</p>}
          {groups?.length === 0 && <p class="muted small">There are no groups yet: an admin makes them on the Admin page.</p>}
          {groups?.map((g) => (
            <label class="choice" key={g.id}>
              <input type="checkbox" checked={chosen.includes(g.id)} onChange={() => setChosen(chosen.includes(g.id) ? chosen.filter((x) => x !== g.id) : [...chosen, g.id])} />
              {g.name} <span class="muted small">({g.member_count})</span>
            </label>
          ))}
        </fieldset>
      )}
      {error && (
        <p class="error-text" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" class="btn btn-primary btn-small" disabled={busy}>
          {busy ? 'Announcing…' : 'Announce'}
        </button>
        <button type="button" class="btn btn-small" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ReachView({ reach, onRefresh, onWithdraw }: { reach: Reach; onRefresh: () => void; onWithdraw: () => void }) {
  const [showAll, setShowAll] = useState(false);
  const pending = showAll ? reach.not_acknowledged : reach.not_acknowledged.slice(0, 10);
  return (
    <div class="reach">
      <p>
        <strong>{reach.audience === 'everyone' ? 'To everyone.' : `To ${reach.group_ids.length === 1 ? 'one group' : `${reach.group_ids.length} groups`}.`}</strong> {reachSummary(reach)}
      </p>
      {(['grade', 'site'] as const).map((by) => {
        const rows = reachRows(by === 'grade' ? reach.by_grade : reach.by_site, by);
        if (rows.length === 0) return null;
        return (
          <table class="reach-table" key={by}>
            <caption>By {by}</caption>
            <thead>
              <tr>
                <th scope="col">{by === 'grade' ? 'Grade' : 'Site'}</th>
                <th scope="col">People</th>
                <th scope="col">Seen</th>
                <th scope="col">Acknowledged</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.key}</th>
                  <td>{r.audience}</td>
                  <td>{r.seen}</td>
                  <td>{r.acknowledged}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
      {reach.not_acknowledged.length > 0 && (
        <>
          <h4 id="pending-h">Not acknowledged yet ({reach.not_acknowledged.length})</h4>
          <ul class="pending-people" aria-labelledby="pending-h">
            {pending.map((m) => (
              <li key={m.id}>
                {m.display_name}
                <span class="muted small">
                  {[m.grade, m.site].filter(Boolean).length ? ` · ${[m.grade, m.site].filter(Boolean).join(', ')}` : ''} · {m.seen ? 'seen' : 'not seen'}
                </span>
              </li>
            ))}
          </ul>
          {reach.not_acknowledged.length > pending.length && (
            <button type="button" class="btn btn-small" onClick={() => setShowAll(true)}>
              Show all {reach.not_acknowledged.length}
            </button>
          )}
        </>
      )}
      <div class="row">
        <button type="button" class="btn btn-small" onClick={onRefresh}>
          Refresh
        </button>
        <button type="button" class="btn btn-small btn-danger" onClick={onWithdraw}>
          Withdraw
        </button>
      </div>
    </div>
  );
}
