// Browser-test harness: a real `village serve` on a fresh data dir and a free port, members made
// with `village user create`, Debian's Chromium driven by playwright-core, axe checks and
// screenshots. Nothing here imitates the server: every request reaches the real binary.
//
//   VILLAGE_BIN     the binary (default: build/village)
//   VILLAGE_WEB_DIST the built web app the binary serves (default: web/dist)
//   CHROMIUM        the browser (default: /usr/bin/chromium)
//   E2E_ARTIFACTS   where screenshots go (default: tests/e2e/test-artifacts)
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..');
const require = createRequire(join(root, 'web', 'package.json'));
const { chromium } = require('playwright-core');
const { AxeBuilder } = require('@axe-core/playwright');

export const BIN = process.env.VILLAGE_BIN ?? join(root, 'build', 'village');
export const DIST = process.env.VILLAGE_WEB_DIST ?? join(root, 'web', 'dist');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = process.env.E2E_ARTIFACTS ?? join(here, 'test-artifacts');

export const PASSWORD = 'correct-horse-battery';

export const VIEWPORTS = {
  phone: { width: 375, height: 812, hasTouch: true, isMobile: true, deviceScaleFactor: 2 },
  desktop: { width: 1280, height: 800, hasTouch: false, isMobile: false, deviceScaleFactor: 1 },
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url, ms = 15000) {
  const until = Date.now() + ms;
  let last;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
      last = `status ${r.status}`;
    } catch (e) {
      last = e.message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up: ${last}`);
}

/** Runs `village` with the data dir; returns stdout. */
export function village(dataDir, ...args) {
  return execFileSync(BIN, [...args, '--data-dir', dataDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Starts `village serve` on a fresh data dir and a free port, with the given members.
 * Returns { url, dataDir, log, stop() }; the binary serves the app and the API at `url`.
 */
export async function startVillage(members) {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build it first (scripts/test or ninja -C build village)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'village-e2e-'));
  for (const m of members) {
    execFileSync(BIN, ['user', 'create', '--email', m.email, '--name', m.name, '--role', m.role, '--password', m.password ?? PASSWORD, '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
  const port = await freePort();
  const log = [];
  const proc = spawn(BIN, ['serve', '--port', String(port), '--data-dir', dataDir, '--web-dir', DIST], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.on('data', (d) => log.push(String(d)));
  proc.stderr.on('data', (d) => log.push(String(d)));
  const exited = new Promise((r) => proc.on('exit', r));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/healthz`);
  const index = await fetch(`${url}/`).then((r) => (r.ok ? r.text() : ''), () => '');
  if (!index.includes('id="app"')) throw new Error(`${url}/ does not answer with the web app (is ${DIST} built?)`);

  return {
    url,
    dataDir,
    log,
    async stop() {
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in API client for checking what the server holds (not for driving the app). */
export async function apiAs(base, email, password = PASSWORD) {
  const r = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!r.ok) throw new Error(`sign-in as ${email}: ${r.status} ${await r.text()}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrf_token, member } = await r.json();
  const call = async (method, path, body) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf_token, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return { member, get: (p) => call('GET', p), post: (p, b) => call('POST', p, b ?? {}), patch: (p, b) => call('PATCH', p, b), put: (p, b) => call('PUT', p, b ?? {}), del: (p) => call('DELETE', p) };
}

/** A fresh browser profile at one of the VIEWPORTS; collects page errors and CSP violations. */
export async function openBrowser(viewportName) {
  const vp = VIEWPORTS[viewportName];
  const profile = mkdtempSync(join(tmpdir(), 'village-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: vp.width, height: vp.height },
    deviceScaleFactor: vp.deviceScaleFactor,
    hasTouch: vp.hasTouch,
    isMobile: vp.isMobile,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    const t = m.text();
    if (m.type() === 'error' && /Content Security Policy|Uncaught|TypeError|ReferenceError/.test(t)) problems.push(`console: ${t}`);
  });
  page.setDefaultTimeout(15000); // CI shares two cores with compilers
  return {
    context,
    page,
    problems,
    viewport: viewportName,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Screenshot into the artifacts folder and an axe check; returns the violations. */
export async function checkScreen(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(0, 3).join(' ')}`),
  }));
}

/** Drags with the mouse from one element to a point inside another, in small steps. */
export async function mouseDrag(page, from, to, opts = {}) {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  const sx = a.x + a.width / 2;
  const sy = a.y + a.height / 2;
  const tx = b.x + b.width / 2;
  const ty = b.y + (opts.atTop ? 8 : b.height / 2);
  await page.mouse.move(sx, sy);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) {
    await page.mouse.move(sx + ((tx - sx) * i) / 20, sy + ((ty - sy) * i) / 20);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(100);
  await page.mouse.up();
}

/** Drags with a finger (Chrome DevTools touch events): press and hold, then move, then lift. */
export async function touchDrag(page, from, to, opts = {}) {
  const cdp = await page.context().newCDPSession(page);
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  const sx = a.x + a.width / 2;
  const sy = a.y + a.height / 2;
  const tx = b.x + b.width / 2;
  const ty = b.y + (opts.atTop ? 8 : b.height / 2);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: sx, y: sy }] });
  await page.waitForTimeout(opts.holdMs ?? 400);
  for (let i = 1; i <= 20; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: sx + ((tx - sx) * i) / 20, y: sy + ((ty - sy) * i) / 20 }] });
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(100);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}
