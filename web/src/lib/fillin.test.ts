import { describe, expect, it, vi } from 'vitest';
import { fillIn, listsInView, nextCount, MORE_CARDS } from './fillin';

describe('fillIn', () => {
  it('runs one job per task, lower priority numbers first, then in the order asked', () => {
    vi.useFakeTimers();
    const ran: string[] = [];
    fillIn(1, () => ran.push('off-screen A'));
    fillIn(0, () => ran.push('on screen A'));
    const cancel = fillIn(1, () => ran.push('cancelled'));
    fillIn(0, () => ran.push('on screen B'));
    cancel();
    expect(ran).toEqual([]); // nothing before the first paint's task ends
    vi.advanceTimersToNextTimer();
    expect(ran).toEqual(['on screen A']);
    vi.advanceTimersToNextTimer();
    expect(ran).toEqual(['on screen A', 'on screen B']);
    vi.runAllTimers();
    expect(ran).toEqual(['on screen A', 'on screen B', 'off-screen A']);
    vi.useRealTimers();
  });

  it('grows a list by a batch until it is whole', () => {
    expect(nextCount(0, 500)).toBe(MORE_CARDS);
    expect(nextCount(495, 500)).toBe(500);
    expect(nextCount(500, 500)).toBe(500);
  });

  it('counts one list in view on a phone, and the columns that show on a wide screen', () => {
    expect(listsInView(375)).toBe(1);
    expect(listsInView(1280)).toBe(5);
  });
});
