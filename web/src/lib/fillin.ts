// Filling long lists in after the first paint: a board of 500 cards shows the cards in view at
// once and adds the rest a few at a time, one small batch per task, so the page answers taps and
// scrolls while it fills (DESIGN.md: a board usable within one second on a mid-range phone).
// Batches go lowest priority number first: the lists on screen before those off it.

interface Job {
  priority: number;
  order: number;
  run: () => void;
}

const jobs = new Set<Job>();
let order = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

function tick(): void {
  timer = undefined;
  let next: Job | undefined;
  for (const j of jobs) if (!next || j.priority < next.priority || (j.priority === next.priority && j.order < next.order)) next = j;
  if (!next) return;
  jobs.delete(next);
  next.run();
  if (jobs.size) timer = setTimeout(tick, 0);
}

/** Runs `run` in a task of its own, after the jobs of lower priority; the returned function cancels it. */
export function fillIn(priority: number, run: () => void): () => void {
  const job = { priority, order: order++, run };
  jobs.add(job);
  timer ??= setTimeout(tick, 0);
  return () => jobs.delete(job);
}

/** Cards a list shows before the first paint: a phone screen's worth and some. */
export const FIRST_CARDS = 10;

/**
 * How many lists fit across a window `width` px wide: one on a phone, where a list fills the
 * screen; else as many 288 px columns (styles.css --list-w, plus the gap) as fit, and a part one.
 */
export function listsInView(width: number): number {
  if (width < 700) return 1;
  return Math.ceil(width / 296);
}
/** Cards added per task after it: small enough that a slow phone still answers between batches. */
export const MORE_CARDS = 5;

/** How many of `total` items to render now, growing by MORE_CARDS per task until all are. */
export function nextCount(shown: number, total: number): number {
  return Math.min(total, shown + MORE_CARDS);
}
