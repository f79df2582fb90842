// One card: a full-screen sheet on a phone, a dialog on a desktop. Title, the markdown body
// (rendered by the server), labels, dates and place, checklist, assignees, reactions, comments,
// move and archive.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type CardPatch } from '../api/api';
import { ApiError } from '../api/http';
import type { Card, Checklist, Comment, Member } from '../api/types';
import type { BoardView } from '../lib/board';
import { applyPatch, conversation, toggleReaction } from '../lib/card';
import { labelColors } from '../lib/colors';
import { formatAgo, formatWhen, fromLocalInput, progress, toLocalInput } from '../lib/format';
import { notePosted } from '../lib/onboarding';
import { donePending, isPending } from '../lib/pending';
import { Dialog } from '../ui/Dialog';
import { FollowSelect } from '../ui/Follow';
import { MentionArea } from '../ui/MentionArea';
import { AnnouncementPanel } from './Announcement';
import { useToast } from '../ui/toast';
import { MoveDialog } from './MoveDialog';

export const EMOJI = ['👍', '❤️', '🎉', '👀', '🙏'] as const;
const EMOJI_NAMES: Record<string, string> = { '👍': 'thumbs up', '❤️': 'heart', '🎉': 'celebrate', '👀': 'looking', '🙏': 'thank you' };

interface Props {
  cardId: number;
  view: BoardView;
  me: Member | null;
  onClose: () => void;
  onChanged: (card: Card | null, removedId?: number) => void;
  moveWithin: (cardId: number, listId: number, index: number) => void;
  /** Someone else changed this card (over the live socket): `n` counts the changes. */
  changed?: { n: number; by: string | null } | null;
}

export function CardSheet(p: Props) {
  const toast = useToast();
  const [card, setCard] = useState<Card | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [moving, setMoving] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const remove = async () => {
    if (!card) return;
    try {
      await api.deleteCard(card.id);
      toast.info(`Card “${card.title}” deleted.`);
      p.onChanged(null, card.id);
      p.onClose();
    } catch (e) {
      setDeleting(false);
      toast.error(`Couldn’t delete the card: ${(e as Error).message}`);
    }
  };

  useEffect(() => {
    let live = true;
    api.card(p.cardId).then(
      (c) => live && setCard(c),
      (e: ApiError) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [p.cardId]);

  // Another member changed this card: read it again. What the member is typing stays (each
  // editor keeps its own draft); if they are editing, a quiet note says the card changed.
  const [updatedNote, setUpdatedNote] = useState<string | null>(null);
  const sheetRef = useRef<HTMLDivElement>(null);
  const changedN = p.changed?.n;
  useEffect(() => {
    if (changedN === undefined || !card) return;
    const editing = sheetRef.current?.querySelector('#card-body') !== null || (document.activeElement instanceof HTMLTextAreaElement && document.activeElement.value.trim() !== '') || document.activeElement instanceof HTMLInputElement;
    let live = true;
    api.card(p.cardId).then(
      (c) => {
        if (!live) return;
        setCard(c);
        if (editing) setUpdatedNote(`${p.changed?.by ?? 'Someone'} updated this card just now. Your draft is kept.`);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [changedN]);

  const board = p.view.board;
  // What this viewer may do with this card, as the server decided it.
  const perms = card?.permissions;
  const editable = Boolean(perms?.can_edit);

  /** Saves fields of the card; shows the change at once and takes it back if refused. */
  const save = async (patch: CardPatch, what = 'Couldn’t save the card'): Promise<boolean> => {
    if (!card) return false;
    const before = card;
    setCard(applyPatch(card, patch, board.labels, board.members));
    try {
      const saved = await api.updateCard(card.id, patch);
      setCard(saved);
      p.onChanged(saved);
      return true;
    } catch (e) {
      setCard(before);
      toast.error(`${what}: ${(e as Error).message}`);
      return false;
    }
  };

  // Refreshes the card from the server after a change to something that hangs off it.
  const refresh = async () => {
    try {
      const c = await api.card(p.cardId);
      setCard(c);
      p.onChanged(c);
    } catch {
      // Keep what is shown; the next open will load it again.
    }
  };

  const title = card ? card.title : error ? 'Card not found' : 'Loading card…';
  const listName = card ? p.view.lists.find((l) => l.id === card.list_id)?.name : undefined;

  return (
    <>
    <Dialog sheet title={<span class="muted small">{listName ? `In list: ${listName}` : 'Card'}</span>} label={`Card: ${title}`} onClose={p.onClose}>
      {error && (
        <div role="alert">
          <p>{error.status === 404 ? 'This card has been deleted, or it isn’t shared with you.' : error.message}</p>
          <button type="button" class="btn btn-primary" onClick={p.onClose}>
            Back to the board
          </button>
        </div>
      )}
      {!card && !error && <p class="loading">Loading card…</p>}
      {card && (
        <div ref={sheetRef}>
          <p class="updated-note small" role="status">
            {updatedNote}
          </p>
          {card.archived && (
            <div class="notice notice-warn row">
              <span class="spacer">This card is archived: only people who show archived cards see it.</span>
              {editable && (
                <button type="button" class="btn btn-small" onClick={() => void save({ archived: false }, 'Couldn’t restore the card')}>
                  Restore
                </button>
              )}
            </div>
          )}
          {p.me && <ForYou cardId={card.id} />}
          <TitleEditor card={card} editable={editable} save={save} />
          <p class="muted small">
            {card.author ? <>Added by {card.author.display_name}</> : 'Added'}
            {card.created_at && <> · {formatAgo(card.created_at)}</>}
          </p>
          {editable && (
            <div class="row section">
              <button type="button" class="btn btn-small" onClick={() => setMoving(true)}>
                Move…
              </button>
              {editable && !card.archived && (
                <button
                  type="button"
                  class="btn btn-small"
                  onClick={async () => {
                    if (await save({ archived: true }, 'Couldn’t archive the card')) toast.info(`Card “${card.title}” archived.`, { label: 'Undo', run: () => void save({ archived: false }, 'Couldn’t restore the card') });
                  }}
                >
                  Archive
                </button>
              )}
              <button type="button" class="btn btn-small" aria-pressed={card.pinned} onClick={() => void save({ pinned: !card.pinned })}>
                {card.pinned ? 'Unpin' : 'Pin'}
              </button>
              {perms?.can_delete && (
                <button type="button" class="btn btn-small btn-danger" onClick={() => setDeleting(true)}>
                  Delete…
                </button>
              )}
            </div>
          )}
          {p.me && (
            <div class="row section">
              <FollowSelect type="cards" id={card.id} name={`“${card.title}”`} />
            </div>
          )}
          {p.me && (board.my_role === 'admin' || p.me.role === 'admin') && <AnnouncementPanel cardId={card.id} />}
          <Labels card={card} view={p.view} editable={editable} save={save} />
          <Body card={card} boardId={board.id} editable={editable} save={save} />
          <Details card={card} editable={editable} save={save} />
          <Assignees card={card} view={p.view} editable={editable} save={save} />
          <Checklists card={card} editable={editable} canCheck={Boolean(perms?.can_check_items)} onChange={refresh} setCard={(c) => { setCard(c); p.onChanged(c); }} />
          <Reactions card={card} canReact={Boolean(perms?.can_react)} setCard={setCard} />
          <Comments card={card} me={p.me} canComment={Boolean(perms?.can_comment)} commentsEnabled={board.comments_enabled} setCard={(c) => { setCard(c); p.onChanged(c); }} />
        </div>
      )}
    </Dialog>
      {/* Further dialogs sit beside the sheet, not inside it, so each is laid out on its own. */}
      {deleting && card && (
        <Dialog title="Delete this card?" onClose={() => setDeleting(false)}>
          <p>“{card.title}”, its checklist and its comments will be deleted for good. Archiving instead hides it and keeps it.</p>
          <div class="row row-end">
            <button type="button" class="btn" onClick={() => setDeleting(false)}>
              Keep it
            </button>
            <button type="button" class="btn btn-danger" onClick={() => void remove()}>
              Delete for good
            </button>
          </div>
        </Dialog>
      )}
      {moving && card && (
        <MoveDialog
          card={card}
          view={p.view}
          onClose={() => setMoving(false)}
          moveWithin={(listId, index) => {
            setMoving(false);
            p.moveWithin(card.id, listId, index);
            setCard({ ...card, list_id: listId });
          }}
          movedAway={(boardName) => {
            setMoving(false);
            toast.info(`Moved “${card.title}” to ${boardName}.`);
            p.onChanged(null, card.id);
            p.onClose();
          }}
        />
      )}
    </>
  );
}

type Save = (patch: CardPatch, what?: string) => Promise<boolean>;

/** An announcement to me that I have not acknowledged: opening it counts as seen. */
function ForYou({ cardId }: { cardId: number }) {
  const toast = useToast();
  const [pending, setPending] = useState(false);
  useEffect(() => {
    let live = true;
    void isPending(cardId).then((yes) => {
      if (!live || !yes) return;
      setPending(true);
      void api.announcementSeen(cardId).catch(() => undefined);
    });
    return () => {
      live = false;
    };
  }, [cardId]);
  if (!pending) return null;
  const acknowledge = async () => {
    try {
      await api.acknowledge(cardId);
      donePending(cardId);
      setPending(false);
      toast.info('Acknowledged. Thank you.');
    } catch (e) {
      toast.error(`Couldn’t acknowledge it: ${(e as Error).message}`);
    }
  };
  return (
    <div class="notice row announcement-for-you">
      <span class="spacer">An announcement for you: please read it, then acknowledge it.</span>
      <button type="button" class="btn btn-primary btn-small" onClick={() => void acknowledge()}>
        Acknowledge
      </button>
    </div>
  );
}

function TitleEditor({ card, editable, save }: { card: Card; editable: boolean; save: Save }) {
  const [value, setValue] = useState(card.title);
  const input = useRef<HTMLTextAreaElement>(null);
  // A title changed by someone else shows, unless the member is typing one.
  useEffect(() => {
    if (document.activeElement !== input.current) setValue(card.title);
  }, [card.title]);
  if (!editable) return <h2 class="card-title">{card.title}</h2>;
  const commit = () => {
    const t = value.trim();
    if (!t) setValue(card.title);
    else if (t !== card.title) void save({ title: t }, 'Couldn’t rename the card');
  };
  return (
    <div class="field">
      <label for="card-title" class="visually-hidden">
        Card title
      </label>
      <textarea
        id="card-title"
        ref={input}
        class="input card-title-input"
        rows={1}
        maxLength={512}
        value={value}
        onInput={(e) => setValue((e.target as HTMLTextAreaElement).value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            (e.target as HTMLTextAreaElement).blur();
          }
        }}
      />
    </div>
  );
}

function Labels({ card, view, editable, save }: { card: Card; view: BoardView; editable: boolean; save: Save }) {
  const [editing, setEditing] = useState(false);
  const labels = view.board.labels;
  const chosen = new Set(card.labels.map((l) => l.id));
  if (labels.length === 0 && !chosen.size) return null;
  const toggle = (id: number) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    void save({ label_ids: [...next] }, 'Couldn’t change the labels');
  };
  return (
    <section class="section" aria-labelledby="card-labels-h">
      <h3 id="card-labels-h">
        Labels
        {editable && (
          <button type="button" class="btn btn-quiet btn-small" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {editing ? 'Done' : 'Change'}
          </button>
        )}
      </h3>
      {editing ? (
        <fieldset>
          <legend class="visually-hidden">Labels on this card</legend>
          {labels.map((l) => (
            <label class="choice" key={l.id}>
              <input type="checkbox" checked={chosen.has(l.id)} onChange={() => toggle(l.id)} />
              <span class="chip" style={labelColors(l.color)}>
                {l.name || l.color}
              </span>
            </label>
          ))}
        </fieldset>
      ) : chosen.size ? (
        <div class="chips">
          {card.labels.map((l) => (
              <span key={l.id} class="chip" style={labelColors(l.color)}>
                {l.name || l.color}
              </span>
            ))}
        </div>
      ) : (
        <p class="muted small">No labels.</p>
      )}
    </section>
  );
}

function Body({ card, boardId, editable, save }: { card: Card; boardId: number; editable: boolean; save: Save }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(card.body);
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (editing) area.current?.focus();
  }, [editing]);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const ok = await save({ body: text }, 'Couldn’t save the description');
    setBusy(false);
    if (ok) setEditing(false);
  };
  return (
    <section class="section" aria-labelledby="card-body-h">
      <h3 id="card-body-h">
        Description
        {editable && !editing && (
          <button
            type="button"
            class="btn btn-quiet btn-small"
            onClick={() => {
              setText(card.body);
              setEditing(true);
            }}
          >
            {card.body ? 'Edit' : 'Add'}
          </button>
        )}
      </h3>
      {editing ? (
        <form onSubmit={submit}>
          <label for="card-body" class="visually-hidden">
            Description (markdown)
          </label>
          <MentionArea id="card-body" boardId={boardId} areaRef={area} class="input" rows={8} value={text} onValue={setText} aria-describedby="card-body-hint" />
          <p id="card-body-hint" class="muted small">
            Markdown works: **bold**, _italic_, “- ” for a list, [a link](https://…). Type @ and a name to mention someone. Save to see it formatted.
          </p>
          <div class="row">
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save'}
            </button>
            <button type="button" class="btn" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : card.body_html ? (
        // body_html is rendered by the server (cmark-gfm, safe mode): the one place the app
        // inserts HTML.
        <div class="markdown" dangerouslySetInnerHTML={{ __html: card.body_html }} />
      ) : (
        <p class="muted small">{editable ? 'No description yet. Add the details people need: what, when, where, who to ask.' : 'No description.'}</p>
      )}
    </section>
  );
}

function Details({ card, editable, save }: { card: Card; editable: boolean; save: Save }) {
  const [editing, setEditing] = useState(false);
  const [start, setStart] = useState('');
  const [due, setDue] = useState('');
  const [place, setPlace] = useState('');
  const begin = () => {
    setStart(toLocalInput(card.start_at));
    setDue(toLocalInput(card.due_at));
    setPlace(card.location ?? '');
    setEditing(true);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = await save({ start_at: fromLocalInput(start), due_at: fromLocalInput(due), location: place.trim() || null }, 'Couldn’t save the dates');
    if (ok) setEditing(false);
  };
  const has = card.start_at || card.due_at || card.location;
  if (!has && !editable) return null;
  return (
    <section class="section" aria-labelledby="card-when-h">
      <h3 id="card-when-h">
        When and where
        {editable && !editing && (
          <button type="button" class="btn btn-quiet btn-small" onClick={begin}>
            {has ? 'Edit' : 'Add'}
          </button>
        )}
      </h3>
      {editing ? (
        <form onSubmit={submit}>
          <div class="grid-2">
            <div class="field">
              <label for="card-start">Starts</label>
              <input id="card-start" type="datetime-local" value={start} onInput={(e) => setStart((e.target as HTMLInputElement).value)} />
            </div>
            <div class="field">
              <label for="card-due">Due or ends</label>
              <input id="card-due" type="datetime-local" value={due} onInput={(e) => setDue((e.target as HTMLInputElement).value)} />
            </div>
          </div>
          <div class="field">
            <label for="card-place">Location</label>
            <input id="card-place" maxLength={200} placeholder="e.g. Education Centre, Leeds General Infirmary" value={place} onInput={(e) => setPlace((e.target as HTMLInputElement).value)} />
          </div>
          <div class="row">
            <button type="submit" class="btn btn-primary">
              Save
            </button>
            <button type="button" class="btn" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : has ? (
        <ul class="table-list">
          {card.start_at && (
            <li>
              <span class="muted">Starts</span> <span class="who">{formatWhen(card.start_at)}</span>
            </li>
          )}
          {card.due_at && (
            <li>
              <span class="muted">Due</span>
              <span class="who">{formatWhen(card.due_at)}</span>
              {editable ? (
                <label class="choice">
                  <input type="checkbox" checked={card.due_complete} onChange={() => void save({ due_complete: !card.due_complete })} />
                  Done
                </label>
              ) : (
                card.due_complete && <span class="badge badge-done">Done</span>
              )}
            </li>
          )}
          {card.location && (
            <li>
              <span class="muted">Where</span> <span class="who">{card.location}</span>
            </li>
          )}
        </ul>
      ) : (
        <p class="muted small">Add a date and place to make this card an event.</p>
      )}
    </section>
  );
}

function Assignees({ card, view, editable, save }: { card: Card; view: BoardView; editable: boolean; save: Save }) {
  const [editing, setEditing] = useState(false);
  const ids = new Set(card.assignees.map((a) => a.id));
  const members = view.board.members;
  const names = card.assignees;
  if (!editable && ids.size === 0) return null;
  const toggle = (id: number) => {
    const next = new Set(ids);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    void save({ assignee_ids: [...next] }, 'Couldn’t change who is on the card');
  };
  return (
    <section class="section" aria-labelledby="card-people-h">
      <h3 id="card-people-h">
        People
        {editable && members.length > 0 && (
          <button type="button" class="btn btn-quiet btn-small" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {editing ? 'Done' : 'Change'}
          </button>
        )}
      </h3>
      {editing ? (
        <fieldset>
          <legend class="visually-hidden">People on this card</legend>
          {members.map((m) => (
            <label class="choice" key={m.id}>
              <input type="checkbox" checked={ids.has(m.id)} onChange={() => toggle(m.id)} />
              {m.display_name}
            </label>
          ))}
        </fieldset>
      ) : names.length ? (
        <p>{names.map((n) => n.display_name).join(', ')}</p>
      ) : (
        <p class="muted small">{members.length ? 'Nobody yet. Add the people responsible.' : 'Add members to the board (in its settings) to put them on cards.'}</p>
      )}
    </section>
  );
}

function Checklists({ card, editable, canCheck, onChange, setCard }: { card: Card; editable: boolean; canCheck: boolean; onChange: () => Promise<void>; setCard: (c: Card) => void }) {
  const toast = useToast();
  const lists = card.checklists ?? [];
  const [adding, setAdding] = useState(false);

  const toggle = async (list: Checklist, itemId: number, done: boolean) => {
    const before = card;
    setCard({ ...card, checklists: lists.map((l) => (l.id === list.id ? { ...l, items: l.items.map((i) => (i.id === itemId ? { ...i, done } : i)) } : l)) });
    try {
      await api.updateChecklistItem(itemId, { done });
    } catch (e) {
      setCard(before);
      toast.error(`Couldn’t tick the item: ${(e as Error).message}`);
    }
  };

  const addChecklist = async () => {
    setAdding(true);
    try {
      await api.addChecklist(card.id, 'Checklist');
      await onChange();
    } catch (e) {
      toast.error(`Couldn’t add a checklist: ${(e as Error).message}`);
    } finally {
      setAdding(false);
    }
  };

  if (!lists.length && !editable) return null;
  return (
    <section class="section" aria-labelledby="card-check-h">
      <h3 id="card-check-h">Checklist</h3>
      {lists.length === 0 && (
        <>
          <p class="muted small">Break the work into steps people can tick off.</p>
          <button type="button" class="btn btn-small" onClick={() => void addChecklist()} disabled={adding}>
            Add a checklist
          </button>
        </>
      )}
      {lists.map((list) => {
        const pr = progress(list.items);
        return (
          <div key={list.id} class="checklist">
            {lists.length > 1 && <h4>{list.name}</h4>}
            <div class="row small">
              <span class="spacer" id={`prog-${list.id}`}>
                {pr.done} of {pr.total} done
              </span>
              <span aria-hidden="true">{pr.percent}%</span>
            </div>
            <progress max={Math.max(pr.total, 1)} value={pr.done} aria-labelledby={`prog-${list.id}`} />
            <ul class="check-items">
              {list.items.map((item) => (
                <li key={item.id}>
                  <label>
                    <input type="checkbox" checked={item.done} disabled={!canCheck} onChange={() => void toggle(list, item.id, !item.done)} />
                    <span class={item.done ? 'done-text' : undefined}>{item.text}</span>
                  </label>
                </li>
              ))}
            </ul>
            {editable && <AddItem checklistId={list.id} onAdded={onChange} />}
          </div>
        );
      })}
    </section>
  );
}

function AddItem({ checklistId, onAdded }: { checklistId: number; onAdded: () => Promise<void> }) {
  const toast = useToast();
  const [text, setText] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const t = text.trim();
    if (!t) return;
    setText('');
    try {
      await api.addChecklistItem(checklistId, t);
      await onAdded();
    } catch (err) {
      setText(t);
      toast.error(`Couldn’t add the item: ${(err as Error).message}`);
    }
    input.current?.focus();
  };
  return (
    <form class="row" onSubmit={submit}>
      <label for={`add-item-${checklistId}`} class="visually-hidden">
        New checklist item
      </label>
      <input id={`add-item-${checklistId}`} ref={input} class="input spacer" placeholder="Add an item…" maxLength={512} value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
      <button type="submit" class="btn">
        Add
      </button>
    </form>
  );
}

function Reactions({ card, canReact, setCard }: { card: Card; canReact: boolean; setCard: (c: Card) => void }) {
  const toast = useToast();
  const reactions = card.reactions ?? [];
  const click = async (emoji: string) => {
    const before = card;
    const mine = reactions.find((r) => r.emoji === emoji)?.mine ?? false;
    setCard({ ...card, reactions: toggleReaction(reactions, emoji) });
    try {
      const res = mine ? await api.unreact(card.id, emoji) : await api.react(card.id, emoji);
      setCard({ ...card, reactions: res.reactions });
    } catch (e) {
      setCard(before);
      toast.error(`Couldn’t react: ${(e as Error).message}`);
    }
  };
  const shown = canReact ? EMOJI.map((e) => reactions.find((r) => r.emoji === e) ?? { emoji: e, count: 0, mine: false }) : reactions;
  const extra = canReact ? reactions.filter((r) => !(EMOJI as readonly string[]).includes(r.emoji)) : [];
  if (!shown.length && !extra.length) return null;
  return (
    <section class="section" aria-labelledby="card-react-h">
      <h3 id="card-react-h">Reactions</h3>
      <div class="reactions">
        {[...shown, ...extra].map((r) => (
          <button
            key={r.emoji}
            type="button"
            class="reaction"
            aria-pressed={r.mine}
            disabled={!canReact}
            aria-label={`${EMOJI_NAMES[r.emoji] ?? r.emoji}: ${r.count}`}
            onClick={() => void click(r.emoji)}
          >
            <span aria-hidden="true">
              {r.emoji} {r.count > 0 ? r.count : ''}
            </span>
          </button>
        ))}
      </div>
    </section>
  );
}

function Comments(p: { card: Card; me: Member | null; canComment: boolean; commentsEnabled: boolean; setCard: (c: Card) => void }) {
  const toast = useToast();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const page = p.card.comments;
  const comments = conversation(page.comments);
  const more = Math.max(0, page.total - comments.length);

  const submit = async (e: Event) => {
    e.preventDefault();
    const t = text.trim();
    if (!t) return;
    setBusy(true);
    try {
      const c = await api.addComment(p.card.id, t);
      setText('');
      notePosted(p.me?.id);
      p.setCard({ ...p.card, comments: { ...page, comments: [...page.comments, c], total: page.total + 1 } });
    } catch (err) {
      toast.error(`Couldn’t post the comment: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (c: Comment) => {
    const before = p.card;
    p.setCard({ ...p.card, comments: { ...page, comments: page.comments.map((x) => (x.id === c.id ? { ...x, deleted: true, body: null, body_html: null, reactions: [] } : x)) } });
    try {
      await api.deleteComment(c.id);
    } catch (err) {
      p.setCard(before);
      toast.error(`Couldn’t delete the comment: ${(err as Error).message}`);
    }
  };

  const loadOlder = async () => {
    try {
      const older = await api.comments(p.card.id, page.next_before ?? undefined);
      p.setCard({ ...p.card, comments: { ...older, comments: [...page.comments, ...older.comments] } });
    } catch (err) {
      toast.error(`Couldn’t load older comments: ${(err as Error).message}`);
    }
  };

  return (
    <section class="section" aria-labelledby="card-comments-h">
      <h3 id="card-comments-h">Comments {page.total > 0 && <span class="muted">({page.total})</span>}</h3>
      {more > 0 && page.next_before && (
        <button type="button" class="btn btn-small" onClick={() => void loadOlder()}>
          Show {more} older {more === 1 ? 'comment' : 'comments'}
        </button>
      )}
      {comments.length > 0 ? (
        <ol class="comments">
          {comments.map((c) =>
            c.deleted ? (
              <li class="comment" key={c.id}>
                <p class="muted small">Comment removed.</p>
              </li>
            ) : (
            <li class="comment" key={c.id}>
              <div class="comment-body">
                <div class="comment-meta">
                  <strong>{c.author?.display_name ?? 'Someone'}</strong> · <time dateTime={c.created_at}>{formatAgo(c.created_at)}</time>
                  {c.edited && ' · edited'}
                </div>
                {/* Server-rendered markdown (cmark-gfm, safe mode). */}
                <div class="markdown" dangerouslySetInnerHTML={{ __html: c.body_html ?? '' }} />
              </div>
              {c.can_delete && (
                <button type="button" class="btn btn-quiet btn-small" aria-label={`Delete comment by ${c.author?.display_name ?? 'someone'}`} onClick={() => void remove(c)}>
                  Delete
                </button>
              )}
            </li>
            ),
          )}
        </ol>
      ) : (
        p.canComment && <p class="muted small">No comments yet. Ask a question or say thanks.</p>
      )}
      {p.canComment ? (
        <form onSubmit={submit}>
          <label for="new-comment" class="visually-hidden">
            Write a comment
          </label>
          <MentionArea id="new-comment" boardId={p.card.board_id} class="input" rows={3} placeholder="Write a comment… (@ to mention)" value={text} onValue={setText} />
          <div class="row row-end">
            <button type="submit" class="btn btn-primary" disabled={busy || !text.trim()}>
              {busy ? 'Posting…' : 'Comment'}
            </button>
          </div>
        </form>
      ) : (
        <p class="muted small">{p.me ? (p.commentsEnabled ? 'You can’t comment on this board.' : 'Comments are turned off on this board.') : 'Sign in to comment.'}</p>
      )}
    </section>
  );
}
