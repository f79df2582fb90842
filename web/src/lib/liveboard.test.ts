import { describe, expect, it } from 'vitest';
import type { BoardInfo } from '../api/types';
import type { BoardView } from './board';
import { applyEvent, blankCard, type LiveEvent } from './liveboard';

const board = { id: 1, name: 'Teaching' } as BoardInfo;

function view(): BoardView {
  return {
    board,
    lists: [
      { id: 10, name: 'To do', position: 'a', archived: false, cards: [blankCard(100, 10, 'First', 'a', 5), blankCard(101, 10, 'Second', 'b', 5)] },
      { id: 11, name: 'Done', position: 'b', archived: false, cards: [blankCard(102, 11, 'Third', 'a', 5)] },
    ],
  };
}

function ev(event: string, fields: Partial<LiveEvent> = {}): LiveEvent {
  return { type: 'event', event, board_id: 1, id: 50, at: '2026-12-04T20:00:00Z', actor: { id: 7, display_name: 'Ana' }, list_id: null, card_id: null, comment_id: null, data: {}, ...fields };
}

const titles = (v: BoardView) => Object.fromEntries(v.lists.map((l) => [l.name, l.cards.map((c) => c.title)]));

describe('applyEvent', () => {
  it('shows a new card at its position and asks for the details', () => {
    const r = applyEvent(view(), ev('card.created', { card_id: 103, list_id: 10, data: { title: 'Between', position: 'am' } }));
    expect(titles(r.view)['To do']).toEqual(['First', 'Between', 'Second']);
    expect(r.view.lists[0]!.cards[1]!.author_id).toBe(7);
    expect(r.refetch).toBe(true);
    expect(r.cardId).toBe(103);
  });

  it('does not add a card twice (the member’s own card is already there)', () => {
    const r = applyEvent(view(), ev('card.created', { card_id: 100, list_id: 10, data: { title: 'First', position: 'a' } }));
    expect(titles(r.view)['To do']).toEqual(['First', 'Second']);
  });

  it('ignores events of another board', () => {
    const v = view();
    const r = applyEvent(v, ev('card.deleted', { board_id: 2, card_id: 100 }));
    expect(r.view).toBe(v);
    expect(r.refetch).toBe(false);
  });

  it('moves a card between lists by its new position', () => {
    const r = applyEvent(view(), ev('card.moved', { card_id: 100, list_id: 11, data: { from_list: 10, to_list: 11, from_board: 1, to_board: 1, position: 'b' } }));
    expect(titles(r.view)).toEqual({ 'To do': ['Second'], Done: ['Third', 'First'] });
    expect(r.view.lists[1]!.cards[1]!.list_id).toBe(11);
    expect(r.refetch).toBe(false);
  });

  it('puts a card moved without a readable position at the end and asks for the board read', () => {
    const r = applyEvent(view(), ev('card.moved', { card_id: 102, data: { from_list: 11, to_list: 10, from_board: 1, to_board: 1, position: 3072.0 } }));
    expect(titles(r.view)['To do']).toEqual(['First', 'Second', 'Third']);
    expect(r.refetch).toBe(true);
  });

  it('drops a card moved to another board', () => {
    const r = applyEvent(view(), ev('card.moved', { card_id: 102, data: { from_list: 11, to_list: 99, from_board: 1, to_board: 2, position: 'a' } }));
    expect(titles(r.view).Done).toEqual([]);
  });

  it('renames a card and fetches only when more than the title changed', () => {
    const a = applyEvent(view(), ev('card.updated', { card_id: 101, data: { title: 'Renamed', fields: ['title'] } }));
    expect(titles(a.view)['To do']).toEqual(['First', 'Renamed']);
    expect(a.refetch).toBe(false);
    const b = applyEvent(view(), ev('card.updated', { card_id: 101, data: { title: 'Second', fields: ['body'] } }));
    expect(b.refetch).toBe(true);
  });

  it('hides archived and deleted cards, or marks them when archived cards show', () => {
    expect(titles(applyEvent(view(), ev('card.archived', { card_id: 100 })).view)['To do']).toEqual(['Second']);
    expect(titles(applyEvent(view(), ev('card.deleted', { card_id: 101 })).view)['To do']).toEqual(['First']);
    const shown = applyEvent(view(), ev('card.archived', { card_id: 100 }), { showArchived: true });
    expect(shown.view.lists[0]!.cards[0]!.archived).toBe(true);
  });

  it('counts comments', () => {
    const r = applyEvent(view(), ev('comment.added', { card_id: 102, comment_id: 9 }));
    expect(r.view.lists[1]!.cards[0]!.comment_count).toBe(1);
    const back = applyEvent(r.view, ev('comment.deleted', { card_id: 102, comment_id: 9 }));
    expect(back.view.lists[1]!.cards[0]!.comment_count).toBe(0);
  });

  it('adds, renames, moves and archives lists', () => {
    let v = applyEvent(view(), ev('list.created', { list_id: 12, data: { name: 'Doing', position: 'am' } })).view;
    expect(v.lists.map((l) => l.name)).toEqual(['To do', 'Doing', 'Done']);
    v = applyEvent(v, ev('list.updated', { list_id: 12, data: { name: 'In progress', old_name: 'Doing' } })).view;
    v = applyEvent(v, ev('list.moved', { list_id: 10, data: { position: 'c', after_id: 11 } })).view;
    expect(v.lists.map((l) => l.name)).toEqual(['In progress', 'Done', 'To do']);
    v = applyEvent(v, ev('list.archived', { list_id: 11 })).view;
    expect(v.lists.map((l) => l.name)).toEqual(['In progress', 'To do']);
  });

  it('asks for the board read for what events do not carry', () => {
    expect(applyEvent(view(), ev('card.restored', { card_id: 100 })).refetch).toBe(true);
    expect(applyEvent(view(), ev('label.created')).refetch).toBe(true);
    expect(applyEvent(view(), ev('card.moved', { card_id: 999, data: { to_list: 10, to_board: 1, position: 'z' } })).refetch).toBe(true);
  });
});
