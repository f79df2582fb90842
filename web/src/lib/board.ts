// The board as the screen shows it: lists in order, each with its cards in order, built from
// the API's flat read. Pure, so optimistic changes can be computed and tested.
import type { BoardInfo, BoardRead, CardSummary, ListInfo, MyRole } from '../api/types';

export interface ListView extends ListInfo {
  cards: CardSummary[];
}

export interface BoardView {
  board: BoardInfo;
  lists: ListView[];
}

export function toBoardView(read: BoardRead): BoardView {
  const byList = new Map<number, CardSummary[]>();
  for (const l of read.lists) byList.set(l.id, []);
  const sorted = [...read.cards].sort((a, b) => cmp(a.position, b.position) || a.id - b.id);
  for (const c of sorted) byList.get(c.list_id)?.push(c);
  const lists = [...read.lists]
    .sort((a, b) => cmp(a.position, b.position) || a.id - b.id)
    .map((l) => ({ ...l, cards: byList.get(l.id) ?? [] }));
  return { board: read.board, lists };
}

/** Bytewise order of position keys, as the server sorts them. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function updateCard(view: BoardView, card: Partial<CardSummary> & { id: number }): BoardView {
  return {
    ...view,
    lists: view.lists.map((l) =>
      l.cards.some((c) => c.id === card.id) ? { ...l, cards: l.cards.map((c) => (c.id === card.id ? { ...c, ...card } : c)) } : l,
    ),
  };
}

export function removeCard(view: BoardView, cardId: number): BoardView {
  return { ...view, lists: view.lists.map((l) => (l.cards.some((c) => c.id === cardId) ? { ...l, cards: l.cards.filter((c) => c.id !== cardId) } : l)) };
}

export function appendCard(view: BoardView, card: CardSummary): BoardView {
  return { ...view, lists: view.lists.map((l) => (l.id === card.list_id ? { ...l, cards: [...l.cards.filter((c) => c.id !== card.id), card] } : l)) };
}

/** What the viewer may do here; mirrors the server's rules so the screen offers only what works. */
export function abilities(role: MyRole, commentsEnabled = true) {
  const rank = { none: 0, reader: 1, viewer: 2, member: 3, editor: 4, admin: 5 }[role] ?? 0;
  return {
    react: rank >= 2,
    comment: rank >= 5 || (rank >= 2 && commentsEnabled),
    addCards: rank >= 3,
    editAnyCard: rank >= 4,
    editLists: rank >= 4,
    manage: rank >= 5,
  };
}

/** Whether the viewer may edit this card: editors any card, members their own. */
export function canEditCard(role: MyRole, meId: number | undefined, authorId: number | null): boolean {
  const a = abilities(role);
  return a.editAnyCard || (role === 'member' && meId !== undefined && authorId === meId);
}
