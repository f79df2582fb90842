import { describe, expect, it } from 'vitest';
import { anchorAt, locate, moveCard, moveList, moveWithin } from './order';

const board = () => [
  { id: 1, cards: [{ id: 10 }, { id: 11 }, { id: 12 }] },
  { id: 2, cards: [{ id: 20 }] },
  { id: 3, cards: [] as { id: number }[] },
];
const ids = (l: { cards: { id: number }[] }) => l.cards.map((c) => c.id);

describe('anchorAt', () => {
  it('anchors before the next item, else after the previous one, else nowhere', () => {
    expect(anchorAt([5, 6, 7], 0)).toEqual({ before_id: 6 });
    expect(anchorAt([5, 6, 7], 1)).toEqual({ before_id: 7 });
    expect(anchorAt([5, 6, 7], 2)).toEqual({ after_id: 6 });
    expect(anchorAt([5], 0)).toEqual({});
  });
});

describe('moveCard', () => {
  it('moves down within a list', () => {
    const m = moveCard(board(), 10, 1, 2)!;
    expect(ids(m.lists[0]!)).toEqual([11, 12, 10]);
    expect(m.anchor).toEqual({ after_id: 12 });
  });
  it('moves up within a list', () => {
    const m = moveCard(board(), 12, 1, 0)!;
    expect(ids(m.lists[0]!)).toEqual([12, 10, 11]);
    expect(m.anchor).toEqual({ before_id: 10 });
  });
  it('moves to another list, leaving the others untouched', () => {
    const start = board();
    const m = moveCard(start, 11, 2, 0)!;
    expect(ids(m.lists[0]!)).toEqual([10, 12]);
    expect(ids(m.lists[1]!)).toEqual([11, 20]);
    expect(m.lists[2]).toBe(start[2]);
    expect(m.anchor).toEqual({ before_id: 20 });
    expect(ids(start[0]!)).toEqual([10, 11, 12]);
  });
  it('moves into an empty list with no anchor, and clamps the index', () => {
    const m = moveCard(board(), 20, 3, 99)!;
    expect(ids(m.lists[2]!)).toEqual([20]);
    expect(ids(m.lists[1]!)).toEqual([]);
    expect(m.anchor).toEqual({});
  });
  it('refuses unknown cards and lists', () => {
    expect(moveCard(board(), 99, 1, 0)).toBeUndefined();
    expect(moveCard(board(), 10, 99, 0)).toBeUndefined();
  });
});

describe('moveList and moveWithin', () => {
  it('moves a list right and anchors it', () => {
    const m = moveList(board(), 1, 2);
    expect(m.lists.map((l) => l.id)).toEqual([2, 3, 1]);
    expect(m.anchor).toEqual({ after_id: 3 });
  });
  it('leaves the array alone for an unknown id', () => {
    expect(moveWithin([{ id: 1 }], 5, 0)).toEqual([{ id: 1 }]);
  });
  it('locates a card', () => {
    expect(locate(board(), 12)).toEqual({ listId: 1, index: 2 });
    expect(locate(board(), 5)).toBeUndefined();
  });
});
