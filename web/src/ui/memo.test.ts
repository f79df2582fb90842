import { describe, expect, it } from 'vitest';
import { shallowEqual } from './memo';

describe('shallowEqual', () => {
  it('compares props by identity, one level deep', () => {
    const f = () => undefined;
    const list = { id: 1 };
    expect(shallowEqual({ a: 1, f, list }, { a: 1, f, list })).toBe(true);
    expect(shallowEqual({ list }, { list: { id: 1 } })).toBe(false);
    expect(shallowEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(shallowEqual({ n: NaN }, { n: NaN })).toBe(true);
  });
});
