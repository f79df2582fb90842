// Board settings: name, description, space, who can see it, members and their roles, archive.
import { useEffect, useState } from 'preact/hooks';
import { api, type BoardPatch } from '../api/api';
import { ApiError } from '../api/http';
import type { BoardInfo, BoardMember, BoardRole, Group, Label, Member, Space, Visibility } from '../api/types';
import { LABEL_COLORS, labelColors } from '../lib/colors';
import { navigate, paths } from '../lib/router';
import { Dialog } from '../ui/Dialog';
import { fieldError, SelectField, TextArea, TextField } from '../ui/Field';
import { useToast } from '../ui/toast';
import { VisibilityChoice } from './NewBoard';

const ROLES: { value: BoardRole; label: string }[] = [
  { value: 'admin', label: 'Admin — settings and members' },
  { value: 'editor', label: 'Editor — edits and moves any card' },
  { value: 'member', label: 'Member — adds cards, edits own' },
  { value: 'viewer', label: 'Viewer — reads, reacts, comments' },
];

export function BoardSettings({ boardId }: { boardId: number }) {
  const toast = useToast();
  const [board, setBoard] = useState<BoardInfo | null>(null);
  const [spaces, setSpaces] = useState<Space[]>([]);
  const [groups, setGroups] = useState<Group[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [form, setForm] = useState<Required<Pick<BoardPatch, 'name' | 'description' | 'visibility' | 'default_role' | 'comments_enabled' | 'group_ids'>> & { space_id: string }>({
    name: '',
    description: '',
    visibility: 'community',
    default_role: 'member',
    comments_enabled: true,
    group_ids: [],
    space_id: '',
  });
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const load = async () => {
    try {
      const read = await api.board(boardId);
      const b = read.board;
      setBoard(b);
      setForm({
        name: b.name,
        description: b.description,
        visibility: b.visibility,
        default_role: b.default_role,
        comments_enabled: b.comments_enabled,
        group_ids: b.group_ids ?? [],
        space_id: b.space_id ? String(b.space_id) : '',
      });
    } catch (e) {
      setError(e as ApiError);
    }
  };

  useEffect(() => {
    void load();
    api.boards().then((l) => setSpaces(l.spaces.map((s) => s.space)), () => undefined);
    api.groups().then((g) => setGroups(g.groups), () => undefined);
  }, [boardId]);

  if (error) {
    return (
      <div class="page page-narrow">
        <h1>{error.status === 404 ? 'Board not found' : 'Settings didn’t load'}</h1>
        <p>{error.message}</p>
        <a class="btn btn-primary" href={paths.home()}>
          Back to your boards
        </a>
      </div>
    );
  }
  if (!board) return <p class="loading">Loading settings…</p>;
  if (board.my_role !== 'admin') {
    return (
      <div class="page page-narrow">
        <h1>Board settings</h1>
        <p>Only the board’s admins can change its settings. Ask one of them if something needs changing.</p>
        <a class="btn btn-primary" href={paths.board(boardId)}>
          Back to the board
        </a>
      </div>
    );
  }

  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm({ ...form, [k]: v });

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setSaveError(null);
    try {
      const patch: BoardPatch = {
        name: form.name.trim(),
        description: form.description,
        visibility: form.visibility,
        default_role: form.default_role,
        comments_enabled: form.comments_enabled,
        space_id: form.space_id ? Number(form.space_id) : null,
      };
      if (form.visibility === 'groups') patch.group_ids = form.group_ids;
      const b = await api.updateBoard(boardId, patch);
      setBoard({ ...board, ...b });
      toast.info('Settings saved.');
    } catch (err) {
      setSaveError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const archive = async (archived: boolean) => {
    try {
      const b = await api.updateBoard(boardId, { archived });
      setBoard({ ...board, ...b });
      toast.info(archived ? 'Board archived. Nobody can change it until it is restored.' : 'Board restored.');
    } catch (err) {
      toast.error((err as Error).message);
    }
  };

  const remove = async () => {
    try {
      await api.deleteBoard(boardId);
      toast.info(`Board “${board.name}” deleted.`);
      navigate(paths.home(), { replace: true });
    } catch (err) {
      toast.error((err as Error).message);
    }
  };

  return (
    <div class="page">
      <div class="page-head">
        <h1>Settings: {board.name}</h1>
        <a class="btn" href={paths.board(boardId)}>
          Back to the board
        </a>
      </div>
      <form class="panel" onSubmit={submit} noValidate aria-labelledby="about-h">
        <h2 id="about-h">About this board</h2>
        {saveError && !saveError.field && (
          <div class="notice notice-error" role="alert">
            {saveError.message}
          </div>
        )}
        <TextField label="Name" name="name" value={form.name} onValue={(v) => set('name', v)} error={fieldError(saveError, 'name')} maxLength={512} />
        <TextArea label="Description" name="description" hint="One or two sentences: what this board is for and who it is for." value={form.description} onValue={(v) => set('description', v)} error={fieldError(saveError, 'description')} rows={3} />
        <SelectField label="Space" name="space_id" value={form.space_id} onValue={(v) => set('space_id', v)} options={[{ value: '', label: 'No space' }, ...spaces.map((s) => ({ value: String(s.id), label: s.name }))]} />
        <VisibilityChoice value={form.visibility} onValue={(v: Visibility) => set('visibility', v)} />
        {form.visibility === 'groups' && (
          <fieldset class="field">
            <legend>Groups that can see it</legend>
            {groups.length === 0 && <p class="muted small">There are no groups yet. A community admin can create them under Admin.</p>}
            {groups.map((g) => (
              <label class="choice" key={g.id}>
                <input
                  type="checkbox"
                  checked={form.group_ids.includes(g.id)}
                  onChange={() => set('group_ids', form.group_ids.includes(g.id) ? form.group_ids.filter((x) => x !== g.id) : [...form.group_ids, g.id])}
                />
                {g.name}
              </label>
            ))}
          </fieldset>
        )}
        <fieldset class="field">
          <legend>What can everyone who sees it do</legend>
          <label class="choice">
            <input type="radio" name="default_role" checked={form.default_role === 'member'} onChange={() => set('default_role', 'member')} />
            <span>
              Post cards and comment
              <small>Good for shared learning and questions.</small>
            </span>
          </label>
          <label class="choice">
            <input type="radio" name="default_role" checked={form.default_role === 'viewer'} onChange={() => set('default_role', 'viewer')} />
            <span>
              Read, react and comment only
              <small>For notices: only the members you add below can post.</small>
            </span>
          </label>
        </fieldset>
        <label class="choice">
          <input type="checkbox" checked={form.comments_enabled} onChange={() => set('comments_enabled', !form.comments_enabled)} />
          <span>
            Allow comments
            <small>Turn off for a read-only noticeboard.</small>
          </span>
        </label>
        <div class="row row-end">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save settings'}
          </button>
        </div>
      </form>
      <BoardMembers boardId={boardId} initial={board.members} />
      <BoardLabels boardId={boardId} />
      <section class="panel" aria-labelledby="archive-h">
        <h2 id="archive-h">Archive or delete</h2>
        <p class="muted">Archiving keeps everything but stops changes; you can restore it any time. Deleting removes the board and all its cards for good.</p>
        <div class="row">
          <button type="button" class="btn" onClick={() => void archive(!board.archived)}>
            {board.archived ? 'Restore board' : 'Archive board'}
          </button>
          <button type="button" class="btn btn-danger" onClick={() => setConfirmDelete(true)}>
            Delete board…
          </button>
        </div>
      </section>
      {confirmDelete && (
        <Dialog title="Delete this board?" onClose={() => setConfirmDelete(false)}>
          <p>
            “{board.name}” and every list, card and comment on it will be deleted. This can’t be undone. Archiving instead keeps it readable.
          </p>
          <div class="row row-end">
            <button type="button" class="btn" onClick={() => setConfirmDelete(false)}>
              Keep it
            </button>
            <button type="button" class="btn btn-danger" onClick={() => void remove()}>
              Delete for good
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}

function BoardMembers({ boardId, initial }: { boardId: number; initial: BoardMember[] }) {
  const toast = useToast();
  const [members, setMembers] = useState<BoardMember[]>(initial);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Member[]>([]);
  const [role, setRole] = useState<BoardRole>('member');

  useEffect(() => {
    api.boardMembers(boardId).then((r) => setMembers(r.members), () => undefined);
  }, [boardId]);

  // Searches as the name is typed; an answer that arrives after a newer keystroke is dropped.
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setFound([]);
      return;
    }
    let live = true;
    api.members(q).then(
      (r) => live && setFound(r.members.slice(0, 20)),
      () => live && setFound([]),
    );
    return () => {
      live = false;
    };
  }, [query]);
  const candidates = found.filter((m) => !members.some((x) => x.id === m.id)).slice(0, 8);

  const setMemberRole = async (m: BoardMember, r: BoardRole) => {
    const before = members;
    setMembers(members.map((x) => (x.id === m.id ? { ...x, role: r } : x)));
    try {
      await api.setBoardMember(boardId, m.id, r);
      toast.info(`${m.display_name} is now ${r === 'admin' ? 'an admin' : `a${r === 'editor' ? 'n' : ''} ${r}`} of this board.`);
    } catch (e) {
      setMembers(before);
      toast.error(`Couldn’t change the role: ${(e as Error).message}`);
    }
  };

  const add = async (m: Member) => {
    try {
      await api.setBoardMember(boardId, m.id, role);
      setMembers([...members, { id: m.id, display_name: m.display_name, role }]);
      setQuery('');
      toast.info(`${m.display_name} added.`);
    } catch (e) {
      toast.error(`Couldn’t add ${m.display_name}: ${(e as Error).message}`);
    }
  };

  const remove = async (m: BoardMember) => {
    const before = members;
    setMembers(members.filter((x) => x.id !== m.id));
    try {
      await api.removeBoardMember(boardId, m.id);
    } catch (e) {
      setMembers(before);
      toast.error(`Couldn’t remove ${m.display_name}: ${(e as Error).message}`);
    }
  };

  return (
    <section class="panel" aria-labelledby="members-h">
      <h2 id="members-h">Members and roles</h2>
      <p class="muted small">People listed here hold their role on this board whatever its visibility. Everyone else who can see it holds the default above.</p>
      {members.length === 0 ? (
        <p class="muted">Nobody has a role of their own yet. Add people below.</p>
      ) : (
        <ul class="table-list">
          {members.map((m) => (
            <li key={m.id}>
              <span class="who">{m.display_name}</span>
              <label for={`role-${m.id}`} class="visually-hidden">
                Role of {m.display_name}
              </label>
              <select id={`role-${m.id}`} value={m.role} onChange={(e) => void setMemberRole(m, (e.target as HTMLSelectElement).value as BoardRole)}>
                {ROLES.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.value[0]!.toUpperCase() + r.value.slice(1)}
                  </option>
                ))}
              </select>
              <button type="button" class="btn btn-quiet btn-small" aria-label={`Remove ${m.display_name} from this board`} onClick={() => void remove(m)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>Add someone</h3>
      <div class="grid-2">
        <TextField label="Find someone by name" name="member-search" hint="Type two letters or more." value={query} onValue={setQuery} autoComplete="off" />
        <SelectField label="Role" name="member-role" value={role} onValue={(v) => setRole(v as BoardRole)} options={ROLES} />
      </div>
      {candidates.length > 0 && (
        <ul class="table-list" aria-label="Matching members">
          {candidates.map((m) => (
            <li key={m.id}>
              <span class="who">
                {m.display_name}
                {m.grade && <span class="muted small"> · {m.grade}</span>}
                {m.site && <span class="muted small"> · {m.site}</span>}
              </span>
              <button type="button" class="btn btn-small" onClick={() => void add(m)}>
                Add as {role}
              </button>
            </li>
          ))}
        </ul>
      )}
      {query.trim().length >= 2 && candidates.length === 0 && <p class="muted small">Nobody matches “{query.trim()}”.</p>}
    </section>
  );
}

function BoardLabels({ boardId }: { boardId: number }) {
  const toast = useToast();
  const [labels, setLabels] = useState<Label[]>([]);
  const [colors, setColors] = useState<string[]>(Object.keys(LABEL_COLORS));
  const [name, setName] = useState('');
  const [color, setColor] = useState('green');

  useEffect(() => {
    api.labels(boardId).then(
      (r) => {
        setLabels(r.labels);
        if (r.colors?.length) setColors(r.colors);
      },
      () => undefined,
    );
  }, [boardId]);

  const add = async (e: Event) => {
    e.preventDefault();
    try {
      const l = await api.createLabel(boardId, name.trim(), color);
      setLabels([...labels, l]);
      setName('');
    } catch (err) {
      toast.error(`Couldn’t add the label: ${(err as Error).message}`);
    }
  };

  const change = async (l: Label, p: { name?: string; color?: string }) => {
    const before = labels;
    setLabels(labels.map((x) => (x.id === l.id ? { ...x, ...p } : x)));
    try {
      await api.updateLabel(l.id, p);
    } catch (err) {
      setLabels(before);
      toast.error(`Couldn’t change the label: ${(err as Error).message}`);
    }
  };

  const remove = async (l: Label) => {
    const before = labels;
    setLabels(labels.filter((x) => x.id !== l.id));
    try {
      await api.deleteLabel(l.id);
    } catch (err) {
      setLabels(before);
      toast.error(`Couldn’t delete the label: ${(err as Error).message}`);
    }
  };

  const colorOptions = colors.map((c) => ({ value: c, label: c[0]!.toUpperCase() + c.slice(1) }));
  return (
    <section class="panel" aria-labelledby="labels-h">
      <h2 id="labels-h">Labels</h2>
      <p class="muted small">Labels sort cards at a glance, such as “Exam”, “Teaching” or “Rota”. Anyone who edits a card can put them on it.</p>
      {labels.length === 0 && <p>No labels yet. Add the first below.</p>}
      <ul class="table-list">
        {labels.map((l) => (
          <li key={l.id}>
            <span class="chip" style={labelColors(l.color)}>
              {l.name || l.color}
            </span>
            <span class="who">
              <label for={`label-name-${l.id}`} class="visually-hidden">
                Name of label {l.name || l.color}
              </label>
              <input id={`label-name-${l.id}`} class="input" value={l.name} maxLength={200} onChange={(e) => void change(l, { name: (e.target as HTMLInputElement).value })} />
            </span>
            <label for={`label-color-${l.id}`} class="visually-hidden">
              Colour of label {l.name || l.color}
            </label>
            <select id={`label-color-${l.id}`} value={l.color} onChange={(e) => void change(l, { color: (e.target as HTMLSelectElement).value })}>
              {colorOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            <button type="button" class="btn btn-quiet btn-small" aria-label={`Delete label ${l.name || l.color}`} onClick={() => void remove(l)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      <form class="grid-2" onSubmit={add}>
        <TextField label="New label" name="label-name" value={name} onValue={setName} maxLength={200} />
        <SelectField label="Colour" name="label-color" value={color} onValue={setColor} options={colorOptions} />
        <div>
          <button type="submit" class="btn">
            Add label
          </button>
        </div>
      </form>
    </section>
  );
}
