// Browser tests of Village bringing people together: live boards (two members, one posts, the
// other sees it without reload and keeps what they are typing), the notification bell,
// announcements acknowledged from home, importing a Trello board, and sign-in links. Against a
// real `village serve` on a fresh database; each new screen checked with axe at both sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { apiAs, checkScreen, openBrowser, startVillage, root, ARTIFACTS, PASSWORD } from './harness.mjs';

const ORGANISER = { email: 'ola@e2e.village', name: 'Ola Organiser', role: 'admin' };
const TRAINEE = { email: 'tom@e2e.village', name: 'Tom Trainee', role: 'trainee' };
const REGISTRAR = { email: 'rae@e2e.village', name: 'Rae Registrar', role: 'trainee' };

// A real Trello export (see ../shared/data/trello/README.md); E2E_TRELLO_FILE names another.
const TRELLO_FILE = process.env.E2E_TRELLO_FILE ?? join(root, '..', 'shared', 'data', 'trello', 'christophenne__trello2planka__sample-board-export.json');

async function signIn(page, email) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Your boards' }).waitFor();
}

async function eventually(fn, ms = 8000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

/** Records every text the bell's polite status region says (it clears itself after a while). */
async function watchAnnouncements(page) {
  await page.evaluate(() => {
    const region = document.querySelector('.bell-announce');
    window.__said = [];
    new MutationObserver(() => {
      const t = region.textContent.trim();
      if (t) window.__said.push(t);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
}
const said = (page) => page.evaluate(() => window.__said);

const only = process.env.E2E_ONLY;
for (const viewport of ['phone', 'desktop'].filter((v) => !only || only === v)) {
  test(`${viewport}: together — live board, bell, announcements, import, sign-in link`, { timeout: 300_000 }, async (t) => {
    const village = await startVillage([ORGANISER, TRAINEE, REGISTRAR]);
    const base = village.url;
    const a = await openBrowser(viewport); // the organiser
    const b = await openBrowser(viewport); // the trainee
    const axe = {};
    const screen = async (page, name) => {
      axe[name] = await checkScreen(page, `${viewport}-${name}`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(wide <= 0, `${name}: the page is ${wide}px wider than the window`);
    };
    let failed = false;
    const step = (name, fn) =>
      t.test(name, { skip: failed && 'an earlier step failed' }, async () => {
        try {
          await fn();
        } catch (e) {
          failed = true;
          for (const [who, p] of [['a', a.page], ['b', b.page]])
            await p.screenshot({ path: `${ARTIFACTS}/${viewport}-failed-${who}-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}.png` }).catch(() => undefined);
          throw e;
        }
      });
    const org = await apiAs(base, ORGANISER.email);
    const trainee = await apiAs(base, TRAINEE.email);
    await trainee.patch('/me', { grade: 'ST3', site: 'St Mary’s' });
    await (await apiAs(base, REGISTRAR.email)).patch('/me', { grade: 'ST6', site: 'Royal Infirmary' });
    // A community board with one list, that both can use.
    const board = (await org.post('/boards', { name: 'Rota and teaching', visibility: 'community' })).body;
    const list = (await org.post(`/boards/${board.id}/lists`, { name: 'This week' })).body;
    const first = (await org.post(`/lists/${list.id}/cards`, { title: 'Simulation session' })).body;


    try {
      await step('both sign in and open the board', async () => {
        for (const [br, who] of [[a, ORGANISER], [b, TRAINEE]]) {
          await br.page.goto(`${base}/`);
          await signIn(br.page, who.email);
          await br.page.goto(`${base}/boards/${board.id}`);
          await br.page.getByRole('heading', { name: 'Rota and teaching', level: 1 }).waitFor();
          await br.page.locator('.card-tile', { hasText: 'Simulation session' }).waitFor();
        }
      });

      await step('live: a card one member posts shows on the other’s screen without reload', async () => {
        // A marker that a reload would wipe.
        await b.page.evaluate(() => (window.__stillHere = true));
        const input = a.page.getByLabel('New card in This week');
        await input.fill('Journal club moved to Thursday');
        await input.press('Enter');
        await b.page.locator('.card-tile', { hasText: 'Journal club moved to Thursday' }).waitFor({ timeout: 8000 });
        assert.equal(await b.page.evaluate(() => window.__stillHere), true, 'the page was not reloaded');
        // A rename and an archive arrive too.
        await org.patch(`/cards/${first.id}`, { title: 'Simulation session (room 4)' });
        await b.page.locator('.card-tile', { hasText: 'Simulation session (room 4)' }).waitFor();
        const created = (await org.get(`/boards/${board.id}`)).body.cards.find((c) => c.title === 'Journal club moved to Thursday');
        await org.patch(`/cards/${created.id}`, { archived: true });
        await eventually(async () => assert.equal(await b.page.locator('.card-tile', { hasText: 'Journal club' }).count(), 0));
        assert.equal(await b.page.evaluate(() => window.__stillHere), true, 'the page was not reloaded');
      });

      await step('live: a comment draft survives someone else changing the card', async () => {
        await b.page.locator('.card-tile', { hasText: 'Simulation session' }).click();
        const sheet = b.page.getByRole('dialog', { name: /Card: Simulation session/ });
        await sheet.waitFor();
        await sheet.getByLabel('Write a comment').fill('Can I bring a student?');
        await org.patch(`/cards/${first.id}`, { title: 'Simulation session (room 5)' });
        await sheet.getByRole('status').filter({ hasText: 'updated this card' }).waitFor();
        // The trainee may comment but not edit: the new title shows as the sheet's heading.
        await sheet.getByRole('heading', { name: 'Simulation session (room 5)' }).waitFor();
        assert.equal(await sheet.getByLabel('Write a comment').inputValue(), 'Can I bring a student?');
        await org.post(`/cards/${first.id}/comments`, { body: 'Yes, students welcome.' });
        await sheet.locator('.comment', { hasText: 'students welcome' }).waitFor();
        assert.equal(await sheet.getByLabel('Write a comment').inputValue(), 'Can I bring a student?');
        await screen(b.page, 'card-live');
        await b.page.keyboard.press('Escape');
      });

      await step('bell: a mention shows in the trainee’s bell; opening it marks it read', async () => {
        await b.page.goto(`${base}/`);
        await b.page.getByRole('heading', { name: 'Your boards' }).waitFor();
        await b.page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
        await watchAnnouncements(b.page);
        await b.page.evaluate(() => (window.__stillHere = true));
        await org.post(`/cards/${first.id}/comments`, { body: `@[${TRAINEE.name}](member:${trainee.member.id}) can you lead this one?` });
        // The count arrives over the live socket: no reload, and no minute's poll to wait for.
        const bell = b.page.getByRole('link', { name: /^Notifications, 1 unread$/ });
        await bell.waitFor({ timeout: 8000 });
        assert.equal(await b.page.evaluate(() => window.__stillHere), true, 'the page was not reloaded');
        // Said politely to a screen reader.
        await eventually(async () => assert.ok((await said(b.page)).some((t) => /New notification\. Notifications, 1 unread/.test(t)), JSON.stringify(await said(b.page))));
        await bell.click();
        await b.page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
        const item = b.page.getByRole('button', { name: /Ola Organiser mentioned you on “Simulation session/ });
        await item.waitFor();
        await screen(b.page, 'notifications');
        await item.click();
        await b.page.getByRole('dialog', { name: /Card: Simulation session/ }).waitFor();
        const mention = (await trainee.get('/me/notifications')).body.notifications.find((n) => n.kind === 'mention');
        assert.equal(mention.read, true, 'opening it marked it read');
        await b.page.keyboard.press('Escape');
        await b.page.goto(`${base}/notifications`);
        await b.page.getByRole('button', { name: /mentioned you/ }).waitFor();
        const all = b.page.getByRole('button', { name: 'Mark all read' });
        if (await all.isVisible().catch(() => false)) await all.click();
        await b.page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
        assert.equal((await trainee.get('/me/notifications/unread_count')).body.unread, 0);
      });

      await step('quiet hours: a mention still changes the count, but nothing is announced', async () => {
        const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
        const quiet = await trainee.put('/me/quiet_hours', { time_zone: 'Europe/London', days_off: days });
        assert.equal(quiet.status, 200, JSON.stringify(quiet.body));
        assert.equal(quiet.body.quiet_hours.quiet_now, true);
        await b.page.goto(`${base}/boards/${board.id}`);
        await b.page.getByRole('heading', { name: 'Rota and teaching', level: 1 }).waitFor();
        await b.page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
        await watchAnnouncements(b.page);
        await b.page.evaluate(() => (window.__stillHere = true));
        await org.post(`/cards/${first.id}/comments`, { body: `@[${TRAINEE.name}](member:${trainee.member.id}) and the debrief?` });
        await b.page.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor({ timeout: 8000 });
        // The comment also reaches the board over the same socket, after which the count has
        // long been handled: give an announcement every chance to appear before checking none did.
        await b.page.waitForTimeout(1000);
        assert.deepEqual(await said(b.page), [], 'nothing announced in quiet hours');
        assert.equal(await b.page.evaluate(() => window.__stillHere), true, 'the page was not reloaded');
        assert.equal((await trainee.del('/me/quiet_hours')).status, 204);
        assert.equal((await trainee.post('/me/notifications/read_all')).body.unread, 0);
      });

      await step('announcement: the organiser announces, the trainee acknowledges it on home, the reach shows it', async () => {
        await a.page.goto(`${base}/boards/${board.id}/cards/${first.id}`);
        const sheet = a.page.getByRole('dialog', { name: /Card: Simulation session/ });
        await sheet.getByRole('button', { name: 'Announce…' }).click();
        await sheet.getByRole('button', { name: 'Announce', exact: true }).click();
        await sheet.getByText(/acknowledged by 0 of \d+/).waitFor();
        await b.page.goto(`${base}/`);
        const pinned = b.page.getByRole('region', { name: 'Announcements for you' });
        await pinned.getByRole('link', { name: /Simulation session/ }).waitFor();
        await screen(b.page, 'home-announcement');
        await pinned.getByRole('button', { name: /Acknowledge/ }).click();
        await eventually(async () => assert.equal(await b.page.getByRole('region', { name: 'Announcements for you' }).count(), 0));
        await b.page.reload();
        await b.page.getByRole('heading', { name: 'Your boards' }).waitFor();
        await b.page.waitForTimeout(500);
        assert.equal(await b.page.getByRole('region', { name: 'Announcements for you' }).count(), 0, 'gone for good');
        await sheet.getByRole('button', { name: 'Refresh' }).click();
        await sheet.getByText(/acknowledged by 1 of \d+/).waitFor();
        // Who has not acknowledged yet, by name, and the breakdown by grade.
        const pending = sheet.getByRole('list', { name: /Not acknowledged yet/ });
        await pending.getByRole('listitem').filter({ hasText: 'Rae Registrar' }).waitFor();
        assert.equal(await pending.getByRole('listitem').filter({ hasText: 'Tom Trainee' }).count(), 0);
        await sheet.getByRole('row', { name: /^ST3 1 1 1$/ }).waitFor();
        await screen(a.page, 'card-reach');
      });

      await step('import: an admin imports a Trello export and reads the report', async () => {
        await a.page.goto(`${base}/admin`);
        const panel = a.page.getByRole('region', { name: 'Import from Trello' });
        await panel.getByLabel('Trello export file (.json)').setInputFiles(TRELLO_FILE);
        await panel.getByRole('button', { name: 'Import board' }).click();
        const report = panel.getByRole('status');
        await report.getByRole('heading', { name: /Imported “Simple Project Board”/ }).waitFor({ timeout: 30_000 });
        const cards = await report.getByRole('row', { name: /^Cards \d+/ }).textContent();
        assert.match(cards, /Cards\s*\d+/);
        await screen(a.page, 'import-report');
        await report.getByRole('link', { name: 'Open the board' }).click();
        await a.page.getByRole('heading', { name: 'Simple Project Board', level: 1 }).waitFor();
        // Export: the board's cards as CSV, a download named after the board.
        await a.page.getByRole('button', { name: 'Board actions' }).click();
        const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.getByRole('menuitem', { name: 'Export cards (CSV)' }).click()]);
        assert.match(download.suggestedFilename(), /\.csv$/);
        const csv = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
        assert.match(csv.split(/\r?\n/)[0], /^\uFEFF?list,title,/);
      });

      await step('sign-in link: the same neutral message for a member and for a stranger', async () => {
        // A second tab of the organiser's browser: the sign-in screen shows whoever is signed in.
        const p = await a.context.newPage();
        try {
          const messages = [];
          for (const email of [TRAINEE.email, 'nobody@e2e.village']) {
            await p.goto(`${base}/signin`);
            await p.getByRole('button', { name: 'Email me a sign-in link' }).click();
            await p.getByLabel('Your email').fill(email);
            if (!messages.length) await screen(p, 'signin-link');
            await p.getByRole('button', { name: 'Email me a sign-in link' }).click();
            messages.push(await p.getByRole('status').filter({ hasText: 'sign-in link' }).textContent());
          }
          assert.equal(messages[0], messages[1]);
          assert.match(messages[0], /If that address belongs to a member/);
          await screen(p, 'signin-link-sent');
        } finally {
          await p.close();
        }
      });

      await step('no axe violations on any new screen, no page errors', async () => {
        const bad = Object.entries(axe).filter(([, v]) => v.length);
        assert.deepEqual(bad, [], JSON.stringify(bad, null, 2));
        assert.deepEqual([...a.problems, ...b.problems], []);
      });
    } finally {
      await a.close();
      await b.close();
      await village.stop();
    }
  });
}
