#!/usr/bin/env node
// Runs the browser tests with Node's test runner. Needs: the binary (build/village, or
// VILLAGE_BIN), the built web app (web/dist: `npm ci && npm run build` in web/), and Debian's
// Chromium at /usr/bin/chromium (or CHROMIUM). Screenshots go to tests/e2e/test-artifacts/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const artifacts = process.env.E2E_ARTIFACTS ?? join(here, 'test-artifacts');
mkdirSync(artifacts, { recursive: true });

const missing = [];
if (!existsSync(join(root, 'web', 'node_modules', 'playwright-core'))) missing.push('web/node_modules (run `npm ci` in web/)');
if (!existsSync(join(process.env.VILLAGE_WEB_DIST ?? join(root, 'web', 'dist'), 'index.html'))) missing.push('web/dist (run `npm run build` in web/)');
if (!existsSync(process.env.VILLAGE_BIN ?? join(root, 'build', 'village'))) missing.push('build/village (or set VILLAGE_BIN)');
if (!existsSync(process.env.CHROMIUM ?? '/usr/bin/chromium')) missing.push('/usr/bin/chromium (apt-get install chromium)');
if (missing.length) {
  console.error(`e2e: missing ${missing.join(', ')}`);
  process.exit(1);
}

const files = process.argv.slice(2).length ? process.argv.slice(2) : [join(here, 'village.e2e.test.mjs'), join(here, 'together.e2e.test.mjs')];
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, E2E_ARTIFACTS: artifacts },
});
console.log(`e2e: screenshots in ${artifacts}`);
process.exit(r.status ?? 1);
