// The first-visit checklist: three first steps that tick themselves as the member takes them.
import type { Member } from '../api/types';

export interface Step {
  key: 'profile' | 'follow' | 'post';
  label: string;
  hint: string;
  done: boolean;
}

export interface Progress {
  posted?: boolean;
  dismissed?: boolean;
}

export function steps(me: Member, progress: Progress): Step[] {
  return [
    {
      key: 'profile',
      label: 'Complete your profile',
      hint: 'Add your grade and hospital so people know who you are.',
      done: Boolean(me.grade && me.site),
    },
    {
      key: 'follow',
      label: 'Follow a sub-specialty',
      hint: 'Pick the interests you want to hear about, such as Neonatology.',
      done: me.interests.length > 0,
    },
    {
      key: 'post',
      label: 'Post or comment for the first time',
      hint: 'Add a card to a board or reply on one. A short “thanks” counts.',
      done: Boolean(progress.posted),
    },
  ];
}

const key = (memberId: number) => `village.onboarding.${memberId}`;

export function loadProgress(memberId: number, store: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Progress {
  try {
    return JSON.parse(store?.getItem(key(memberId)) ?? '{}') as Progress;
  } catch {
    return {};
  }
}

export function saveProgress(memberId: number, p: Progress, store: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    store?.setItem(key(memberId), JSON.stringify(p));
  } catch {
    // Private mode or full storage: the checklist just does not remember.
  }
}

/** Call when the member posts a card or a comment. */
export function notePosted(memberId: number | undefined): void {
  if (memberId === undefined) return;
  const p = loadProgress(memberId);
  if (!p.posted) saveProgress(memberId, { ...p, posted: true });
}
