// A textarea that suggests members after "@" (GET /boards/{id}/mentionable) and inserts the
// mention the server reads. Arrow keys pick, Enter or Tab inserts, Escape closes; a click works
// too. The textarea stays a plain textbox for screen readers, pointing at the active option.
import type { TextareaHTMLAttributes } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/api';
import type { Mentionable } from '../api/types';
import { insertMention, mentionAt, type MentionQuery } from '../lib/mention';

let seq = 0;

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onInput' | 'ref'> & {
  boardId: number;
  value: string;
  onValue: (v: string) => void;
  areaRef?: { current: HTMLTextAreaElement | null };
};

export function MentionArea({ boardId, value, onValue, areaRef, ...rest }: Props) {
  const own = useRef<HTMLTextAreaElement>(null);
  const ref = areaRef ?? own;
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [options, setOptions] = useState<Mentionable[]>([]);
  const [active, setActive] = useState(0);
  const [listId] = useState(() => `mentions-${++seq}`);
  const asked = useRef(0);

  useEffect(() => {
    if (!query) {
      setOptions([]);
      return;
    }
    const n = ++asked.current;
    api.mentionable(boardId, query.query).then(
      (r) => {
        if (n !== asked.current) return; // a later keystroke asked again
        setOptions(r.members);
        setActive(0);
      },
      () => n === asked.current && setOptions([]),
    );
  }, [query?.start, query?.query, boardId]);

  const sync = (el: HTMLTextAreaElement) => setQuery(mentionAt(el.value, el.selectionStart ?? el.value.length));

  const pick = (m: Mentionable) => {
    const el = ref.current;
    if (!el || !query) return;
    const r = insertMention(value, query, el.selectionStart ?? value.length, m.mention);
    onValue(r.text);
    setQuery(null);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(r.caret, r.caret);
    });
  };

  const open = query !== null && options.length > 0;
  return (
    <div class="mention-wrap">
      <textarea
        {...rest}
        ref={ref}
        value={value}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        onInput={(e) => {
          const el = e.target as HTMLTextAreaElement;
          onValue(el.value);
          sync(el);
        }}
        onClick={(e) => sync(e.target as HTMLTextAreaElement)}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
        onKeyDown={(e) => {
          if (!open) return;
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
          } else if (e.key === 'Enter' || e.key === 'Tab') {
            e.preventDefault();
            pick(options[active]!);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            setQuery(null);
          }
        }}
      />
      {open && (
        <ul class="mention-list" id={listId} role="listbox" aria-label="Members to mention">
          {options.map((m, i) => (
            <li
              key={m.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(m);
              }}
            >
              @{m.display_name}
            </li>
          ))}
        </ul>
      )}
      <span class="visually-hidden" aria-live="polite">
        {open ? `${options.length} ${options.length === 1 ? 'member' : 'members'} to mention: arrow keys to choose, Enter to insert.` : ''}
      </span>
    </div>
  );
}
