// Creating a board: a name, where it lives, and who can see it.
import { useState } from 'preact/hooks';
import { api } from '../api/api';
import { ApiError } from '../api/http';
import type { Space, Visibility } from '../api/types';
import { navigate, paths } from '../lib/router';
import { Dialog } from '../ui/Dialog';
import { fieldError, SelectField, TextField } from '../ui/Field';

export const VISIBILITY: { value: Visibility; label: string; hint: string }[] = [
  { value: 'community', label: 'Everyone in the community', hint: 'Every member can see it, and post unless you make it read-only.' },
  { value: 'groups', label: 'Chosen groups', hint: 'Only the groups you pick, such as “ST1–3” or “Trainers”.' },
  { value: 'private', label: 'Only people I add', hint: 'A personal board, or one for a small team.' },
  { value: 'public', label: 'Anyone with the link', hint: 'Readable without signing in. Good for a conference programme.' },
];

export function VisibilityChoice(props: { value: Visibility; onValue: (v: Visibility) => void; name?: string }) {
  return (
    <fieldset class="field">
      <legend>Who can see it</legend>
      {VISIBILITY.map((v) => (
        <label class="choice" key={v.value}>
          <input type="radio" name={props.name ?? 'visibility'} value={v.value} checked={props.value === v.value} onChange={() => props.onValue(v.value)} />
          <span>
            {v.label}
            <small>{v.hint}</small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export function NewBoardDialog(props: { spaces: Space[]; spaceId?: number | null; onClose: () => void }) {
  const [name, setName] = useState('');
  const [spaceId, setSpaceId] = useState(props.spaceId ? String(props.spaceId) : '');
  const [visibility, setVisibility] = useState<Visibility>('community');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) {
      setError(new ApiError(400, 'bad_request', 'Give the board a name.', 'name'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const b = await api.createBoard({ name: name.trim(), visibility, space_id: spaceId ? Number(spaceId) : null });
      props.onClose();
      navigate(paths.board(b.id));
    } catch (err) {
      setError(err as ApiError);
      setBusy(false);
    }
  };

  return (
    <Dialog title="New board" onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        {error && !error.field && (
          <div class="notice notice-error" role="alert">
            {error.message}
          </div>
        )}
        <TextField label="Board name" name="name" hint="For example “Regional teaching 2026” or “My portfolio”." value={name} onValue={setName} error={fieldError(error, 'name')} autoFocus />
        {props.spaces.length > 0 && (
          <SelectField
            label="Space"
            name="space_id"
            hint="Spaces group boards by theme; members who follow a space hear of its new boards."
            value={spaceId}
            onValue={setSpaceId}
            options={[{ value: '', label: 'No space' }, ...props.spaces.map((s) => ({ value: String(s.id), label: s.name }))]}
          />
        )}
        <VisibilityChoice value={visibility} onValue={setVisibility} />
        <p class="hint muted small">You can change all of this later in the board’s settings.</p>
        <div class="row row-end">
          <button type="button" class="btn" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create board'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
