// A board: lists as columns (one list per screen on a phone, with tabs and swipe), cards that
// drag with mouse and touch or move by keyboard, and the card sheet over it.
import type { RefObject } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../api/api';
import { ApiError } from '../api/http';
import type { Card, CardSummary, Label, MemberRef } from '../api/types';
import { abilities, appendCard, removeCard, toBoardView, updateCard, type BoardView, type ListView } from '../lib/board';
import { labelColors } from '../lib/colors';
import { dueState, formatWhen, plural } from '../lib/format';
import { applyEvent, type LiveEvent } from '../lib/liveboard';
import { liveSocket, type LiveStatus } from '../lib/livesocket';
import { notePosted } from '../lib/onboarding';
import { fillIn, FIRST_CARDS, listsInView, nextCount } from '../lib/fillin';
import { moveCard, moveList } from '../lib/order';
import { navigate, paths } from '../lib/router';
import { useSession } from '../session';
import { Empty } from '../ui/Empty';
import { FollowSelect } from '../ui/Follow';
import { Icon } from '../ui/Icon';
import { Menu } from '../ui/Menu';
import { memo } from '../ui/memo';
import { useToast } from '../ui/toast';
import { CardSheet } from './CardSheet';

import type SortableType from 'sortablejs';
type SortableInstance = SortableType;
const loadSortable = () => import('sortablejs') as unknown as Promise<{ default: typeof SortableType }>;

let tempId = -1;

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

export function BoardScreen({ boardId, cardId }: { boardId: number; cardId?: number | undefined }) {
  const { me } = useSession();
  const toast = useToast();
  const [view, setView] = useState<BoardView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const viewRef = useRef<BoardView | null>(null);
  viewRef.current = view;

  // The read the view was built from: a revalidation answered 304 gives the very same object,
  // and nothing on the server changed since, so the board (500 cards) is not rebuilt.
  const lastRead = useRef<unknown>(null);
  const load = useCallback(
    async (opts: { quiet?: boolean } = {}) => {
      try {
        const read = await api.board(boardId, { archived: showArchived });
        if (read === lastRead.current && viewRef.current) return setError(null);
        lastRead.current = read;
        setView(toBoardView(read));
        setError(null);
      } catch (e) {
        if (!opts.quiet) setError(e as ApiError);
      }
    },
    [boardId, showArchived],
  );
  useEffect(() => {
    void load();
  }, [load]);

  // Live: others' changes arrive over the socket and are applied where they can be; what an
  // event does not carry comes from one (ETag-revalidated) board read, a moment later.
  const [liveStatus, setLiveStatus] = useState<LiveStatus>('connecting');
  const [cardTick, setCardTick] = useState<{ cardId: number; n: number; by: string | null } | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const archivedRef = useRef(showArchived);
  archivedRef.current = showArchived;
  const meId = me?.id;
  // The board is followed on the tab's socket once it shows (the socket is not needed to read
  // it), from the activity id the read reflects when the server gives one.
  const loaded = view !== null;
  useEffect(() => {
    const socket = liveSocket();
    if (!socket || !loaded) return;
    let refetch: ReturnType<typeof setTimeout> | undefined;
    let everLive = false;
    const refetchSoon = (ms = 250) => {
      clearTimeout(refetch);
      refetch = setTimeout(() => void loadRef.current({ quiet: true }), ms);
    };
    const live = socket.board(
      boardId,
      {
      onEvent: (ev: LiveEvent) => {
        if (meId !== undefined && ev.actor?.id === meId) {
          // My own change is on screen already (from this tab); another tab of mine shows it
          // after a read, which also avoids racing this tab's pending writes.
          refetchSoon(1500);
          return;
        }
        const v = viewRef.current;
        if (!v) return refetchSoon();
        const r = applyEvent(v, ev, { showArchived: archivedRef.current });
        if (r.view !== v) {
          viewRef.current = r.view;
          setView(r.view);
        }
        if (r.refetch) refetchSoon();
        if (r.cardId !== null) setCardTick((t) => ({ cardId: r.cardId!, n: (t?.n ?? 0) + 1, by: ev.actor?.display_name ?? null }));
      },
      onReload: () => refetchSoon(0),
      onSubscribed: (fresh) => {
        // Without a known starting point the read may predate the subscription: read once
        // more (a 304 when nothing changed) so nothing falls between.
        if (fresh) refetchSoon(0);
      },
      // "Offline" only once it has been live: a server without the socket says nothing.
      onStatus: (st) => {
        if (st === 'live') everLive = true;
        setLiveStatus(everLive ? st : 'connecting');
      },
      },
      viewRef.current?.board.last_activity_id,
    );
    // Signed in, the app keeps the socket open; anonymous, a public board opens it.
    socket.start();
    return () => {
      clearTimeout(refetch);
      live.stop();
    };
  }, [boardId, meId, loaded]);

  useEffect(() => {
    if (view) document.title = `${view.board.name} · Village`;
    return () => {
      document.title = 'Village';
    };
  }, [view?.board.name]);

  /** Applies a change at once; if the server refuses, puts the board back and says why. */
  const optimistic = useCallback(
    async <T,>(change: (v: BoardView) => BoardView, call: () => Promise<T>, what: string): Promise<T | undefined> => {
      const before = viewRef.current;
      if (!before) return undefined;
      const after = change(before);
      viewRef.current = after;
      setView(after);
      try {
        return await call();
      } catch (e) {
        viewRef.current = before;
        setView(before);
        toast.error(`${what}: ${(e as Error).message}`);
        void load({ quiet: true });
        return undefined;
      }
    },
    [toast, load],
  );

  const moveCardTo = useCallback(
    (cardId: number, listId: number, index: number, announce = false) => {
      const v = viewRef.current;
      if (!v) return;
      const m = moveCard(v.lists, cardId, listId, index);
      if (!m) return;
      const card = v.lists.flatMap((l) => l.cards).find((c) => c.id === cardId)!;
      const from = v.lists.find((l) => l.cards.some((c) => c.id === cardId))!;
      if (from.id === listId && from.cards.findIndex((c) => c.id === cardId) === m.index) return;
      const list = v.lists.find((l) => l.id === listId)!;
      void optimistic(
        (b) => ({ ...b, lists: m.lists.map((l) => (l.id === listId ? { ...l, cards: l.cards.map((c) => (c.id === cardId ? { ...c, list_id: listId } : c)) } : l)) }),
        () => api.updateCard(cardId, { list_id: listId, ...m.anchor }),
        'Couldn’t move the card',
      ).then((res) => {
        if (res && announce) toast.info(`Moved “${card.title}” to ${list.name}, position ${m.index + 1} of ${m.lists.find((l) => l.id === listId)!.cards.length}.`);
      });
    },
    [optimistic, toast],
  );

  const moveListTo = useCallback(
    (listId: number, index: number) => {
      const v = viewRef.current;
      if (!v) return;
      const m = moveList(v.lists, listId, index);
      if (v.lists.findIndex((l) => l.id === listId) === m.index) return;
      void optimistic((b) => ({ ...b, lists: m.lists }), () => api.updateList(listId, m.anchor), 'Couldn’t move the list');
    },
    [optimistic],
  );

  const addCard = useCallback(
    async (listId: number, title: string) => {
      const id = tempId--;
      const temp: CardSummary = {
        id,
        list_id: listId,
        title,
        position: '',
        label_ids: [],
        start_at: null,
        due_at: null,
        due_complete: false,
        location: null,
        pinned: false,
        cover_url: null,
        comment_count: 0,
        checklist: { done: 0, total: 0 },
        assignee_ids: [],
        author_id: me?.id ?? null,
        archived: false,
      };
      const created = await optimistic((b) => appendCard(b, temp), () => api.createCard(listId, title), 'Couldn’t add the card');
      if (created) {
        notePosted(me?.id);
        setView((b) => (b ? { ...b, lists: b.lists.map((l) => (l.id === listId ? { ...l, cards: l.cards.map((c) => (c.id === id ? summaryOf(created, c) : c)) } : l)) } : b));
      }
      return Boolean(created);
    },
    [optimistic, me?.id],
  );

  const addList = useCallback(
    async (name: string) => {
      const id = tempId--;
      const created = await optimistic(
        (b) => ({ ...b, lists: [...b.lists, { id, name, position: '\uffff', archived: false, cards: [] }] }),
        () => api.createList(boardId, name),
        'Couldn’t add the list',
      );
      if (created) setView((b) => (b ? { ...b, lists: b.lists.map((l) => (l.id === id ? { ...l, ...created, cards: l.cards } : l)) } : b));
      return Boolean(created);
    },
    [optimistic, boardId],
  );

  const renameList = useCallback(
    (listId: number, name: string) =>
      optimistic((b) => ({ ...b, lists: b.lists.map((l) => (l.id === listId ? { ...l, name } : l)) }), () => api.updateList(listId, { name }), 'Couldn’t rename the list'),
    [optimistic],
  );

  const archiveList = useCallback(async (list: ListView, archived: boolean) => {
    const ok = await optimistic(
      (b) => ({ ...b, lists: showArchived ? b.lists.map((l) => (l.id === list.id ? { ...l, archived } : l)) : b.lists.filter((l) => l.id !== list.id) }),
      () => api.updateList(list.id, { archived }),
      archived ? 'Couldn’t archive the list' : 'Couldn’t restore the list',
    );
    if (ok && archived)
      toast.info(`List “${list.name}” archived.`, {
        label: 'Undo',
        run: () => void api.updateList(list.id, { archived: false }).then(() => load({ quiet: true }), (e: Error) => toast.error(`Couldn’t restore the list: ${e.message}`)),
      });
    if (ok && !archived) void load({ quiet: true });
  }, [optimistic, showArchived, toast, load]);

  const onCardChanged = useCallback(
    (card: Card | null, removedId?: number) => {
      if (removedId !== undefined) {
        setView((b) => (b ? removeCard(b, removedId) : b));
        return;
      }
      if (!card) return;
      setView((b) => {
        if (!b) return b;
        if (card.archived && !showArchived) return removeCard(b, card.id);
        const inView = b.lists.some((l) => l.cards.some((c) => c.id === card.id));
        if (!inView) return b.lists.some((l) => l.id === card.list_id) ? appendCard(b, summaryOf(card)) : b;
        const current = b.lists.find((l) => l.cards.some((c) => c.id === card.id))!;
        if (current.id !== card.list_id) return appendCard(removeCard(b, card.id), summaryOf(card));
        return updateCard(b, summaryOf(card));
      });
    },
    [showArchived],
  );

  if (error) {
    return (
      <div class="page page-narrow">
        <h1>{error.status === 404 ? 'Board not found' : 'This board didn’t load'}</h1>
        <p>{error.status === 404 ? 'It may have been deleted, or it isn’t shared with you.' : error.message}</p>
        <div class="row">
          {error.status === 401 || (!me && error.status === 404) ? (
            <a class="btn btn-primary" href={paths.signin(location.pathname)}>
              Sign in
            </a>
          ) : error.status === 404 ? (
            <a class="btn btn-primary" href={paths.home()}>
              Back to your boards
            </a>
          ) : (
            <button type="button" class="btn btn-primary" onClick={() => void load()}>
              Try again
            </button>
          )}
        </div>
      </div>
    );
  }
  if (!view) return <p class="loading">Loading board…</p>;

  return (
    <BoardBody
      view={view}
      cardId={cardId}
      showArchived={showArchived}
      setShowArchived={setShowArchived}
      moveCardTo={moveCardTo}
      moveListTo={moveListTo}
      addCard={addCard}
      addList={addList}
      renameList={renameList}
      archiveList={archiveList}
      onCardChanged={onCardChanged}
      reload={() => load({ quiet: true })}
      liveStatus={liveStatus}
      cardTick={cardTick}
    />
  );
}

/** Starts a download of a file the server names (Content-Disposition: attachment). */
function download(url: string) {
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  a.dataset.native = '';
  document.body.append(a);
  a.click();
  a.remove();
}

/** The board's summary of a card, from the full card the card endpoints answer with. */
export function summaryOf(card: Card, prev?: CardSummary): CardSummary {
  const items = card.checklists.flatMap((c) => c.items);
  return {
    id: card.id,
    list_id: card.list_id,
    title: card.title,
    position: card.position ?? prev?.position ?? '',
    label_ids: card.labels.map((l) => l.id),
    start_at: card.start_at,
    due_at: card.due_at,
    due_complete: card.due_complete,
    location: card.location,
    pinned: card.pinned,
    cover_url: card.cover_url,
    comment_count: card.comments.total,
    checklist: { done: items.filter((i) => i.done).length, total: items.length },
    assignee_ids: card.assignees.map((a) => a.id),
    author_id: card.author?.id ?? prev?.author_id ?? null,
    archived: card.archived,
  };
}

interface BodyProps {
  view: BoardView;
  cardId: number | undefined;
  showArchived: boolean;
  setShowArchived: (v: boolean) => void;
  moveCardTo: (cardId: number, listId: number, index: number, announce?: boolean) => void;
  moveListTo: (listId: number, index: number) => void;
  addCard: (listId: number, title: string) => Promise<boolean>;
  addList: (name: string) => Promise<boolean>;
  renameList: (listId: number, name: string) => Promise<unknown>;
  archiveList: (list: ListView, archived: boolean) => Promise<void>;
  onCardChanged: (card: Card | null, removedId?: number) => void;
  reload: () => Promise<void>;
  liveStatus: LiveStatus;
  cardTick: { cardId: number; n: number; by: string | null } | null;
}

function BoardBody(p: BodyProps) {
  const { me } = useSession();
  const { board, lists } = p.view;
  const can = useMemo(() => abilities(board.my_role, board.comments_enabled), [board.my_role, board.comments_enabled]);
  const listsRef = useRef(lists);
  listsRef.current = lists;
  const columns = useRef<HTMLDivElement>(null);
  const [current, setCurrent] = useState(0);
  const dragging = useRef(false);
  const labels = useMemo(() => new Map(board.labels.map((l) => [l.id, l])), [board.labels]);
  const people = useMemo(() => new Map(board.members.map((m) => [m.id, m])), [board.members]);
  const newListInput = useRef<HTMLInputElement>(null);
  const [hintSeen, setHintSeen] = useState(() => {
    try {
      return localStorage.getItem('village.tip.drag') === '1';
    } catch {
      return false;
    }
  });

  // Which list fills the screen on a phone: follows the horizontal scroll.
  const onScroll = () => {
    const el = columns.current;
    if (!el) return;
    const first = el.querySelector<HTMLElement>('.column');
    if (!first) return;
    const w = first.offsetWidth + 12;
    setCurrent(Math.max(0, Math.min(lists.length - 1, Math.round(el.scrollLeft / w))));
  };

  const showList = (index: number) => {
    const el = columns.current;
    const col = el?.querySelectorAll<HTMLElement>('.column')[index];
    if (!el || !col) return;
    el.scrollTo({ left: col.offsetLeft - el.offsetLeft - 12, behavior: reducedMotion() ? 'auto' : 'smooth' });
    setCurrent(index);
  };

  const showListRef = useRef(showList);
  showListRef.current = showList;

  // Drag and drop with SortableJS, loaded after the board shows (it is not needed to read).
  const listKey = lists.map((l) => l.id).join(',');
  useLayoutEffect(() => {
    if (!can.addCards && !can.editLists) return;
    let instances: SortableInstance[] = [];
    let cancelled = false;
    let stopTabHover: (() => void) | undefined;
    // On a phone only one list shows: holding a dragged card over a list's tab opens that list,
    // so the card can be dropped into it.
    const watchTabHover = () => {
      let tab: Element | null = null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const move = (e: PointerEvent | TouchEvent) => {
        const pt = 'touches' in e ? e.touches[0] : e;
        if (!pt) return;
        const over = document.elementFromPoint(pt.clientX, pt.clientY)?.closest('.list-tab') ?? null;
        if (over === tab) return;
        tab = over;
        clearTimeout(timer);
        if (over) {
          const i = [...(over.parentElement?.children ?? [])].indexOf(over);
          timer = setTimeout(() => showListRef.current(i), 350);
        }
      };
      document.addEventListener('pointermove', move, { passive: true });
      document.addEventListener('touchmove', move, { passive: true });
      return () => {
        clearTimeout(timer);
        document.removeEventListener('pointermove', move);
        document.removeEventListener('touchmove', move);
      };
    };
    void loadSortable().then(({ default: Sortable }) => {
      if (cancelled || !columns.current) return;
      const common = {
        animation: reducedMotion() ? 0 : 150,
        forceFallback: true,
        fallbackOnBody: true,
        delayOnTouchOnly: true,
        delay: 220,
        touchStartThreshold: 6,
        scroll: true,
        bubbleScroll: true,
        scrollSensitivity: 60,
        onStart: () => {
          dragging.current = true;
          stopTabHover = watchTabHover();
        },
        onUnchoose: () => {
          stopTabHover?.();
          stopTabHover = undefined;
        },
      };
      const revert = (item: HTMLElement, from: HTMLElement, oldIndex: number) => {
        item.remove();
        from.insertBefore(item, from.children[oldIndex] ?? null);
      };
      if (can.addCards) {
        for (const ol of columns.current.querySelectorAll<HTMLElement>('ol.cards')) {
          instances.push(
            Sortable.create(ol, {
              ...common,
              group: 'cards',
              draggable: 'li[data-id]',
              onEnd: (evt) => {
                setTimeout(() => (dragging.current = false), 50);
                const id = Number(evt.item.dataset.id);
                const toList = Number((evt.to as HTMLElement).dataset.listId);
                const index = evt.newDraggableIndex ?? evt.newIndex ?? 0;
                const moved = evt.from !== evt.to || evt.oldIndex !== evt.newIndex;
                if (moved) revert(evt.item, evt.from, evt.oldIndex ?? 0);
                if (moved && id > 0) p.moveCardTo(id, toList, index);
              },
            }),
          );
        }
      }
      if (can.editLists) {
        instances.push(
          Sortable.create(columns.current, {
            ...common,
            handle: '.drag-handle',
            draggable: '.column',
            direction: 'horizontal',
            onEnd: (evt) => {
              setTimeout(() => (dragging.current = false), 50);
              const id = Number(evt.item.dataset.listId);
              if (evt.oldIndex !== evt.newIndex) {
                revert(evt.item, evt.from, evt.oldIndex ?? 0);
                p.moveListTo(id, evt.newDraggableIndex ?? evt.newIndex ?? 0);
              }
            },
          }),
        );
      }
    });
    return () => {
      cancelled = true;
      stopTabHover?.();
      instances.forEach((s) => s.destroy());
      instances = [];
    };
  }, [listKey, can.addCards, can.editLists]);

  // Keyboard moves on a focused card: Alt + arrows.
  const moveCardTo = p.moveCardTo;
  const onCardKey = useCallback((e: KeyboardEvent, card: CardSummary, listIndex: number, index: number) => {
    const lists = listsRef.current;
    if (!e.altKey) return;
    const list = lists[listIndex]!;
    let to: { list: number; index: number } | undefined;
    if (e.key === 'ArrowUp' && index > 0) to = { list: list.id, index: index - 1 };
    if (e.key === 'ArrowDown' && index < list.cards.length - 1) to = { list: list.id, index: index + 1 };
    if (e.key === 'ArrowLeft' && listIndex > 0) to = { list: lists[listIndex - 1]!.id, index: lists[listIndex - 1]!.cards.length };
    if (e.key === 'ArrowRight' && listIndex < lists.length - 1) to = { list: lists[listIndex + 1]!.id, index: lists[listIndex + 1]!.cards.length };
    if (!to) return;
    e.preventDefault();
    moveCardTo(card.id, to.list, to.index, true);
    const focusId = card.id;
    requestAnimationFrame(() => {
      const el = columns.current?.querySelector<HTMLElement>(`li[data-id="${focusId}"] a`);
      el?.focus();
      const col = el?.closest<HTMLElement>('.column');
      const i = col ? [...(columns.current?.querySelectorAll('.column') ?? [])].indexOf(col) : -1;
      if (i >= 0) setCurrent(i);
    });
  }, [moveCardTo]);

  const openCard = p.cardId !== undefined;
  const visibleLists = lists;
  const inView = listsInView(innerWidth);

  return (
    <div class="board-page">
      <div class="board-head">
        <h1>{board.name}</h1>
        {board.archived && <span class="chip chip-warn">Archived</span>}
        <span class="live-status muted small" role="status">
          {p.liveStatus === 'offline' ? 'Offline: others’ changes will show when you reconnect' : ''}
        </span>
        {can.manage && (
          <a class="btn btn-small" href={paths.boardSettings(board.id)}>
            Settings
          </a>
        )}
        <Menu
          label="Board actions"
          items={[
            { label: p.showArchived ? 'Hide archived cards and lists' : 'Show archived cards and lists', run: () => p.setShowArchived(!p.showArchived) },
            ...(can.manage ? [{ label: 'Board settings', run: () => navigate(paths.boardSettings(board.id)) }] : []),
            ...(can.manage
              ? [
                  { label: 'Export board (JSON)', run: () => download(api.exportUrl(board.id, 'json')) },
                  { label: 'Export cards (CSV)', run: () => download(api.exportUrl(board.id, 'csv')) },
                ]
              : []),
          ]}
        />
      </div>
      {me && (
        <div class="board-follow">
          <FollowSelect type="boards" id={board.id} name={board.name} />
        </div>
      )}
      {board.description && <p class="board-hint board-desc">{board.description}</p>}
      {lists.length > 0 && can.addCards && !hintSeen && (
        <div class="board-tip" role="note">
          <p>
            <strong>Tip:</strong> drag a card to move it. On a phone, press and hold it first, and hold it over a list’s name to go to that list. Or open the card and choose <strong>Move</strong>.
          </p>
          <button
            type="button"
            class="btn btn-small"
            onClick={() => {
              setHintSeen(true);
              try {
                localStorage.setItem('village.tip.drag', '1');
              } catch {
                // Storage off: the tip comes back next time.
              }
            }}
          >
            Got it
          </button>
        </div>
      )}
      {can.addCards && (
        <p id="card-move-hint" hidden>
          Press Alt with an arrow key to move this card.
        </p>
      )}
      {lists.length > 1 && (
        <nav class="list-tabs" aria-label="Lists on this board">
          {visibleLists.map((l, i) => (
            <button type="button" key={l.id} class="list-tab" aria-current={i === current ? 'true' : undefined} onClick={() => showList(i)}>
              {l.name} <span class="visually-hidden">({plural(l.cards.length, 'card')})</span>
            </button>
          ))}
        </nav>
      )}
      {lists.length === 0 && !can.editLists && (
        <div class="page page-narrow">
          <Empty title="Nothing on this board yet">The people who run this board haven’t added any lists. Check back soon.</Empty>
        </div>
      )}
      <div class="columns" ref={columns} onScroll={onScroll}>
        {visibleLists.map((list, li) => (
          <Column
            key={list.id}
            list={list}
            listIndex={li}
            listCount={lists.length}
            inView={li >= current && li < current + inView}
            boardId={board.id}
            can={can}
            labels={labels}
            people={people}
            dragging={dragging}
            onCardKey={can.addCards ? onCardKey : undefined}
            addCard={p.addCard}
            renameList={p.renameList}
            archiveList={p.archiveList}
            moveList={p.moveListTo}
          />
        ))}
        {can.editLists && (
          <section class="column-new" aria-labelledby="new-list-h">
            {lists.length === 0 && (
              <p>
                <strong>Start with lists.</strong> A list is a column of cards, such as “This week”, “Teaching days” or “Resources”.
              </p>
            )}
            <h2 id="new-list-h" class="visually-hidden">
              Add a list
            </h2>
            <NewListForm inputRef={newListInput} addList={p.addList} />
          </section>
        )}
      </div>
      {openCard && (
        <CardSheet
          cardId={p.cardId!}
          view={p.view}
          me={me}
          onClose={() => navigate(paths.board(board.id))}
          onChanged={p.onCardChanged}
          changed={p.cardTick?.cardId === p.cardId ? p.cardTick : null}
          moveWithin={(cardId, listId, index) => p.moveCardTo(cardId, listId, index, true)}
        />
      )}
    </div>
  );
}

function NewListForm({ addList, inputRef }: { addList: (name: string) => Promise<boolean>; inputRef: RefObject<HTMLInputElement | null> }) {
  const [name, setName] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const n = name.trim();
    if (!n) return;
    setName('');
    const ok = await addList(n);
    if (!ok) setName(n);
    inputRef.current?.focus();
  };
  return (
    <form onSubmit={submit} class="new-list">
      <label for="new-list-name" class="visually-hidden">
        New list name
      </label>
      <input id="new-list-name" ref={inputRef} class="input" placeholder="Add a list…" maxLength={512} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
      <button type="submit" class="btn btn-primary">
        Add list
      </button>
    </form>
  );
}

interface ColumnProps {
  list: ListView;
  listIndex: number;
  listCount: number;
  /** On screen (or next to it) when the board opens: its first cards render at once. */
  inView: boolean;
  boardId: number;
  can: ReturnType<typeof abilities>;
  labels: Map<number, Label>;
  people: Map<number, MemberRef>;
  dragging: { current: boolean };
  onCardKey: ((e: KeyboardEvent, card: CardSummary, listIndex: number, index: number) => void) | undefined;
  addCard: (listId: number, title: string) => Promise<boolean>;
  renameList: (listId: number, name: string) => Promise<unknown>;
  archiveList: (list: ListView, archived: boolean) => Promise<void>;
  moveList: (listId: number, toIndex: number) => void;
}

// Columns and cards re-render only when their own props change: a board of 500 cards stays
// quick when one card moves or the visible list changes.
const Column = memo(function Column(p: ColumnProps) {
  const { list } = p;
  // A long list renders what is in view first and fills in the rest after (lib/fillin.ts).
  const [shown, setShown] = useState(() => (p.inView ? FIRST_CARDS : 0));
  const total = list.cards.length;
  const whole = shown >= total;
  useEffect(() => {
    if (whole) return;
    return fillIn(p.inView ? 0 : 1, () => setShown((n) => nextCount(n, total)));
  }, [shown, whole, total, p.inView]);
  const cards = whole ? list.cards : list.cards.slice(0, shown);
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(list.name);
  const [title, setTitle] = useState('');
  const addInput = useRef<HTMLInputElement>(null);
  const headId = `list-${list.id}-name`;

  const submitRename = (e: Event) => {
    e.preventDefault();
    if (!renaming) return; // Enter, then the blur that follows: save once
    const n = name.trim();
    setRenaming(false);
    if (n && n !== list.name) void p.renameList(list.id, n);
    else setName(list.name);
  };

  const submitCard = async (e: Event) => {
    e.preventDefault();
    const t = title.trim();
    if (!t) return;
    setTitle('');
    const ok = await p.addCard(list.id, t);
    if (!ok) setTitle(t);
    addInput.current?.focus();
  };

  const items = [
    { label: 'Rename list', run: () => setRenaming(true) },
    { label: 'Move list left', run: () => p.moveList(list.id, p.listIndex - 1), disabled: p.listIndex === 0 },
    { label: 'Move list right', run: () => p.moveList(list.id, p.listIndex + 1), disabled: p.listIndex === p.listCount - 1 },
    list.archived ? { label: 'Restore list', run: () => void p.archiveList(list, false) } : { label: 'Archive list', run: () => void p.archiveList(list, true), danger: true },
  ];

  return (
    <section class="column" data-list-id={list.id} aria-labelledby={headId}>
      <div class="column-head">
        {renaming ? (
          <form onSubmit={submitRename} class="row spacer">
            <label for={`rename-${list.id}`} class="visually-hidden">
              List name
            </label>
            <input
              id={`rename-${list.id}`}
              class="input spacer"
              value={name}
              maxLength={512}
              autoFocus
              onInput={(e) => setName((e.target as HTMLInputElement).value)}
              onBlur={submitRename}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  setName(list.name);
                  setRenaming(false);
                }
              }}
            />
          </form>
        ) : (
          <h2 id={headId} class={p.can.editLists ? 'drag-handle' : undefined}>
            {list.name}
            {list.archived && <span class="muted small"> (archived)</span>}
          </h2>
        )}
        <span class="count" aria-label={plural(list.cards.length, 'card')}>
          {list.cards.length}
        </span>
        {p.can.editLists && <Menu label={`Actions for list ${list.name}`} items={items} />}
      </div>
      <ol class="cards" data-list-id={list.id} aria-labelledby={headId}>
        {cards.map((card, i) => (
          <li key={card.id} data-id={card.id}>
            <CardTile card={card} boardId={p.boardId} labels={p.labels} listIndex={p.listIndex} index={i} onCardKey={p.onCardKey} dragging={p.dragging} />
          </li>
        ))}
      </ol>
      {list.cards.length === 0 && (
        <p class="column-empty">{p.can.addCards ? 'No cards yet. Add the first one below.' : 'No cards in this list yet.'}</p>
      )}
      {p.can.addCards && !list.archived && (
        <form class="add-card" onSubmit={submitCard}>
          <label for={`add-${list.id}`} class="visually-hidden">
            New card in {list.name}
          </label>
          <input
            id={`add-${list.id}`}
            ref={addInput}
            placeholder="Add a card…"
            maxLength={512}
            enterKeyHint="send"
            value={title}
            onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
          />
          <button type="submit" class="btn btn-primary" aria-label={`Add card to ${list.name}`}>
            Add
          </button>
        </form>
      )}
    </section>
  );
});

const CardTile = memo(function CardTile(props: {
  card: CardSummary;
  boardId: number;
  labels: Map<number, Label>;
  listIndex: number;
  index: number;
  onCardKey: ColumnProps['onCardKey'];
  dragging: { current: boolean };
}) {
  const { card } = props;
  const due = dueState(card.due_at, card.due_complete);
  const cardLabels = card.label_ids.map((id) => props.labels.get(id)).filter((l): l is Label => Boolean(l));
  return (
    <a
      class="card-tile"
      href={paths.card(props.boardId, card.id)}
      onKeyDown={props.onCardKey ? (e) => props.onCardKey!(e, card, props.listIndex, props.index) : undefined}
      onClick={(e) => {
        if (props.dragging.current || card.id < 0) e.preventDefault();
      }}
      aria-describedby={props.onCardKey ? 'card-move-hint' : undefined}
    >
      {cardLabels.length > 0 && (
        <span class="chips">
          {cardLabels.map((l) => (
            <span key={l.id} class="chip" style={labelColors(l.color)}>
              {l.name || <span class="visually-hidden">label</span>}
            </span>
          ))}
        </span>
      )}
      <span class="title">
        {card.pinned && (
          <span class="pinned">
            <Icon name="pin" />
            <span class="visually-hidden">Pinned: </span>
          </span>
        )}
        {card.title}
      </span>
      <Badges card={card} due={due} />
    </a>
  );
});

function Badges({ card, due }: { card: CardSummary; due: ReturnType<typeof dueState> }) {
  const any = card.due_at || card.start_at || card.location || card.checklist.total > 0 || card.comment_count > 0 || card.archived;
  if (!any) return null;
  return (
    <span class="badges">
      {card.archived && <span class="badge badge-overdue">Archived</span>}
      {(card.start_at || card.due_at) && (
        <span class={`badge ${due === 'overdue' ? 'badge-overdue' : due === 'done' ? 'badge-done' : ''}`}>
          <Icon name="calendar" />
          <span class="visually-hidden">{card.due_at ? (due === 'overdue' ? 'Overdue, due' : 'Due') : 'Starts'}</span>
          {formatWhen(card.due_at ?? card.start_at)}
        </span>
      )}
      {card.location && (
        <span class="badge">
          <Icon name="place" />
          <span class="visually-hidden">At</span>
          {card.location}
        </span>
      )}
      {card.checklist.total > 0 && (
        <span class={`badge ${card.checklist.done === card.checklist.total ? 'badge-done' : ''}`}>
          <Icon name="check" />
          <span class="visually-hidden">Checklist</span>
          {card.checklist.done}/{card.checklist.total}
        </span>
      )}
      {card.comment_count > 0 && (
        <span class="badge">
          <Icon name="comment" />
          <span class="visually-hidden">Comments:</span>
          {card.comment_count}
        </span>
      )}
    </span>
  );
}
