import { describe, expect, it } from 'vitest';
import { firstLoadScripts, inlineScripts, verdict, FIRST_LOAD_JS_BUDGET } from './budget.mjs';

const built = `<!doctype html><html><head>
<script type="module" crossorigin src="/assets/index-AbC123.js"></script>
<link rel="modulepreload" crossorigin href="/assets/vendor-Xy9.js">
<link rel="stylesheet" crossorigin href="/assets/index-Q1.css">
</head><body><div id="app"></div></body></html>`;

describe('firstLoadScripts', () => {
  it('lists the entry module and its preloaded chunks, not stylesheets', () => {
    expect(firstLoadScripts(built)).toEqual(['/assets/index-AbC123.js', '/assets/vendor-Xy9.js']);
  });
  it('handles single quotes and unquoted attributes', () => {
    expect(firstLoadScripts(`<script src='/a.js'></script><link rel=modulepreload href=/b.js>`)).toEqual([
      '/a.js',
      '/b.js',
    ]);
  });
});

describe('inlineScripts', () => {
  it('accepts a page whose scripts are all external', () => {
    expect(inlineScripts(built)).toEqual([]);
  });
  it('finds a script with a body', () => {
    expect(inlineScripts('<script>alert(1)</script>')).toHaveLength(1);
  });
  it('finds inline event handlers', () => {
    expect(inlineScripts('<body onload="go()">')).toHaveLength(1);
  });
});

describe('verdict', () => {
  it('passes at the budget and fails one byte above it', () => {
    expect(verdict(FIRST_LOAD_JS_BUDGET).ok).toBe(true);
    expect(verdict(FIRST_LOAD_JS_BUDGET + 1).ok).toBe(false);
    expect(verdict(FIRST_LOAD_JS_BUDGET + 1).line).toContain('OVER BUDGET');
  });
});
