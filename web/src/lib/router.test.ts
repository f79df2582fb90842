import { describe, expect, it } from 'vitest';
import { isSafeNext, parseRoute, paths } from './router';

describe('parseRoute', () => {
  it('knows every screen', () => {
    expect(parseRoute('/')).toEqual({ name: 'home' });
    expect(parseRoute('/signin')).toEqual({ name: 'signin' });
    expect(parseRoute('/boards/12')).toEqual({ name: 'board', boardId: 12 });
    expect(parseRoute('/boards/12/')).toEqual({ name: 'board', boardId: 12 });
    expect(parseRoute('/boards/12/cards/40')).toEqual({ name: 'board', boardId: 12, cardId: 40 });
    expect(parseRoute('/boards/12/settings')).toEqual({ name: 'board-settings', boardId: 12 });
    expect(parseRoute('/cards/40')).toEqual({ name: 'card', cardId: 40 });
    expect(parseRoute('/profile')).toEqual({ name: 'profile' });
    expect(parseRoute('/admin')).toEqual({ name: 'admin' });
    expect(parseRoute('/setup', '?token=abc')).toEqual({ name: 'setup', token: 'abc' });
  });
  it('treats malformed ids and unknown paths as not found', () => {
    for (const p of ['/boards/abc', '/boards/0', '/boards/-1', '/boards/1.5', '/boards/99999999999999999999', '/nope', '/boards/1/cards']) {
      expect(parseRoute(p).name).toBe('not-found');
    }
  });
  it('keeps a safe post-sign-in destination and drops an unsafe one', () => {
    expect(parseRoute('/signin', '?next=%2Fboards%2F3')).toEqual({ name: 'signin', next: '/boards/3' });
    expect(parseRoute('/signin', '?next=%2F%2Fevil.example')).toEqual({ name: 'signin' });
    expect(parseRoute('/signin', '?next=https%3A%2F%2Fevil.example')).toEqual({ name: 'signin' });
  });
});

describe('paths', () => {
  it('round-trips through parseRoute', () => {
    expect(parseRoute(paths.card(3, 9))).toEqual({ name: 'board', boardId: 3, cardId: 9 });
    expect(parseRoute(paths.boardSettings(3))).toEqual({ name: 'board-settings', boardId: 3 });
    const [p, q] = paths.signin('/boards/3').split('?');
    expect(parseRoute(p!, `?${q}`)).toEqual({ name: 'signin', next: '/boards/3' });
  });
  it('never builds a sign-in link that leaves the site', () => {
    expect(paths.signin('//evil.example')).toBe('/signin');
    expect(isSafeNext('/\\evil.example')).toBe(false);
  });
});
