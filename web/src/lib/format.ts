// Dates, times and counts as people read them. Times arrive as ISO 8601 UTC strings.

const dayFmt = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
const dayYearFmt = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

export function parseTime(iso: string | null | undefined): Date | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** "Tue 14 May, 09:30" (the year only when it is not this year; no time at local midnight). */
export function formatWhen(iso: string | null | undefined, now = new Date()): string {
  const d = parseTime(iso);
  if (!d) return '';
  const day = (d.getFullYear() === now.getFullYear() ? dayFmt : dayYearFmt).format(d).replace(/^(\p{L}+),/u, '$1');
  const midnight = d.getHours() === 0 && d.getMinutes() === 0;
  return midnight ? day : `${day}, ${timeFmt.format(d)}`;
}

/** "just now", "5 min ago", "3 h ago", "2 days ago", then the date. */
export function formatAgo(iso: string | null | undefined, now = new Date()): string {
  const d = parseTime(iso);
  if (!d) return '';
  const s = Math.round((now.getTime() - d.getTime()) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  if (s < 7 * 86400) {
    const days = Math.floor(s / 86400);
    return days === 1 ? 'yesterday' : `${days} days ago`;
  }
  return formatWhen(iso, now);
}

/** Due state of a card, for its badge. */
export function dueState(iso: string | null | undefined, complete: boolean, now = new Date()): 'done' | 'overdue' | 'soon' | 'later' | undefined {
  const d = parseTime(iso);
  if (!d) return undefined;
  if (complete) return 'done';
  const ms = d.getTime() - now.getTime();
  if (ms < 0) return 'overdue';
  if (ms < 24 * 3600 * 1000) return 'soon';
  return 'later';
}

/** Value for <input type="datetime-local"> in the browser's time zone. */
export function toLocalInput(iso: string | null | undefined): string {
  const d = parseTime(iso);
  if (!d) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** An <input type="datetime-local"> value (local time) as an ISO UTC string; '' → null. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const d = new Date(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Checklist progress: done of total and a whole percentage. */
export function progress(items: readonly { done: boolean }[]) {
  const total = items.length;
  const done = items.filter((i) => i.done).length;
  return { done, total, percent: total === 0 ? 0 : Math.round((done / total) * 100) };
}

/** Splits "Neonatology, PICU ,, Allergy" into trimmed, distinct, non-empty entries. */
export function splitList(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(',')) {
    const t = part.trim();
    if (t && !seen.has(t.toLowerCase())) {
      seen.add(t.toLowerCase());
      out.push(t);
    }
  }
  return out;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? parts[parts.length - 1]![0] : '';
  return (first + (last ?? '')).toUpperCase();
}
