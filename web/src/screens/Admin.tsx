// Community admin: members and their roles, new members, and groups.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/api';
import { ApiError } from '../api/http';
import type { Group, Member, Role } from '../api/types';
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
      <Members />
      <Groups />
    </div>
  );
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
