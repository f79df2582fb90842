// Pure helpers for the card sheet: what a change looks like before the server confirms it.
import type { CardPatch } from '../api/api';
import type { Card, Comment, Label, MemberRef, Reaction } from '../api/types';

/** The card as it will look once `patch` is saved (the body's HTML waits for the server). */
export function applyPatch(card: Card, patch: CardPatch, labels: readonly Label[], people: readonly MemberRef[]): Card {
  const next: Card = { ...card };
  if (patch.title !== undefined) next.title = patch.title;
  if (patch.body !== undefined) next.body = patch.body;
  if (patch.start_at !== undefined) next.start_at = patch.start_at;
  if (patch.due_at !== undefined) next.due_at = patch.due_at;
  if (patch.due_complete !== undefined) next.due_complete = patch.due_complete;
  if (patch.location !== undefined) next.location = patch.location;
  if (patch.pinned !== undefined) next.pinned = patch.pinned;
  if (patch.archived !== undefined) next.archived = patch.archived;
  if (patch.list_id !== undefined) next.list_id = patch.list_id;
  if (patch.label_ids !== undefined) next.labels = labels.filter((l) => patch.label_ids!.includes(l.id));
  if (patch.assignee_ids !== undefined) {
    const known = new Map([...people, ...card.assignees].map((p) => [p.id, p]));
    next.assignees = patch.assignee_ids.map((id) => known.get(id)).filter((p): p is MemberRef => Boolean(p));
  }
  return next;
}

/** Adds or removes my reaction, as the server will. */
export function toggleReaction(list: readonly Reaction[], emoji: string): Reaction[] {
  const found = list.find((r) => r.emoji === emoji);
  if (!found) return [...list, { emoji, count: 1, mine: true }];
  const count = found.count + (found.mine ? -1 : 1);
  return count <= 0 ? list.filter((r) => r.emoji !== emoji) : list.map((r) => (r.emoji === emoji ? { ...r, count, mine: !r.mine } : r));
}

/** Comments oldest first, as a conversation reads, whichever pages they came in. */
export function conversation(comments: readonly Comment[]): Comment[] {
  const seen = new Set<number>();
  return comments.filter((c) => !seen.has(c.id) && seen.add(c.id)).sort((a, b) => a.id - b.id);
}
