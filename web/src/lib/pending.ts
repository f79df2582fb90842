// Announcements waiting for my acknowledgement, known across screens: home lists them, and a
// card sheet of one of them offers "Acknowledge" too. Read once per page load unless home
// reads them again.
import { api } from '../api/api';

let pending: Set<number> | null = null;
let asking: Promise<Set<number>> | null = null;

export function setPending(cardIds: number[]): void {
  pending = new Set(cardIds);
}

export function donePending(cardId: number): void {
  pending?.delete(cardId);
}

/** Whether this card is an announcement I have not acknowledged (asks the server at most once). */
export async function isPending(cardId: number): Promise<boolean> {
  if (!pending) {
    asking ??= api.myAnnouncements().then(
      (r) => (pending = new Set(r.announcements.map((a) => a.card.id))),
      () => (pending = new Set()),
    );
    await asking;
  }
  return pending!.has(cardId);
}
