// Label colours: named colours (as Trello boards use) or #rrggbb, with a text colour chosen so
// the pair passes WCAG AA (4.5:1) in both light and dark mode.

export const LABEL_COLORS: Record<string, string> = {
  green: '#b7e4c7',
  yellow: '#fbe7a1',
  orange: '#fdd0a2',
  red: '#f8b4b4',
  purple: '#dcc6f5',
  blue: '#b9d7f7',
  sky: '#b3ecf5',
  lime: '#d3f0a8',
  pink: '#f9c6e3',
  black: '#3a3f45',
  grey: '#d6d9dc',
};

export function hexToRgb(hex: string): [number, number, number] | undefined {
  const m = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(hex.trim());
  if (!m) return undefined;
  let h = m[1]!;
  if (h.length === 3) h = [...h].map((c) => c + c).join('');
  const n = parseInt(h, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: string, b: string): number {
  const la = luminance(hexToRgb(a) ?? [0, 0, 0]);
  const lb = luminance(hexToRgb(b) ?? [0, 0, 0]);
  const [hi, lo] = la > lb ? [la, lb] : [lb, la];
  return (hi + 0.05) / (lo + 0.05);
}

export const DARK_TEXT = '#1b1d20';
export const LIGHT_TEXT = '#ffffff';

/** Background and text colour for a label chip. Unknown colours fall back to grey. */
export function labelColors(color: string): { background: string; color: string } {
  let background = LABEL_COLORS[color.toLowerCase()] ?? (hexToRgb(color) ? normalise(color) : LABEL_COLORS.grey!);
  const text = contrastRatio(background, DARK_TEXT) >= contrastRatio(background, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT;
  // Mid-tones pass with neither: move the background away from the text until the pair passes.
  const toward = text === DARK_TEXT ? 255 : 0;
  for (let i = 1; i <= 10 && contrastRatio(background, text) < 4.5; i++) {
    const [r, g, b] = hexToRgb(background)!;
    background = toHex([r, g, b].map((c) => Math.round(c + (toward - c) * 0.15)) as [number, number, number]);
  }
  return { background, color: text };
}

function toHex(rgb: [number, number, number]): string {
  return `#${rgb.map((n) => n.toString(16).padStart(2, '0')).join('')}`;
}

function normalise(hex: string): string {
  return toHex(hexToRgb(hex)!);
}
