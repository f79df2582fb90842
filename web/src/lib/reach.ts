// An announcement's reach as its organiser reads it: counts in words, and the breakdown rows
// by grade and site with their shares, biggest gap first.
import type { Reach, ReachRow } from '../api/types';

/** "3 of 8 (38%)"; "0 of 0" when the audience is empty. */
export function ofTotal(n: number, total: number): string {
  if (total <= 0) return `${n} of 0`;
  return `${n} of ${total} (${Math.round((100 * n) / total)}%)`;
}

export function reachSummary(r: Pick<Reach, 'audience_size' | 'seen' | 'acknowledged'>): string {
  if (r.audience_size === 0) return 'Nobody is in this audience yet.';
  const counts = `Seen by ${ofTotal(r.seen, r.audience_size)} · acknowledged by ${ofTotal(r.acknowledged, r.audience_size)}`;
  return r.acknowledged === r.audience_size ? `${counts}: everyone has.` : counts;
}

export interface ReachLine {
  key: string;
  audience: number;
  seen: number;
  acknowledged: number;
  /** Members of this row who have not acknowledged. */
  missing: number;
}

/** Breakdown rows named for people ("No grade given" for an empty key), largest gap first. */
export function reachRows(rows: readonly ReachRow[], by: 'grade' | 'site'): ReachLine[] {
  return rows
    .map((r) => {
      const key = (by === 'grade' ? r.grade : r.site) ?? '';
      return { key: key || (by === 'grade' ? 'No grade given' : 'No site given'), audience: r.audience, seen: r.seen, acknowledged: r.acknowledged, missing: r.audience - r.acknowledged };
    })
    .sort((a, b) => b.missing - a.missing || a.key.localeCompare(b.key));
}
