import { describe, expect, it } from 'vitest';
import { describeFeedItem, describeNotification, newestId, targetOf } from './notify';

const ana = { id: 4, display_name: 'Ana Lo' };
const card = { id: 9, title: 'Teaching Friday' };
const board = { id: 2, name: 'Teaching' };

describe('notifications in words', () => {
  it('names who did what on which card', () => {
    expect(describeNotification({ kind: 'mention', actor: ana, card, board })).toBe('Ana Lo mentioned you on “Teaching Friday”');
    expect(describeNotification({ kind: 'comment', actor: null, card, board })).toBe('Someone commented on “Teaching Friday”');
    expect(describeNotification({ kind: 'announcement', actor: ana, card, board })).toBe('Announcement: “Teaching Friday”');
    expect(describeFeedItem({ type: 'card.created', actor: ana, card })).toBe('Ana Lo added “Teaching Friday”');
    expect(describeFeedItem({ type: 'comment.added', actor: ana, card })).toBe('Ana Lo commented on “Teaching Friday”');
  });

  it('leads to the card, the board or home', () => {
    expect(targetOf({ board, card })).toBe('/boards/2/cards/9');
    expect(targetOf({ board, card: null })).toBe('/boards/2');
    expect(targetOf({ board: null, card: null })).toBe('/');
  });

  it('finds the newest activity id of a page', () => {
    expect(newestId([{ activity_id: 3 }, { activity_id: 11 }, { activity_id: 7 }])).toBe(11);
    expect(newestId([])).toBeUndefined();
  });
});
