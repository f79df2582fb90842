import { describe, expect, it } from 'vitest';
import { countRows } from './importReport';

describe('countRows', () => {
  it('names counts in a fixed order and keeps unknown ones', () => {
    const rows = countRows({ comments: 8, cards: 10, lists: 5, new_thing: 2 });
    expect(rows.map((r) => [r.label, r.value])).toEqual([
      ['Lists', 5],
      ['Cards', 10],
      ['Comments', 8],
      ['New thing', 2],
    ]);
  });
});
