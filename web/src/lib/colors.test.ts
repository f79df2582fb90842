import { describe, expect, it } from 'vitest';
import { contrastRatio, hexToRgb, LABEL_COLORS, labelColors } from './colors';

describe('label colours', () => {
  it('gives every named colour a text colour that passes AA', () => {
    for (const name of Object.keys(LABEL_COLORS)) {
      const { background, color } = labelColors(name);
      expect(contrastRatio(background, color), name).toBeGreaterThanOrEqual(4.5);
    }
  });
  it('picks readable text for arbitrary hex colours', () => {
    for (const hex of ['#000000', '#ffffff', '#ff0000', '#00ff00', '#0000ff', '#777777', '#1f6f5c', '#abc']) {
      const { background, color } = labelColors(hex);
      expect(contrastRatio(background, color), hex).toBeGreaterThanOrEqual(4.5);
    }
  });
  it('falls back to grey for unknown names', () => {
    expect(labelColors('chartreuse-ish').background).toBe(LABEL_COLORS.grey);
  });
  it('parses short and long hex', () => {
    expect(hexToRgb('#abc')).toEqual([170, 187, 204]);
    expect(hexToRgb('1f6f5c')).toEqual([31, 111, 92]);
    expect(hexToRgb('#12345')).toBeUndefined();
  });
  it('computes the WCAG ratio of black on white as 21', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
  });
});
