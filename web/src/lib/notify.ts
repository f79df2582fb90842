// Notifications and feed items in words, as the notification centre and home show them.
import type { FeedItem, Notification } from '../api/types';
import { paths } from './router';

export function describeNotification(n: Pick<Notification, 'kind' | 'actor' | 'card' | 'board'>): string {
  const who = n.actor?.display_name ?? 'Someone';
  const card = n.card ? `“${n.card.title}”` : 'a card';
  switch (n.kind) {
    case 'mention':
      return `${who} mentioned you on ${card}`;
    case 'reply':
      return `${who} replied on ${card}`;
    case 'comment':
      return `${who} commented on ${card}`;
    case 'card':
      return `${who} added ${card}`;
    case 'assigned':
      return `${who} assigned you to ${card}`;
    case 'announcement':
      return `Announcement: ${card}`;
    default:
      return `${who} changed ${card}`;
  }
}

export function describeFeedItem(f: Pick<FeedItem, 'type' | 'actor' | 'card'>): string {
  const who = f.actor?.display_name ?? 'Someone';
  return f.type === 'comment.added' ? `${who} commented on “${f.card.title}”` : `${who} added “${f.card.title}”`;
}

/** Where a notification or feed item leads: its card on its board, else the board, else home. */
export function targetOf(x: { board: { id: number } | null; card: { id: number } | null }): string {
  if (x.board && x.card) return paths.card(x.board.id, x.card.id);
  if (x.board) return paths.board(x.board.id);
  return paths.home();
}

/** The highest activity id in a page, for "mark all … up to what I have seen". */
export function newestId(items: readonly { activity_id: number }[]): number | undefined {
  return items.length ? Math.max(...items.map((i) => i.activity_id)) : undefined;
}
