import { describe, expect, it } from 'vitest';
import type { Card, Comment } from '../api/types';
import { applyPatch, conversation, toggleReaction } from './card';

const card = (): Card => ({
  id: 5, board_id: 1, list_id: 2, title: 'Teaching day', body: 'old', body_html: '<p>old</p>', position: 'a',
  labels: [{ id: 1, name: 'Exam', color: 'red' }], start_at: null, due_at: null, due_complete: false, location: null,
  cover_url: null, pinned: false, archived: false, archived_at: null, author: { id: 9, display_name: 'Amira' },
  assignees: [], checklists: [], comments: { comments: [], next_before: null, total: 0 }, reactions: [],
  created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
  permissions: { can_edit: true, can_delete: true, can_comment: true, can_react: true, can_check_items: true, can_moderate_comments: false },
});

const labels = [{ id: 1, name: 'Exam', color: 'red' }, { id: 2, name: 'Rota', color: 'blue' }];
const people = [{ id: 3, display_name: 'Sam' }, { id: 4, display_name: 'Ola' }];

describe('applyPatch', () => {
  it('changes only the fields sent, keeping the rendered body until the server answers', () => {
    const c = applyPatch(card(), { title: 'New', body: '**new**', location: 'Room 2' }, labels, people);
    expect(c).toMatchObject({ title: 'New', body: '**new**', body_html: '<p>old</p>', location: 'Room 2', due_at: null });
  });
  it('turns label and assignee ids into the objects the sheet shows', () => {
    const c = applyPatch(card(), { label_ids: [2], assignee_ids: [4, 99] }, labels, people);
    expect(c.labels.map((l) => l.name)).toEqual(['Rota']);
    expect(c.assignees.map((p) => p.display_name)).toEqual(['Ola']);
  });
  it('clears a date with null', () => {
    const dated = { ...card(), due_at: '2026-05-01T09:00:00Z' };
    expect(applyPatch(dated, { due_at: null }, labels, people).due_at).toBeNull();
  });
});

describe('toggleReaction', () => {
  it('adds mine, counts others, and removes the last one', () => {
    expect(toggleReaction([], '👍')).toEqual([{ emoji: '👍', count: 1, mine: true }]);
    expect(toggleReaction([{ emoji: '👍', count: 2, mine: false }], '👍')).toEqual([{ emoji: '👍', count: 3, mine: true }]);
    expect(toggleReaction([{ emoji: '👍', count: 1, mine: true }], '👍')).toEqual([]);
  });
});

describe('conversation', () => {
  it('reads oldest first across pages, once each', () => {
    const c = (id: number, deleted = false) => ({ id, deleted }) as Comment;
    expect(conversation([c(3), c(2, true), c(1), c(3)]).map((x) => x.id)).toEqual([1, 2, 3]);
  });
});
