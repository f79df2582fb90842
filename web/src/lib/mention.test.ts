import { describe, expect, it } from 'vitest';
import { insertMention, mentionAt, mentionedIds } from './mention';

describe('mentionAt', () => {
  it('finds the name being typed after an @', () => {
    expect(mentionAt('Thanks @An', 10)).toEqual({ start: 7, query: 'An' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('ask (@ana', 9)).toEqual({ start: 5, query: 'ana' });
    expect(mentionAt('ping @Ana Lo', 12)).toEqual({ start: 5, query: 'Ana Lo' });
  });

  it('ignores email addresses, finished mentions, sentences and line breaks', () => {
    expect(mentionAt('mail ana@nhs.net', 16)).toBeNull();
    expect(mentionAt('@[Ana](member:4) ok', 19)).toBeNull();
    expect(mentionAt('@ana is on call today', 21)).toBeNull();
    expect(mentionAt('@ana\nnext', 9)).toBeNull();
    expect(mentionAt('no at sign', 10)).toBeNull();
  });

  it('looks only before the caret', () => {
    expect(mentionAt('@ana and more', 4)).toEqual({ start: 0, query: 'ana' });
  });
});

describe('insertMention', () => {
  it('replaces the typed name and puts the caret after a space', () => {
    const text = 'Thanks @An, see you';
    const r = insertMention(text, { start: 7, query: 'An' }, 10, '@[Ana Lo](member:4)');
    expect(r.text).toBe('Thanks @[Ana Lo](member:4) , see you');
    expect(r.text.slice(0, r.caret)).toBe('Thanks @[Ana Lo](member:4) ');
  });

  it('does not double a following space', () => {
    const r = insertMention('@an tomorrow', { start: 0, query: 'an' }, 3, '@[Ana](member:4)');
    expect(r.text).toBe('@[Ana](member:4) tomorrow');
  });
});

describe('mentionedIds', () => {
  it('reads each mentioned member once, in order', () => {
    expect(mentionedIds('@[Ana](member:4) and @[Bo](member:12), again @[Ana](member:4)')).toEqual([4, 12]);
    expect(mentionedIds('@[broken](member:x) @[no](member:0)')).toEqual([]);
  });
});
