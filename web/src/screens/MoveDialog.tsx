// "Move to…": the keyboard and menu way to do what a drag does — board, list, position.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/api';
import type { BoardSummary, Card } from '../api/types';
import { toBoardView, type BoardView, type ListView } from '../lib/board';
import { anchorAt } from '../lib/order';
import { Dialog } from '../ui/Dialog';
import { SelectField } from '../ui/Field';
import { useToast } from '../ui/toast';

const WRITABLE = new Set(['member', 'editor', 'admin']);

export function MoveDialog(props: {
  card: Card;
  view: BoardView;
  onClose: () => void;
  moveWithin: (listId: number, index: number) => void;
  movedAway: (boardName: string) => void;
}) {
  const toast = useToast();
  const here = props.view.board;
  const [boards, setBoards] = useState<BoardSummary[]>([{ ...here, card_count: 0 }]);
  const [boardId, setBoardId] = useState(here.id);
  const [target, setTarget] = useState<BoardView>(props.view);
  const [listId, setListId] = useState(props.card.list_id);
  const [position, setPosition] = useState(() => {
    const l = props.view.lists.find((x) => x.id === props.card.list_id);
    return Math.max(0, l?.cards.findIndex((c) => c.id === props.card.id) ?? 0);
  });
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.boards().then(
      (b) => {
        const all = [...b.spaces.flatMap((s) => s.boards), ...b.boards_without_space].filter((x) => !x.archived && (x.id === here.id || WRITABLE.has(x.my_role)));
        if (all.length) setBoards(all);
      },
      () => undefined,
    );
  }, [here.id]);

  const chooseBoard = async (id: number) => {
    setBoardId(id);
    if (id === here.id) {
      setTarget(props.view);
      setListId(props.card.list_id);
      return;
    }
    try {
      const v = toBoardView(await api.board(id));
      setTarget(v);
      setListId(v.lists[0]?.id ?? 0);
      setPosition(0);
    } catch (e) {
      toast.error(`Couldn’t open that board: ${(e as Error).message}`);
    }
  };

  const list: ListView | undefined = target.lists.find((l) => l.id === listId);
  const others = list ? list.cards.filter((c) => c.id !== props.card.id) : [];
  const positions = others.length + 1;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!list) return;
    const at = Math.min(position, positions - 1);
    if (boardId === here.id) {
      props.moveWithin(list.id, at);
      return;
    }
    setBusy(true);
    const ids = [...others.slice(0, at).map((c) => c.id), props.card.id, ...others.slice(at).map((c) => c.id)];
    try {
      await api.updateCard(props.card.id, { list_id: list.id, ...anchorAt(ids, at) });
      props.movedAway(target.board.name);
    } catch (err) {
      toast.error(`Couldn’t move the card: ${(err as Error).message}`);
      setBusy(false);
    }
  };

  return (
    <Dialog title="Move card" onClose={props.onClose}>
      <form onSubmit={submit}>
        <p class="muted small">Choose where “{props.card.title}” should go.</p>
        <SelectField label="Board" name="move-board" value={String(boardId)} onValue={(v) => void chooseBoard(Number(v))} options={boards.map((b) => ({ value: String(b.id), label: b.name }))} />
        {target.lists.length === 0 ? (
          <p class="notice">That board has no lists yet.</p>
        ) : (
          <>
            <SelectField
              label="List"
              name="move-list"
              value={String(listId)}
              onValue={(v) => {
                setListId(Number(v));
                setPosition(Number.MAX_SAFE_INTEGER);
              }}
              options={target.lists.filter((l) => !l.archived).map((l) => ({ value: String(l.id), label: l.name }))}
            />
            <SelectField
              label="Position"
              name="move-position"
              value={String(Math.min(position, positions - 1))}
              onValue={(v) => setPosition(Number(v))}
              options={Array.from({ length: positions }, (_, i) => ({
                value: String(i),
                label: i === 0 ? `1 (top)` : i === positions - 1 ? `${i + 1} (bottom)` : String(i + 1),
              }))}
            />
          </>
        )}
        <div class="row row-end">
          <button type="button" class="btn" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy || !list}>
            Move
          </button>
        </div>
      </form>
    </Dialog>
  );
}
