import { describe, expect, it } from 'vitest';
import { badgeText, bellLabel, unread } from './unread';

describe('unread', () => {
  it('tells listeners when the count changes, once per change', () => {
    const seen: (number | null)[] = [];
    const stop = unread.subscribe((n) => seen.push(n));
    unread.set(3);
    unread.set(3);
    unread.set(0);
    stop();
    unread.set(5);
    expect(seen).toEqual([3, 0]);
  });

  it('labels the bell for screen readers and keeps the badge short', () => {
    expect(bellLabel(null)).toBe('Notifications');
    expect(bellLabel(0)).toBe('Notifications');
    expect(bellLabel(4)).toBe('Notifications, 4 unread');
    expect(bellLabel(250)).toBe('Notifications, more than 99 unread');
    expect(badgeText(250)).toBe('99+');
  });
});
