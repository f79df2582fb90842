// After `vite build`: writes .gz and .br copies beside every text asset in dist/, prints sizes,
// and fails when the first load needs more than the budget of compressed JavaScript or when
// index.html has an inline script. `--check-only` measures without writing.
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { COMPRESSIBLE, FIRST_LOAD_JS_BUDGET, firstLoadScripts, inlineScripts, formatBytes, verdict } from './budget.mjs';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const checkOnly = process.argv.includes('--check-only');
// --budget=N overrides the budget (bytes), e.g. to see the check fail.
const budgetArg = process.argv.find((a) => a.startsWith('--budget='));
const budget = budgetArg ? Number(budgetArg.slice('--budget='.length)) : FIRST_LOAD_JS_BUDGET;

if (!existsSync(join(dist, 'index.html'))) {
  console.error('dist/index.html is missing: run `npm run build` first.');
  process.exit(1);
}

const gzip = (buf) => gzipSync(buf, { level: 9 });
const brotli = (buf) =>
  brotliCompressSync(buf, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  });

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const rows = [];
for (const file of walk(dist)) {
  if (!COMPRESSIBLE.test(file)) continue;
  const raw = readFileSync(file);
  const gz = gzip(raw);
  const br = brotli(raw);
  if (!checkOnly) {
    writeFileSync(`${file}.gz`, gz);
    writeFileSync(`${file}.br`, br);
  }
  rows.push({ file: relative(dist, file), raw: raw.length, gz: gz.length, br: br.length });
}

rows.sort((a, b) => a.file.localeCompare(b.file));
const w = Math.max(...rows.map((r) => r.file.length));
console.log(`\n${'file'.padEnd(w)}  ${'raw'.padStart(9)}  ${'gzip'.padStart(9)}  ${'brotli'.padStart(9)}`);
for (const r of rows) {
  console.log(
    `${r.file.padEnd(w)}  ${formatBytes(r.raw).padStart(9)}  ${formatBytes(r.gz).padStart(9)}  ${formatBytes(r.br).padStart(9)}`,
  );
}

const html = readFileSync(join(dist, 'index.html'), 'utf8');
let failed = false;

const inline = inlineScripts(html);
if (inline.length > 0) {
  console.error(`\nindex.html has inline script, which the CSP blocks:\n  ${inline.join('\n  ')}`);
  failed = true;
}

const first = firstLoadScripts(html);
let total = 0;
let totalBr = 0;
for (const src of first) {
  const row = rows.find((r) => `/${r.file}` === src);
  if (!row) {
    console.error(`\nindex.html loads ${src}, which is not in dist/`);
    failed = true;
    continue;
  }
  total += row.gz;
  totalBr += row.br;
}
const v = verdict(total, budget);
console.log(`\n${v.line}  [${first.length} file(s); brotli ${formatBytes(totalBr)}]`);
if (!v.ok) failed = true;
if (!checkOnly) console.log(`wrote .gz and .br beside ${rows.length} file(s) in dist/`);
process.exit(failed ? 1 : 0);
