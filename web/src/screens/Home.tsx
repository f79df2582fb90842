// Home: the first steps, then my spaces and their boards.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/api';
import { ApiError } from '../api/http';
import type { BoardListing, BoardSummary, FeedItem, OnboardingState, PendingAnnouncement, Space } from '../api/types';
import { formatAgo, plural } from '../lib/format';
import { describeFeedItem, newestId } from '../lib/notify';
import { donePending, setPending } from '../lib/pending';
import { loadProgress, saveProgress, steps } from '../lib/onboarding';
import { FollowSelect } from '../ui/Follow';
import { useToast } from '../ui/toast';
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
      {me && <Announcements />}
      {me && <FirstSteps />}
      {me && <SinceLastVisit />}
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
      <span id="spaces" />
      {listing?.spaces.map(({ space, boards }) => (
        <section class="space" key={space.id} aria-labelledby={`space-${space.id}`}>
          <div class="space-head">
            <h2 id={`space-${space.id}`}>{space.name}</h2>
            {me && <FollowSelect type="spaces" id={space.id} name={space.name} />}
          </div>
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

/** The first-visit checklist: the server's record of the member's first steps when it keeps one. */
function FirstSteps() {
  const { me } = useSession();
  const [progress, setProgress] = useState(() => (me ? loadProgress(me.id) : {}));
  const [server, setServer] = useState<OnboardingState | null>(null);
  useEffect(() => {
    api.onboarding().then(setServer, () => setServer(null));
  }, [me?.grade, me?.site, me?.interests.length]);
  if (!me || progress.dismissed) return null;
  const LINKS: Record<string, { key: 'profile' | 'follow' | 'post'; href?: string }> = {
    complete_profile: { key: 'profile', href: paths.profile() },
    follow_space: { key: 'follow', href: '#spaces' },
    first_post: { key: 'post' },
  };
  const local = steps(me, progress);
  const list = server
    ? server.steps.map((st) => {
        const l = LINKS[st.id];
        const hint = local.find((x) => x.key === l?.key)?.hint ?? '';
        const hintFollow = 'Choose “Watching” or “Normal” beside a space below, or pick interests in your profile.';
        return { key: st.id, label: st.title, done: st.done, href: l?.href, hint: st.id === 'follow_space' ? hintFollow : hint };
      })
    : local.map((x) => ({ key: x.key, label: x.label, done: x.done, href: x.key === 'post' ? undefined : paths.profile(), hint: x.hint }));
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
          <li key={s.key} data-step={s.key} data-done={s.done ? 'yes' : 'no'}>
            <span class={`tick ${s.done ? 'done' : ''}`} aria-hidden="true">
              {s.done ? '✓' : ''}
            </span>
            <span class="spacer">
              {s.done || !s.href ? s.label : <a href={s.href} data-native={s.href.startsWith('#') ? '' : undefined}>{s.label}</a>}
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

/** Announcements to me, pinned here until I acknowledge each. */
function Announcements() {
  const toast = useToast();
  const [items, setItems] = useState<PendingAnnouncement[]>([]);
  useEffect(() => {
    api.myAnnouncements().then(
      (r) => {
        setItems(r.announcements);
        setPending(r.announcements.map((a) => a.card.id));
        // Shown on home counts as seen (the organiser's reach says so).
        for (const a of r.announcements) if (!a.seen) void api.announcementSeen(a.card.id).catch(() => undefined);
      },
      () => setItems([]),
    );
  }, []);
  if (items.length === 0) return null;
  const acknowledge = async (a: PendingAnnouncement) => {
    setItems((list) => list.filter((x) => x.card.id !== a.card.id));
    try {
      await api.acknowledge(a.card.id);
      donePending(a.card.id);
      toast.info(`Acknowledged “${a.card.title}”.`);
    } catch (e) {
      setItems((list) => [a, ...list]);
      toast.error(`Couldn’t acknowledge it: ${(e as Error).message}`);
    }
  };
  return (
    <section class="panel announcements" aria-labelledby="announcements-h">
      <h2 id="announcements-h">Announcements for you</h2>
      <ul>
        {items.map((a) => (
          <li key={a.card.id} class="announcement">
            <div class="spacer">
              <a href={paths.card(a.board.id, a.card.id)}>
                <strong>{a.card.title}</strong>
              </a>
              <span class="muted small">
                {' '}
                · {a.board.name}
                {a.announced_by && ` · from ${a.announced_by.display_name}`} · <time dateTime={a.announced_at}>{formatAgo(a.announced_at)}</time>
              </span>
            </div>
            <button type="button" class="btn btn-primary btn-small" aria-label={`Acknowledge “${a.card.title}”`} onClick={() => void acknowledge(a)}>
              Acknowledge
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** New cards and comments where I follow, since I last said "Mark all seen". */
function SinceLastVisit() {
  const toast = useToast();
  const [items, setItems] = useState<FeedItem[] | null>(null);
  const [unseen, setUnseen] = useState(0);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api.feed().then(
      (p) => {
        setItems(p.items.filter((i) => i.unseen));
        setUnseen(p.unseen);
      },
      () => setFailed(true),
    );
  }, []);
  if (failed || !items) return null;
  const markSeen = async () => {
    const before = items;
    setItems([]);
    setUnseen(0);
    try {
      await api.feedSeen(newestId(before));
    } catch (e) {
      setItems(before);
      toast.error(`Couldn’t mark them seen: ${(e as Error).message}`);
    }
  };
  const shown = items.slice(0, 5);
  return (
    <section class="panel feed-strip" aria-labelledby="feed-h">
      <div class="row">
        <h2 id="feed-h" class="spacer">
          New since your last visit
        </h2>
        {items.length > 0 && (
          <button type="button" class="btn btn-small" onClick={() => void markSeen()}>
            Mark all seen
          </button>
        )}
      </div>
      {items.length === 0 ? (
        <p class="muted small">Nothing new where you follow. Follow a space below to hear of its new cards.</p>
      ) : (
        <>
          <ul class="feed-list">
            {shown.map((f) => (
              <li key={f.activity_id}>
                <a href={paths.card(f.board.id, f.card.id)}>{describeFeedItem(f)}</a>
                <span class="muted small">
                  {' '}
                  · {f.board.name} · <time dateTime={f.at}>{formatAgo(f.at)}</time>
                </span>
              </li>
            ))}
          </ul>
          {unseen > shown.length && <p class="muted small">and {plural(unseen - shown.length, 'more item')}</p>}
        </>
      )}
    </section>
  );
}
