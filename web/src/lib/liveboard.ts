// Applying another member's change, as the live socket reports it, to the board on screen.
// Events carry ids and a little data (a title, a position), not whole cards: what can be shown
// at once is shown, and `refetch` says when the board read should fill in the rest (labels,
// counts, a restored card). Pure, so it is unit-tested without a socket.
import type { CardSummary } from '../api/types';
import type { BoardView, ListView } from './board';

/** One `{"type":"event"}` message of GET /api/v1/live (docs/api/live.md). */
export interface LiveEvent {
  type: 'event';
  event: string;
  board_id: number;
  id: number;
  at: string;
  actor: { id: number; display_name: string } | null;
  list_id: number | null;
  card_id: number | null;
  comment_id: number | null;
  data: Record<string, unknown> | null;
}

export interface Applied {
  view: BoardView;
  /** The board read should be fetched again to show this change in full. */
  refetch: boolean;
  /** The card this event changed, if any (an open card sheet then refreshes itself). */
  cardId: number | null;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byPosition<T extends { id: number; position: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => cmp(a.position, b.position) || a.id - b.id);
}

function findCard(view: BoardView, id: number): CardSummary | undefined {
  for (const l of view.lists) {
    const c = l.cards.find((x) => x.id === id);
    if (c) return c;
  }
  return undefined;
}

function withoutCard(lists: ListView[], id: number): ListView[] {
  return lists.map((l) => (l.cards.some((c) => c.id === id) ? { ...l, cards: l.cards.filter((c) => c.id !== id) } : l));
}

function withCard(lists: ListView[], card: CardSummary): ListView[] {
  return lists.map((l) => (l.id === card.list_id ? { ...l, cards: byPosition([...l.cards.filter((c) => c.id !== card.id), card]) } : l));
}

/** A card as the board shows it before the board read fills in its details. */
export function blankCard(id: number, listId: number, title: string, position: string, authorId: number | null): CardSummary {
  return {
    id,
    list_id: listId,
    title,
    position,
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
    author_id: authorId,
    archived: false,
  };
}

/**
 * The board after `ev`. Events for other boards, and events already reflected (the member's own
 * change, shown when it was made), leave the view as it is.
 */
export function applyEvent(view: BoardView, ev: LiveEvent, opts: { showArchived?: boolean } = {}): Applied {
  const same = (v: BoardView, refetch = false): Applied => ({ view: v, refetch, cardId: ev.card_id });
  if (ev.board_id !== view.board.id) return { view, refetch: false, cardId: null };
  const d = ev.data ?? {};
  const cardId = ev.card_id;
  const listId = ev.list_id;

  switch (ev.event) {
    case 'card.created': {
      if (cardId === null || listId === null) return same(view, true);
      if (findCard(view, cardId)) return same(view);
      if (!view.lists.some((l) => l.id === listId)) return same(view, true);
      const card = blankCard(cardId, listId, str(d.title) ?? '', str(d.position) ?? '\uffff', ev.actor?.id ?? null);
      // The board read adds what the event does not carry (labels, assignees, dates).
      return same({ ...view, lists: withCard(view.lists, card) }, true);
    }
    case 'card.moved': {
      if (cardId === null) return same(view, true);
      const toBoard = num(d.to_board);
      const toList = num(d.to_list);
      const position = str(d.position);
      if (toBoard !== undefined && toBoard !== view.board.id) {
        return same({ ...view, lists: withoutCard(view.lists, cardId) });
      }
      const card = findCard(view, cardId);
      if (!card || toList === undefined || !view.lists.some((l) => l.id === toList)) return same(view, true);
      if (card.list_id === toList && card.position === position) return same(view);
      // Without the new position (a string key, as the board read has it) the card goes to the
      // end of its new list until the board read puts it in its place.
      const moved = { ...card, list_id: toList, position: position ?? '\uffff' };
      return same({ ...view, lists: withCard(withoutCard(view.lists, cardId), moved) }, position === undefined);
    }
    case 'card.updated': {
      if (cardId === null) return same(view, true);
      const card = findCard(view, cardId);
      if (!card) return same(view, true);
      const title = str(d.title);
      const fields = Array.isArray(d.fields) ? d.fields : [];
      const onlyTitle = fields.length > 0 && fields.every((f) => f === 'title');
      if (title === undefined || title === card.title) return same(view, !onlyTitle);
      const lists = view.lists.map((l) => (l.id === card.list_id ? { ...l, cards: l.cards.map((c) => (c.id === cardId ? { ...c, title } : c)) } : l));
      return same({ ...view, lists }, !onlyTitle);
    }
    case 'card.archived': {
      if (cardId === null) return same(view, true);
      if (opts.showArchived) {
        const card = findCard(view, cardId);
        if (!card) return same(view, true);
        const lists = view.lists.map((l) => (l.id === card.list_id ? { ...l, cards: l.cards.map((c) => (c.id === cardId ? { ...c, archived: true } : c)) } : l));
        return same({ ...view, lists });
      }
      return same({ ...view, lists: withoutCard(view.lists, cardId) });
    }
    case 'card.deleted':
      if (cardId === null) return same(view, true);
      return same({ ...view, lists: withoutCard(view.lists, cardId) });
    case 'card.restored':
    case 'card.assigned':
      return same(view, true);
    case 'comment.added':
    case 'comment.deleted': {
      if (cardId === null) return same(view);
      const delta = ev.event === 'comment.added' ? 1 : -1;
      const lists = view.lists.map((l) =>
        l.cards.some((c) => c.id === cardId) ? { ...l, cards: l.cards.map((c) => (c.id === cardId ? { ...c, comment_count: Math.max(0, c.comment_count + delta) } : c)) } : l,
      );
      return same({ ...view, lists });
    }
    case 'comment.edited':
      return same(view);
    case 'list.created': {
      if (listId === null) return same(view, true);
      if (view.lists.some((l) => l.id === listId)) return same(view);
      const list: ListView = { id: listId, name: str(d.name) ?? '', position: str(d.position) ?? '\uffff', archived: false, cards: [] };
      return same({ ...view, lists: byPosition([...view.lists, list]) });
    }
    case 'list.updated': {
      const name = str(d.name);
      if (listId === null || name === undefined) return same(view, true);
      return same({ ...view, lists: view.lists.map((l) => (l.id === listId ? { ...l, name } : l)) });
    }
    case 'list.moved': {
      const position = str(d.position);
      if (listId === null || position === undefined || !view.lists.some((l) => l.id === listId)) return same(view, true);
      return same({ ...view, lists: byPosition(view.lists.map((l) => (l.id === listId ? { ...l, position } : l))) });
    }
    case 'list.archived':
    case 'list.deleted':
      if (listId === null) return same(view, true);
      if (opts.showArchived && ev.event === 'list.archived') {
        return same({ ...view, lists: view.lists.map((l) => (l.id === listId ? { ...l, archived: true } : l)) });
      }
      return same({ ...view, lists: view.lists.filter((l) => l.id !== listId) });
    default:
      // Labels, checklists, reactions, settings, members, imports: the board read shows them.
      return same(view, !ev.event.startsWith('reaction.'));
  }
}
