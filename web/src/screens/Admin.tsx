// Community admin: members and their roles, new members, and groups.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/api';
import { ApiError } from '../api/http';
import type { Group, Member, Role, Space } from '../api/types';
import { useSession } from '../session';
import { fieldError, SelectField, TextField } from '../ui/Field';
import { useToast } from '../ui/toast';

const ROLES: { value: Role; label: string }[] = [
  { value: 'admin', label: 'Admin' },
  { value: 'trainer', label: 'Trainer' },
  { value: 'trainee', label: 'Trainee' },
  { value: 'guest', label: 'Guest' },
];

export function Admin() {
  const { me } = useSession();
  if (me?.role !== 'admin') {
    return (
      <div class="page page-narrow">
        <h1>Admin</h1>
        <p>Only community admins can manage members and groups.</p>
      </div>
    );
  }
  return (
    <div class="page">
      <h1>Admin</h1>
      <Lazy load={() => import('./Invitations').then((m) => m.Invitations)} />
      <Members />
      <Groups />
      <Spaces />
      <Lazy load={() => import('./ImportTrello').then((m) => m.ImportTrello)} />
    </div>
  );
}

/** A part of the page fetched when first shown (kept out of the first load). */
function Lazy({ load }: { load: () => Promise<() => JSX.Element | null> }) {
  const [C, setC] = useState<(() => JSX.Element | null) | null>(null);
  useEffect(() => {
    let live = true;
    load().then((c) => live && setC(() => c), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return C ? <C /> : null;
}

function Members() {
  const toast = useToast();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.members().then((r) => setMembers(r.members), (e: Error) => setError(e.message));
  }, []);

  const setRole = async (m: Member, role: Role) => {
    const before = members;
    setMembers(members!.map((x) => (x.id === m.id ? { ...x, role } : x)));
    try {
      await api.updateMember(m.id, { role });
      toast.info(`${m.display_name} is now ${role === 'admin' ? 'an admin' : `a ${role}`}.`);
    } catch (e) {
      setMembers(before);
      toast.error(`Couldn’t change ${m.display_name}’s role: ${(e as Error).message}`);
    }
  };

  const shown = (members ?? []).filter((m) => !filter || m.display_name.toLowerCase().includes(filter.toLowerCase()) || (m.email ?? '').toLowerCase().includes(filter.toLowerCase()));
  return (
    <section class="panel" aria-labelledby="members-h">
      <h2 id="members-h">Members</h2>
      {error && <div class="notice notice-error" role="alert">{error}</div>}
      <NewMember onCreated={(m) => setMembers([...(members ?? []), m])} />
      <TextField label="Find a member" name="member-filter" value={filter} onValue={setFilter} autoComplete="off" />
      {!members && !error && <p class="loading">Loading members…</p>}
      <ul class="table-list">
        {shown.map((m) => (
          <li key={m.id}>
            <span class="who">
              <strong>{m.display_name}</strong>
              <span class="muted small">
                {' '}
                {[m.email, m.grade, m.site].filter(Boolean).join(' · ')}
                {m.deactivated && ' · deactivated'}
              </span>
            </span>
            <label for={`mrole-${m.id}`} class="visually-hidden">
              Community role of {m.display_name}
            </label>
            <select id={`mrole-${m.id}`} value={m.role} onChange={(e) => void setRole(m, (e.target as HTMLSelectElement).value as Role)}>
              {ROLES.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
    </section>
  );
}

function NewMember({ onCreated }: { onCreated: (m: Member) => void }) {
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('trainee');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  if (!open)
    return (
      <p>
        <button type="button" class="btn btn-primary" onClick={() => setOpen(true)}>
          Add a member
        </button>
      </p>
    );
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const m = await api.createMember({ email: email.trim(), display_name: name.trim(), role, ...(password ? { password } : {}) });
      onCreated(m);
      toast.info(`${m.display_name} added. Give them their email and password to sign in.`);
      setOpen(false);
      setName('');
      setEmail('');
      setPassword('');
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <form class="panel" onSubmit={submit} noValidate aria-labelledby="new-member-h">
      <h3 id="new-member-h">Add a member</h3>
      {error && !error.field && <div class="notice notice-error" role="alert">{error.message}</div>}
      <div class="grid-2">
        <TextField label="Name" name="new-name" value={name} onValue={setName} error={fieldError(error, 'display_name')} />
        <TextField label="Email" name="new-email" type="email" value={email} onValue={setEmail} error={fieldError(error, 'email')} />
        <SelectField label="Role" name="new-role" value={role} onValue={(v) => setRole(v as Role)} options={ROLES} />
        <TextField label="First password" name="new-password" type="password" autoComplete="new-password" hint="At least 10 characters; they can change it." value={password} onValue={setPassword} error={fieldError(error, 'password')} />
      </div>
      <div class="row row-end">
        <button type="button" class="btn" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <button type="submit" class="btn btn-primary">
          Add member
        </button>
      </div>
    </form>
  );
}

function Groups() {
  const toast = useToast();
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    api.groups().then((r) => setGroups(r.groups), (e: ApiError) => setError(e));
  }, []);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const g = await api.createGroup(name.trim());
      setGroups([...(groups ?? []), g]);
      setName('');
      toast.info(`Group “${g.name}” created.`);
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <section class="panel" aria-labelledby="groups-h">
      <h2 id="groups-h">Groups</h2>
      <p class="muted small">Groups such as “ST1–3”, “Trainers” or “Neonatal interest” can be given access to boards.</p>
      {groups && groups.length === 0 && <p>No groups yet. Create the first one below.</p>}
      {groups && groups.length > 0 && (
        <ul class="table-list">
          {groups.map((g) => (
            <li key={g.id}>
              <span class="who">
                <strong>{g.name}</strong> <span class="muted small">· {g.member_count} {g.member_count === 1 ? 'member' : 'members'}</span>
              </span>
              <button type="button" class="btn btn-small" aria-expanded={open === g.id} onClick={() => setOpen(open === g.id ? null : g.id)}>
                {open === g.id ? 'Close' : 'Members'}
                <span class="visually-hidden"> of {g.name}</span>
              </button>
              {open === g.id && (
                <GroupMembers
                  group={g}
                  onCount={(n) => setGroups((gs) => (gs ?? []).map((x) => (x.id === g.id ? { ...x, member_count: n } : x)))}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate class="row">
        <div class="spacer">
          <TextField label="New group name" name="group-name" value={name} onValue={setName} error={fieldError(error, 'name') ?? (error && !error.field ? error.message : undefined)} />
        </div>
        <button type="submit" class="btn btn-primary" disabled={!name.trim()}>
          Create group
        </button>
      </form>
    </section>
  );
}

function GroupMembers({ group, onCount }: { group: Group; onCount: (n: number) => void }) {
  const toast = useToast();
  const [members, setMembers] = useState<{ id: number; display_name: string }[] | null>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Member[]>([]);

  useEffect(() => {
    api.group(group.id).then((g) => setMembers(g.members), (e: Error) => toast.error(e.message));
  }, [group.id]);

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
  const candidates = found.filter((m) => !(members ?? []).some((x) => x.id === m.id)).slice(0, 8);

  const add = async (m: Member) => {
    try {
      await api.addGroupMember(group.id, m.id);
      const next = [...(members ?? []), { id: m.id, display_name: m.display_name }];
      setMembers(next);
      onCount(next.length);
      setQuery('');
    } catch (e) {
      toast.error(`Couldn’t add ${m.display_name}: ${(e as Error).message}`);
    }
  };

  const remove = async (m: { id: number; display_name: string }) => {
    try {
      await api.removeGroupMember(group.id, m.id);
      const next = (members ?? []).filter((x) => x.id !== m.id);
      setMembers(next);
      onCount(next.length);
    } catch (e) {
      toast.error(`Couldn’t remove ${m.display_name}: ${(e as Error).message}`);
    }
  };

  return (
    <div class="group-members">
      {!members && <p class="loading">Loading…</p>}
      {members && members.length === 0 && <p class="muted small">Nobody in this group yet.</p>}
      {members && members.length > 0 && (
        <ul class="table-list" aria-label={`Members of ${group.name}`}>
          {members.map((m) => (
            <li key={m.id}>
              <span class="who">{m.display_name}</span>
              <button type="button" class="btn btn-quiet btn-small" aria-label={`Remove ${m.display_name} from ${group.name}`} onClick={() => void remove(m)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <TextField label={`Add someone to ${group.name}`} name={`group-add-${group.id}`} hint="Type two letters or more of their name." value={query} onValue={setQuery} autoComplete="off" />
      {candidates.length > 0 && (
        <ul class="table-list">
          {candidates.map((m) => (
            <li key={m.id}>
              <span class="who">{m.display_name}</span>
              <button type="button" class="btn btn-small" onClick={() => void add(m)}>
                Add
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Spaces() {
  const toast = useToast();
  const [spaces, setSpaces] = useState<Space[] | null>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    api.spaces().then((r) => setSpaces(r.spaces), (e: ApiError) => setError(e));
  }, []);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const sp = await api.createSpace(name.trim(), description.trim());
      setSpaces([...(spaces ?? []), sp]);
      setName('');
      setDescription('');
      toast.info(`Space “${sp.name}” created. Boards can now be put in it.`);
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <section class="panel" aria-labelledby="spaces-h">
      <h2 id="spaces-h">Spaces</h2>
      <p class="muted small">Spaces group boards by theme, such as “Deanery office”, “Neonatology” or a conference. Members can follow a space.</p>
      {spaces && spaces.length === 0 && <p>No spaces yet. Create the first one below.</p>}
      {spaces && spaces.length > 0 && (
        <ul class="table-list">
          {spaces.map((sp) => (
            <li key={sp.id}>
              <span class="who">
                <strong>{sp.name}</strong>
                {sp.description && <span class="muted small"> · {sp.description}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        {error && !error.field && <div class="notice notice-error" role="alert">{error.message}</div>}
        <div class="grid-2">
          <TextField label="New space name" name="space-name" value={name} onValue={setName} error={fieldError(error, 'name')} />
          <TextField label="Description" name="space-description" value={description} onValue={setDescription} error={fieldError(error, 'description')} />
        </div>
        <button type="submit" class="btn btn-primary" disabled={!name.trim()}>
          Create space
        </button>
      </form>
    </section>
  );
}
