import { describe, expect, it } from 'vitest';
import type { Member } from '../api/types';
import { loadProgress, saveProgress, steps } from './onboarding';

const member = (over: Partial<Member> = {}): Member => ({ id: 7, display_name: 'Amira Khan', role: 'trainee', grade: null, site: null, interests: [], ...over });

describe('first-visit checklist', () => {
  it('starts with nothing ticked', () => {
    expect(steps(member(), {}).map((s) => s.done)).toEqual([false, false, false]);
  });
  it('ticks the profile once grade and site are both set', () => {
    expect(steps(member({ grade: 'ST3' }), {})[0]!.done).toBe(false);
    expect(steps(member({ grade: 'ST3', site: 'Leeds General' }), {})[0]!.done).toBe(true);
  });
  it('ticks following once an interest is chosen, and posting once recorded', () => {
    const s = steps(member({ interests: ['Neonatology'] }), { posted: true });
    expect(s[1]!.done).toBe(true);
    expect(s[2]!.done).toBe(true);
  });
  it('remembers progress per member', () => {
    const m = new Map<string, string>();
    const store = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
    saveProgress(7, { posted: true }, store);
    expect(loadProgress(7, store)).toEqual({ posted: true });
    expect(loadProgress(8, store)).toEqual({});
  });
});
