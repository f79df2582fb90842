// /cards/{id}: a card link without its board. Finds the board, then shows the card on it.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/api';
import { navigate, paths } from '../lib/router';

export function CardRedirect({ cardId }: { cardId: number }) {
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    api.card(cardId).then(
      (c) => navigate(paths.card(c.board_id, c.id), { replace: true }),
      (e: Error) => setFailed(e.message),
    );
  }, [cardId]);
  if (!failed) return <p class="loading">Opening card…</p>;
  return (
    <div class="page page-narrow">
      <h1>Card not found</h1>
      <p>It may have been deleted, or it isn’t shared with you.</p>
      <a class="btn btn-primary" href={paths.home()}>
        Go to your boards
      </a>
    </div>
  );
}
