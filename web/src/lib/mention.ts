// @mentions while typing: what is being typed after an "@", and the text once a member is
// picked. The inserted form is `@[Name](member:42)` (docs/api/notifications.md): the id decides
// who is notified, the name is what readers see.

export interface MentionQuery {
  /** Index of the "@". */
  start: number;
  /** What follows it up to the caret. */
  query: string;
}

const MAX_QUERY = 40;

/**
 * The mention being typed at `caret`, if any: an "@" at the start or after a space, bracket or
 * line break, followed by up to 40 characters with no line break and not already a mention.
 */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  const prev = at === 0 ? '' : before[at - 1]!;
  if (prev !== '' && !/[\s([{>"'“]/.test(prev)) return null; // an email address, say
  const query = before.slice(at + 1);
  if (query.length > MAX_QUERY || /[\n\r[\]()@]/.test(query)) return null;
  // Two words are fine ("@Ana Lo"), a sentence is not.
  if (/\s\S*\s/.test(query) || /^\s/.test(query)) return null;
  return { start: at, query };
}

/** Replaces the typed "@query" with the mention and a space; returns the text and the caret. */
export function insertMention(text: string, q: MentionQuery, caret: number, mention: string): { text: string; caret: number } {
  const head = text.slice(0, q.start) + mention + ' ';
  const tail = text.slice(caret).replace(/^ /, '');
  return { text: head + tail, caret: head.length };
}

/** Member ids mentioned in a text, each once, in order (as the server reads them). */
export function mentionedIds(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/@\[([^\]\n[]*)\]\(member:([1-9][0-9]{0,15})\)/g)) {
    const id = Number(m[2]);
    if (!out.includes(id)) out.push(id);
  }
  return out;
}
