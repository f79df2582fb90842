// Follow a space, board or card: watching (every new card and comment), normal (new cards and
// mentions) or muted; "default" clears the member's own choice so the wider follow applies.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/api';
import type { FollowLevel, FollowState, FollowTarget } from '../api/types';
import { useToast } from './toast';

const LEVEL_TEXT: Record<FollowLevel, string> = {
  watching: 'Watching: every new card and comment',
  normal: 'Normal: new cards and mentions',
  muted: 'Muted: nothing',
};
const FROM_TEXT = { space: 'the space', board: 'the board', card: 'the card' } as const;

/** The "default" option's words: what applies without a choice of one's own here. */
export function defaultText(state: FollowState | null): string {
  if (!state || !state.effective_level || state.level) return 'Not following';
  const from = state.effective_from ? ` (from ${FROM_TEXT[state.effective_from]})` : '';
  return `Default: ${state.effective_level}${from}`;
}

/**
 * A "Follow…" button that becomes the level picker. The state is read only when the member asks,
 * so a screen's own request stays its only one.
 */
export function FollowSelect({ type, id, name }: { type: FollowTarget; id: number; name: string }) {
  const toast = useToast();
  const [state, setState] = useState<FollowState | null>(null);
  const [asked, setAsked] = useState(false);
  const [failed, setFailed] = useState(false);
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (!asked) return;
    let live = true;
    api.follow(type, id).then(
      (s) => live && setState(s),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [type, id, asked]);
  useEffect(() => {
    if (state && asked) select.current?.focus();
  }, [state !== null]);
  if (failed) return null;
  const fid = `follow-${type}-${id}`;
  const change = async (value: string) => {
    const before = state;
    try {
      const s = value ? await api.setFollow(type, id, value as FollowLevel) : await api.clearFollow(type, id);
      setState(s ?? (await api.follow(type, id)));
    } catch (e) {
      setState(before);
      toast.error(`Couldn’t change how you follow ${name}: ${(e as Error).message}`);
    }
  };
  const kind = type === 'spaces' ? 'space' : type === 'boards' ? 'board' : 'card';
  if (!asked) {
    return (
      <button type="button" class="btn btn-small btn-quiet follow-btn" aria-label={`Follow ${name}…`} onClick={() => setAsked(true)}>
        Follow…
      </button>
    );
  }
  return (
    <div class="follow">
      <label for={fid} class="small">
        Follow this {kind}
      </label>
      <select ref={select} id={fid} class="input input-small" value={state?.level ?? ''} disabled={!state} onChange={(e) => void change((e.target as HTMLSelectElement).value)}>
        <option value="">{defaultText(state)}</option>
        {(Object.keys(LEVEL_TEXT) as FollowLevel[]).map((l) => (
          <option key={l} value={l}>
            {LEVEL_TEXT[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
