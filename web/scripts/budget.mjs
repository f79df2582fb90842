// Pure helpers for the post-build step: which files a first visit loads, and the size budget.

/** The first load may carry at most this many bytes of gzip-compressed JavaScript. */
export const FIRST_LOAD_JS_BUDGET = 80_000;

/** File types that get precompressed .gz and .br copies beside them. */
export const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest|xml)$/;

/**
 * The scripts a browser fetches before the app can start: every module script and
 * modulepreload link in index.html. Returns paths as written (e.g. "/assets/index-abc.js").
 */
export function firstLoadScripts(html) {
  const found = [];
  const tag = /<(script|link)\b([^>]*)>/gi;
  for (const m of html.matchAll(tag)) {
    const attrs = m[2] ?? '';
    if (m[1].toLowerCase() === 'script') {
      const src = attr(attrs, 'src');
      if (src) found.push(src);
    } else if ((attr(attrs, 'rel') ?? '').toLowerCase() === 'modulepreload') {
      const href = attr(attrs, 'href');
      if (href) found.push(href);
    }
  }
  return [...new Set(found)];
}

/** Script elements with a body: the server's CSP (script-src 'self') would block them. */
export function inlineScripts(html) {
  const bad = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!attr(m[1] ?? '', 'src') || (m[2] ?? '').trim() !== '') bad.push(m[0].slice(0, 80));
  }
  // Inline event handlers (onclick="…") are inline script too.
  for (const m of html.matchAll(/<[a-z][^>]*\son[a-z]+\s*=/gi)) bad.push(m[0].slice(0, 80));
  return bad;
}

function attr(attrs, name) {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  if (!m) return undefined;
  return m[2] ?? m[3] ?? m[4];
}

export function formatBytes(n) {
  return n < 1000 ? `${n} B` : `${(n / 1000).toFixed(1)} kB`;
}

/** The verdict line and whether the build passes. */
export function verdict(totalGzip, budget = FIRST_LOAD_JS_BUDGET) {
  const ok = totalGzip <= budget;
  const pct = ((totalGzip / budget) * 100).toFixed(0);
  return {
    ok,
    line: `first-load JavaScript: ${formatBytes(totalGzip)} gzip of ${formatBytes(budget)} budget (${pct}%) — ${ok ? 'OK' : 'OVER BUDGET'}`,
  };
}
