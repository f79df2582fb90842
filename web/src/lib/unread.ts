// The unread notification count the header's bell shows, shared with the notifications screen
// (which changes it when the member reads). A tiny store: a value and who listens to it.
type Listener = (n: number | null) => void;

let value: number | null = null;
const listeners = new Set<Listener>();

export const unread = {
  get: () => value,
  set(n: number | null) {
    if (n === value) return;
    value = n;
    listeners.forEach((l) => l(n));
  },
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

/** What the bell says to a screen reader. */
export function bellLabel(n: number | null): string {
  if (!n) return 'Notifications';
  return `Notifications, ${n > 99 ? 'more than 99' : n} unread`;
}

export function badgeText(n: number): string {
  return n > 99 ? '99+' : String(n);
}
