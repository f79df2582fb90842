// Reordering lists and cards in memory, and the anchor the API needs to store the same order:
// PATCH …{ before_id } puts an item right before that item, { after_id } right after it.

export interface Anchor {
  before_id?: number;
  after_id?: number;
}

interface HasId {
  id: number;
}

export interface ListLike<C extends HasId> extends HasId {
  cards: C[];
}

/** The anchor that puts the item at `index` of `ids` (the order after the move) where it is. */
export function anchorAt(ids: readonly number[], index: number): Anchor {
  const next = ids[index + 1];
  if (next !== undefined) return { before_id: next };
  const prev = ids[index - 1];
  if (prev !== undefined) return { after_id: prev };
  return {};
}

/** Moves `item` within an array to `toIndex` (clamped); returns a new array. */
export function moveWithin<T extends HasId>(items: readonly T[], itemId: number, toIndex: number): T[] {
  const from = items.findIndex((x) => x.id === itemId);
  if (from < 0) return items.slice();
  const out = items.slice();
  const [item] = out.splice(from, 1);
  out.splice(clamp(toIndex, 0, out.length), 0, item!);
  return out;
}

export interface CardMove<L> {
  lists: L[];
  listId: number;
  index: number;
  anchor: Anchor;
}

/**
 * Moves a card to `index` in the list `toListId` (index counted without the card itself).
 * Returns undefined when the card or the list is not on the board.
 */
export function moveCard<C extends HasId, L extends ListLike<C>>(
  lists: readonly L[],
  cardId: number,
  toListId: number,
  index: number,
): CardMove<L> | undefined {
  const fromList = lists.find((l) => l.cards.some((c) => c.id === cardId));
  const toList = lists.find((l) => l.id === toListId);
  if (!fromList || !toList) return undefined;
  const card = fromList.cards.find((c) => c.id === cardId)!;
  const without = toList.cards.filter((c) => c.id !== cardId);
  const at = clamp(index, 0, without.length);
  const target = [...without.slice(0, at), card, ...without.slice(at)];
  const next = lists.map((l) => {
    if (l.id === toList.id) return { ...l, cards: target };
    if (l.id === fromList.id) return { ...l, cards: l.cards.filter((c) => c.id !== cardId) };
    return l;
  });
  return { lists: next, listId: toList.id, index: at, anchor: anchorAt(target.map((c) => c.id), at) };
}

/** Moves a list to `index` among the lists; returns the new order and its anchor. */
export function moveList<L extends HasId>(lists: readonly L[], listId: number, index: number) {
  const next = moveWithin(lists, listId, index);
  const at = next.findIndex((l) => l.id === listId);
  return { lists: next, index: at, anchor: anchorAt(next.map((l) => l.id), at) };
}

/** Where a card sits: its list and index, or undefined. */
export function locate<C extends HasId, L extends ListLike<C>>(lists: readonly L[], cardId: number) {
  for (const l of lists) {
    const index = l.cards.findIndex((c) => c.id === cardId);
    if (index >= 0) return { listId: l.id, index };
  }
  return undefined;
}

function clamp(n: number, lo: number, hi: number) {
  return Math.min(Math.max(Math.trunc(n), lo), hi);
}
