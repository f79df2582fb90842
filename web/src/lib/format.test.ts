import { describe, expect, it } from 'vitest';
import { dueState, formatAgo, formatWhen, fromLocalInput, initials, plural, progress, splitList, toLocalInput } from './format';

describe('dates', () => {
  const now = new Date(2026, 4, 14, 12, 0);
  it('shows day and time, the year only when it differs, no time at midnight', () => {
    expect(formatWhen(new Date(2026, 4, 19, 9, 30).toISOString(), now)).toBe('Tue 19 May, 09:30');
    expect(formatWhen(new Date(2026, 4, 19).toISOString(), now)).toBe('Tue 19 May');
    expect(formatWhen(new Date(2027, 0, 5, 14, 0).toISOString(), now)).toBe('Tue 5 Jan 2027, 14:00');
    expect(formatWhen(null, now)).toBe('');
    expect(formatWhen('not a date', now)).toBe('');
  });
  it('says how long ago', () => {
    const ago = (s: number) => new Date(now.getTime() - s * 1000).toISOString();
    expect(formatAgo(ago(5), now)).toBe('just now');
    expect(formatAgo(ago(300), now)).toBe('5 min ago');
    expect(formatAgo(ago(3 * 3600), now)).toBe('3 h ago');
    expect(formatAgo(ago(30 * 3600), now)).toBe('yesterday');
    expect(formatAgo(ago(3 * 86400), now)).toBe('3 days ago');
  });
  it('round-trips datetime-local values through UTC', () => {
    const iso = fromLocalInput('2026-05-19T09:30');
    expect(iso).toMatch(/^2026-05-1\dT\d\d:30:00Z$/);
    expect(toLocalInput(iso)).toBe('2026-05-19T09:30');
    expect(fromLocalInput('')).toBeNull();
  });
  it('tells the due state', () => {
    const at = (h: number) => new Date(now.getTime() + h * 3600_000).toISOString();
    expect(dueState(at(-1), false, now)).toBe('overdue');
    expect(dueState(at(-1), true, now)).toBe('done');
    expect(dueState(at(2), false, now)).toBe('soon');
    expect(dueState(at(48), false, now)).toBe('later');
    expect(dueState(null, false, now)).toBeUndefined();
  });
});

describe('text helpers', () => {
  it('counts', () => {
    expect(plural(1, 'card')).toBe('1 card');
    expect(plural(3, 'card')).toBe('3 cards');
    expect(plural(0, 'reply', 'replies')).toBe('0 replies');
  });
  it('measures checklist progress', () => {
    expect(progress([])).toEqual({ done: 0, total: 0, percent: 0 });
    expect(progress([{ done: true }, { done: false }, { done: false }])).toEqual({ done: 1, total: 3, percent: 33 });
  });
  it('splits interest lists', () => {
    expect(splitList(' Neonatology, PICU ,, neonatology, Allergy ')).toEqual(['Neonatology', 'PICU', 'Allergy']);
  });
  it('makes initials', () => {
    expect(initials('Amira  Khan')).toBe('AK');
    expect(initials('Sam')).toBe('S');
    expect(initials('')).toBe('?');
  });
});
