import { describe, expect, it } from 'vitest';
import type { BoardRead, CardSummary } from '../api/types';
import { abilities, appendCard, canEditCard, removeCard, toBoardView, updateCard } from './board';

const card = (id: number, list_id: number, position: string): CardSummary => ({
  id, list_id, title: `Card ${id}`, position, label_ids: [], start_at: null, due_at: null, due_complete: false,
  location: null, pinned: false, cover_url: null, comment_count: 0, checklist: { done: 0, total: 0 },
  assignee_ids: [], author_id: 1, archived: false,
});

const read = (): BoardRead => ({
  board: { id: 1, my_role: 'editor' } as BoardRead['board'],
  lists: [
    { id: 20, name: 'Later', position: 'V', archived: false },
    { id: 10, name: 'Now', position: 'F', archived: false },
  ],
  cards: [card(3, 10, 'k'), card(1, 10, 'U'), card(2, 20, 'V'), card(4, 99, 'V')],
});

describe('toBoardView', () => {
  it('orders lists and cards by position bytewise, grouping cards under their list', () => {
    const v = toBoardView(read());
    expect(v.lists.map((l) => l.id)).toEqual([10, 20]);
    expect(v.lists[0]!.cards.map((c) => c.id)).toEqual([1, 3]); // 'U' < 'k' in ASCII
    expect(v.lists[1]!.cards.map((c) => c.id)).toEqual([2]);
  });
  it('drops cards of lists it was not sent', () => {
    expect(toBoardView(read()).lists.flatMap((l) => l.cards).some((c) => c.id === 4)).toBe(false);
  });
});

describe('card edits', () => {
  it('updates, removes and appends without touching other lists', () => {
    const v = toBoardView(read());
    const u = updateCard(v, { id: 3, title: 'Renamed' });
    expect(u.lists[0]!.cards[1]!.title).toBe('Renamed');
    expect(u.lists[1]).toBe(v.lists[1]);
    expect(removeCard(v, 1).lists[0]!.cards.map((c) => c.id)).toEqual([3]);
    expect(appendCard(v, card(9, 20, 'z')).lists[1]!.cards.map((c) => c.id)).toEqual([2, 9]);
  });
});

describe('abilities', () => {
  it('follows the board roles', () => {
    expect(abilities('viewer')).toMatchObject({ react: true, comment: true, addCards: false, editLists: false });
    expect(abilities('viewer', false).comment).toBe(false);
    expect(abilities('admin', false).comment).toBe(true);
    expect(abilities('member')).toMatchObject({ addCards: true, editAnyCard: false });
    expect(abilities('editor')).toMatchObject({ editAnyCard: true, editLists: true, manage: false });
    expect(abilities('reader')).toMatchObject({ react: false, comment: false });
  });
  it('lets members edit only their own cards', () => {
    expect(canEditCard('member', 1, 1)).toBe(true);
    expect(canEditCard('member', 1, 2)).toBe(false);
    expect(canEditCard('editor', 1, 2)).toBe(true);
    expect(canEditCard('viewer', 1, 1)).toBe(false);
  });
});
