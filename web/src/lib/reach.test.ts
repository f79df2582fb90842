import { describe, expect, it } from 'vitest';
import { ofTotal, reachRows, reachSummary } from './reach';

describe('reach', () => {
  it('says counts as shares of the audience', () => {
    expect(ofTotal(3, 8)).toBe('3 of 8 (38%)');
    expect(ofTotal(0, 0)).toBe('0 of 0');
    expect(reachSummary({ audience_size: 8, seen: 5, acknowledged: 3 })).toBe('Seen by 5 of 8 (63%) · acknowledged by 3 of 8 (38%)');
    expect(reachSummary({ audience_size: 4, seen: 4, acknowledged: 4 })).toBe('Seen by 4 of 4 (100%) · acknowledged by 4 of 4 (100%): everyone has.');
    expect(reachSummary({ audience_size: 0, seen: 0, acknowledged: 0 })).toBe('Nobody is in this audience yet.');
  });

  it('names rows for people and puts the largest gap first', () => {
    const rows = reachRows(
      [
        { grade: 'ST1', audience: 4, seen: 4, acknowledged: 4 },
        { grade: null, audience: 2, seen: 0, acknowledged: 0 },
        { grade: 'ST3', audience: 5, seen: 3, acknowledged: 1 },
      ],
      'grade',
    );
    expect(rows.map((r) => [r.key, r.missing])).toEqual([
      ['ST3', 4],
      ['No grade given', 2],
      ['ST1', 0],
    ]);
    expect(reachRows([{ site: '', audience: 1, seen: 0, acknowledged: 0 }], 'site')[0]!.key).toBe('No site given');
  });
});
