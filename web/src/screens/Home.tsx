// Home: the first steps, then my spaces and their boards.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/api';
import { ApiError } from '../api/http';
import type { BoardListing, BoardSummary, Space } from '../api/types';
import { plural } from '../lib/format';
import { loadProgress, saveProgress, steps } from '../lib/onboarding';
import { paths } from '../lib/router';
import { useSession } from '../session';
import { Empty } from '../ui/Empty';
import { NewBoardDialog } from './NewBoard';

const VIS_TEXT = { public: 'Public', community: 'Community', groups: 'Groups', private: 'Private' };

export function Home() {
  const { me } = useSession();
  const [listing, setListing] = useState<BoardListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState<{ spaceId: number | null } | null>(null);
  const [allSpaces, setAllSpaces] = useState<Space[] | null>(null);
  useEffect(() => {
    if (creating && !allSpaces) api.spaces().then((r) => setAllSpaces(r.spaces), () => setAllSpaces([]));
  }, [creating]);

  const load = () => {
    setError(null);
    api
      .boards()
      .then(setListing)
      .catch((e: ApiError) => setError(e.message));
  };
  useEffect(load, []);

  const canCreate = me !== null && me.role !== 'guest';
  const spaces: Space[] = listing?.spaces.map((s) => s.space) ?? [];
  const total = listing ? listing.spaces.reduce((n, s) => n + s.boards.length, 0) + listing.boards_without_space.length : 0;

  return (
    <div class="page">
      <div class="page-head">
        <h1>Your boards</h1>
        {canCreate && total > 0 && (
          <button type="button" class="btn btn-primary" onClick={() => setCreating({ spaceId: null })}>
            New board
          </button>
        )}
      </div>
      {me && <FirstSteps />}
      {error && (
        <div class="notice notice-error" role="alert">
          <p>{error}</p>
          <button type="button" class="btn" onClick={load}>
            Try again
          </button>
        </div>
      )}
      {!listing && !error && <p class="loading">Loading your boards…</p>}
      {listing && total === 0 && (
        <Empty
          title="No boards yet"
          action={
            canCreate ? (
              <button type="button" class="btn btn-primary" onClick={() => setCreating({ spaceId: null })}>
                Create your first board
              </button>
            ) : undefined
          }
        >
          {canCreate
            ? 'A board holds lists of cards: notices, teaching days, resources. Start one for your rota, your teaching, or just for you.'
            : 'Boards shared with you will appear here. Ask your programme organiser to add you to one.'}
        </Empty>
      )}
      {listing?.spaces.map(({ space, boards }) => (
        <section class="space" key={space.id} aria-labelledby={`space-${space.id}`}>
          <h2 id={`space-${space.id}`}>{space.name}</h2>
          {space.description && <p class="muted small">{space.description}</p>}
          <BoardGrid boards={boards} />
        </section>
      ))}
      {listing && listing.boards_without_space.length > 0 && (
        <section class="space" aria-labelledby="space-none">
          <h2 id="space-none">{listing.spaces.length ? 'Other boards' : 'Boards'}</h2>
          <BoardGrid boards={listing.boards_without_space} />
        </section>
      )}
      {creating && <NewBoardDialog spaces={allSpaces?.length ? allSpaces : spaces} spaceId={creating.spaceId} onClose={() => setCreating(null)} />}
    </div>
  );
}

function BoardGrid({ boards }: { boards: BoardSummary[] }) {
  if (boards.length === 0) return <p class="muted">No boards in this space yet.</p>;
  return (
    <ul class="board-grid">
      {boards.map((b) => (
        <li key={b.id}>
          <a class="board-tile" href={paths.board(b.id)}>
            <strong>{b.name}</strong>
            <span>
              {VIS_TEXT[b.visibility]}
              {b.card_count !== undefined && ` · ${plural(b.card_count, 'card')}`}
              {b.archived && ' · archived'}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

function FirstSteps() {
  const { me } = useSession();
  const [progress, setProgress] = useState(() => (me ? loadProgress(me.id) : {}));
  if (!me || progress.dismissed) return null;
  const list = steps(me, progress);
  const done = list.filter((s) => s.done).length;
  const dismiss = () => {
    const p = { ...progress, dismissed: true };
    saveProgress(me.id, p);
    setProgress(p);
  };
  return (
    <section class="panel checklist-intro" aria-labelledby="first-steps">
      <div class="row">
        <h2 id="first-steps" class="spacer">
          {done === list.length ? 'You’re all set' : 'Get started'}
        </h2>
        <span class="muted small">
          {done} of {list.length} done
        </span>
      </div>
      <ol>
        {list.map((s) => (
          <li key={s.key}>
            <span class={`tick ${s.done ? 'done' : ''}`} aria-hidden="true">
              {s.done ? '✓' : ''}
            </span>
            <span class="spacer">
              {s.key === 'post' || s.done ? s.label : <a href={paths.profile()}>{s.label}</a>}
              <span class="visually-hidden">{s.done ? ' (done)' : ' (not done yet)'}</span>
              {!s.done && <span class="muted small"> — {s.hint}</span>}
            </span>
          </li>
        ))}
      </ol>
      <div class="row row-end">
        <button type="button" class="btn btn-quiet btn-small" onClick={dismiss}>
          {done === list.length ? 'Close' : 'Hide this'}
        </button>
      </div>
    </section>
  );
}
