// Browser tests: a new organiser and a trainee use Village as people would, on a phone-sized and
// a desktop-sized window, against a real `village serve` on a fresh database. Each main screen
// is screenshotted into the artifacts folder and checked with axe (0 violations expected).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, checkScreen, mouseDrag, openBrowser, startVillage, touchDrag, ARTIFACTS, PASSWORD } from './harness.mjs';

const ORGANISER = { email: 'olu@e2e.village', name: 'Olu Organiser', role: 'admin' };
const TRAINEE = { email: 'tia@e2e.village', name: 'Tia Trainee', role: 'trainee' };
const LOCKOUT = { email: 'sam@e2e.village', name: 'Sam Slowdown', role: 'trainee' };

async function signIn(page, email, password = PASSWORD) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Lists on screen, each with its card titles, in order. */
async function boardState(page) {
  return page.$$eval('section.column', (cols) =>
    Object.fromEntries(cols.map((c) => [c.querySelector('h2')?.firstChild?.textContent?.trim(), [...c.querySelectorAll('li[data-id] .title')].map((t) => t.textContent.replace(/^Pinned: /, '').trim())])),
  );
}

/** What the server holds: list name → card titles, in order. */
async function serverBoard(api, boardId) {
  const r = await api.get(`/boards/${boardId}`);
  assert.equal(r.status, 200);
  const lists = [...r.body.lists].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : a.id - b.id));
  const cards = [...r.body.cards].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : a.id - b.id));
  return Object.fromEntries(lists.map((l) => [l.name, cards.filter((c) => c.list_id === l.id).map((c) => c.title)]));
}

async function eventually(fn, ms = 5000) {
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

// E2E_ONLY=phone|desktop|big runs one of the tests (all by default).
const only = process.env.E2E_ONLY;
for (const viewport of ['phone', 'desktop'].filter((v) => !only || only === v)) {
  test(`${viewport}: an organiser runs a board and a trainee reads it`, { timeout: 240_000 }, async (t) => {
    const village = await startVillage([ORGANISER, TRAINEE, LOCKOUT]);
    const browser = await openBrowser(viewport);
    const { page } = browser;
    const axe = {};
    const screen = async (name) => {
      axe[name] = await checkScreen(page, `${viewport}-${name}`);
      // Nothing may widen the page: on a phone that would zoom or pan the whole screen.
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(wide <= 0, `${name}: the page is ${wide}px wider than the window`);
    };
    let boardId;
    const organiser = () => apiAs(village.url, ORGANISER.email);
    // Steps build on each other: after the first failure the rest are skipped, and the failing
    // screen is kept as a screenshot.
    let failed = false;
    const step = (name, fn) =>
      t.test(name, { skip: failed && 'an earlier step failed' }, async () => {
        try {
          await fn();
        } catch (e) {
          failed = true;
          await page.screenshot({ path: `${ARTIFACTS}/${viewport}-failed-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}.png` }).catch(() => undefined);
          throw e;
        }
      });
    try {
      await step('sign in: wrong password, then the right one', async () => {
        await page.goto(`${village.url}/`);
        await page.getByRole('heading', { name: 'Sign in' }).waitFor();
        await signIn(page, ORGANISER.email, 'not-the-password');
        await page.getByRole('alert').filter({ hasText: 'don’t match' }).waitFor();
        await screen('signin');
        await signIn(page, ORGANISER.email);
        await page.getByRole('heading', { name: 'Your boards' }).waitFor();
      });

      await step('home: the empty state offers one button, which creates a board', async () => {
        await page.getByRole('heading', { name: 'No boards yet' }).waitFor();
        await page.getByRole('heading', { name: 'Get started' }).waitFor();
        await screen('home-empty');
        await page.getByRole('button', { name: 'Create your first board' }).click();
        await page.getByRole('dialog', { name: 'New board' }).waitFor();
        await page.getByLabel('Board name').fill('Regional teaching 2026');
        await screen('new-board');
        await page.getByRole('button', { name: 'Create board' }).click();
        await page.getByRole('heading', { name: 'Regional teaching 2026', level: 1 }).waitFor();
        boardId = Number(new URL(page.url()).pathname.split('/')[2]);
        assert.ok(boardId > 0, page.url());
      });

      await step('board: add lists and cards, each in one step', async () => {
        await screen('board-empty');
        for (const name of ['This month', 'Next month', 'Done']) {
          await page.getByLabel('New list name').fill(name);
          await page.getByLabel('New list name').press('Enter');
          await page.locator('section.column h2', { hasText: name }).waitFor();
        }
        for (const title of ['Neonatal teaching day', 'MRCPCH revision evening', 'Rota swap: 14 May']) {
          const input = page.getByLabel('New card in This month');
          await input.fill(title);
          await input.press('Enter');
          await page.locator('.card-tile', { hasText: title }).waitFor();
        }
        await page.locator('section.column').first().scrollIntoViewIfNeeded();
        await page.evaluate(() => document.querySelector('.columns')?.scrollTo({ left: 0 }));
        await eventually(async () => assert.deepEqual((await serverBoard(await organiser(), boardId))['This month'], ['Neonatal teaching day', 'MRCPCH revision evening', 'Rota swap: 14 May']));
        await screen('board');
        await page.emulateMedia({ colorScheme: 'dark' });
        await screen('board-dark');
        await page.emulateMedia({ colorScheme: 'light' });
      });

      await step(viewport === 'phone' ? 'drag a card by touch, within a list and onto another list' : 'drag a card with the mouse to another list', async () => {
        const card = (title) => page.locator('li[data-id]', { hasText: title });
        if (viewport === 'phone') {
          await touchDrag(page, card('Rota swap: 14 May'), card('Neonatal teaching day'), { atTop: true });
          await eventually(async () => assert.deepEqual((await boardState(page))['This month'], ['Rota swap: 14 May', 'Neonatal teaching day', 'MRCPCH revision evening']));
          // Onto another list: hold the card over that list's tab, then drop it into the list.
          const cdp = await page.context().newCDPSession(page);
          const from = await card('MRCPCH revision evening').boundingBox();
          const tab = await page.locator('.list-tab', { hasText: 'Next month' }).boundingBox();
          let x = from.x + from.width / 2;
          let y = from.y + from.height / 2;
          const touch = (type) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
          const glide = async (tx, ty) => {
            const [sx, sy] = [x, y];
            for (let i = 1; i <= 15; i++) {
              x = sx + ((tx - sx) * i) / 15;
              y = sy + ((ty - sy) * i) / 15;
              await touch('touchMove');
              await page.waitForTimeout(16);
            }
          };
          await touch('touchStart');
          await page.waitForTimeout(400);
          await glide(tab.x + tab.width / 2, tab.y + tab.height / 2);
          await page.waitForTimeout(1200);
          const list = await page.locator('section.column', { hasText: 'Next month' }).locator('ol.cards').boundingBox();
          await glide(list.x + list.width / 2, list.y + 20);
          await page.waitForTimeout(300);
          await touch('touchEnd');
          await cdp.detach();
        } else {
          await mouseDrag(page, card('MRCPCH revision evening'), page.locator('section.column', { hasText: 'Next month' }).locator('ol.cards'), { atTop: true });
        }
        await eventually(async () => assert.deepEqual((await boardState(page))['Next month'], ['MRCPCH revision evening']));
        await eventually(async () => assert.deepEqual((await serverBoard(await organiser(), boardId))['Next month'], ['MRCPCH revision evening']));
        assert.match(page.url(), /\/boards\/\d+$/, 'a drag does not open the card');
      });

      await step('move a card by keyboard (Alt + arrow)', async () => {
        const tile = page.locator('li[data-id]', { hasText: 'Neonatal teaching day' }).locator('a');
        await tile.focus();
        await page.keyboard.press('Alt+ArrowRight');
        await page.locator('.toast', { hasText: 'Moved “Neonatal teaching day” to Next month' }).waitFor();
        await eventually(async () => assert.deepEqual((await serverBoard(await organiser(), boardId))['Next month'], ['MRCPCH revision evening', 'Neonatal teaching day']));
        assert.equal(await page.evaluate(() => document.activeElement?.textContent?.includes('Neonatal teaching day')), true, 'focus stays on the moved card');
      });

      await step('open a card, edit it, tick a checklist item, comment and react', async () => {
        await page.locator('.card-tile', { hasText: 'Neonatal teaching day' }).click();
        const sheet = page.getByRole('dialog', { name: /Card: Neonatal teaching day/ });
        await sheet.waitFor();
        assert.match(page.url(), /\/boards\/\d+\/cards\/\d+$/);
        const title = sheet.getByLabel('Card title');
        await title.fill('Neonatal teaching day: resuscitation');
        await title.press('Enter');
        await sheet.getByRole('button', { name: 'Add', exact: true }).first().click(); // the description
        await sheet.getByLabel('Description (markdown)').fill('Bring your **logbook** and a pen.');
        await sheet.getByRole('button', { name: 'Save' }).click();
        await sheet.locator('.markdown strong', { hasText: 'logbook' }).waitFor();
        await sheet.getByRole('button', { name: 'Add a checklist' }).click();
        for (const item of ['Book the room', 'Send the invitations']) {
          await sheet.getByLabel('New checklist item').fill(item);
          await sheet.getByLabel('New checklist item').press('Enter');
          await sheet.getByText(item).waitFor();
        }
        await sheet.getByLabel('Book the room').check();
        await sheet.getByText('1 of 2 done').waitFor();
        await sheet.getByLabel('Write a comment').fill('Looking forward to it — **thanks**!');
        await sheet.getByRole('button', { name: 'Comment', exact: true }).click();
        await sheet.locator('.comment .markdown strong', { hasText: 'thanks' }).waitFor();
        await sheet.getByRole('button', { name: /^thumbs up/ }).click();
        await sheet.getByRole('button', { name: 'thumbs up: 1' }).waitFor();
        assert.equal(await sheet.getByRole('button', { name: 'thumbs up: 1' }).getAttribute('aria-pressed'), 'true');
        await screen('card');

        const api = await organiser();
        const cardId = Number(new URL(page.url()).pathname.split('/').pop());
        const saved = await eventually(async () => {
          const r = await api.get(`/cards/${cardId}`);
          assert.equal(r.body.title, 'Neonatal teaching day: resuscitation');
          assert.equal(r.body.checklists[0].items.filter((i) => i.done).length, 1);
          assert.equal(r.body.comments.total, 1);
          assert.deepEqual(r.body.reactions.map((x) => [x.emoji, x.count]), [['👍', 1]]);
          return r.body;
        });
        assert.match(saved.body_html, /<strong>logbook<\/strong>/);
      });

      await step('archive a card and restore it', async () => {
        const sheet = page.getByRole('dialog', { name: /Card:/ });
        await sheet.getByRole('button', { name: 'Archive' }).click();
        await sheet.getByText('This card is archived').waitFor();
        await sheet.getByRole('button', { name: 'Restore' }).click();
        await sheet.getByText('This card is archived').waitFor({ state: 'detached' });
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });
        await page.locator('.card-tile', { hasText: 'Neonatal teaching day: resuscitation' }).waitFor();
        const state = await serverBoard(await organiser(), boardId);
        assert.ok(state['Next month'].includes('Neonatal teaching day: resuscitation'));
      });

      await step('move a card with the "Move…" menu', async () => {
        await page.locator('.card-tile', { hasText: 'Rota swap: 14 May' }).click();
        const sheet = page.getByRole('dialog', { name: /Card: Rota swap/ });
        await sheet.getByRole('button', { name: 'Move…' }).click();
        const move = page.getByRole('dialog', { name: 'Move card' });
        await move.getByLabel('List').selectOption({ label: 'Done' });
        await screen('move');
        await move.getByRole('button', { name: 'Move', exact: true }).click();
        await page.keyboard.press('Escape');
        await eventually(async () => assert.deepEqual((await serverBoard(await organiser(), boardId)).Done, ['Rota swap: 14 May']));
      });

      await step('list actions: rename, archive and undo', async () => {
        await page.getByRole('button', { name: 'Actions for list Done' }).click();
        await page.getByRole('menuitem', { name: 'Rename list' }).click();
        await page.getByLabel('List name', { exact: true }).fill('Finished');
        await page.getByLabel('List name', { exact: true }).press('Enter');
        await page.locator('section.column h2', { hasText: 'Finished' }).waitFor();
        await page.getByRole('button', { name: 'Actions for list Finished' }).click();
        await page.getByRole('menuitem', { name: 'Archive list' }).click();
        await page.locator('.toast', { hasText: 'List “Finished” archived.' }).getByRole('button', { name: 'Undo' }).click();
        await page.locator('section.column h2', { hasText: 'Finished' }).waitFor();
        await eventually(async () => assert.deepEqual(Object.keys(await serverBoard(await organiser(), boardId)), ['This month', 'Next month', 'Finished']));
      });

      await step('board settings: give a trainee a role, then change it to viewer', async () => {
        await page.goto(`${village.url}/boards/${boardId}/settings`);
        await page.getByRole('heading', { name: /Settings: Regional teaching 2026/ }).waitFor();
        await page.getByLabel('Role', { exact: true }).selectOption('editor');
        await page.getByLabel('Find someone by name').fill('Tia');
        await page.getByRole('listitem').filter({ hasText: 'Tia Trainee' }).getByRole('button', { name: 'Add as editor' }).click();
        await page.getByLabel('Role of Tia Trainee').waitFor();
        await page.getByLabel('Role of Tia Trainee').selectOption('viewer');
        await page.locator('.toast', { hasText: 'Tia Trainee is now a viewer' }).waitFor();
        await screen('settings');
        const members = await (await organiser()).get(`/boards/${boardId}/members`);
        assert.deepEqual(
          members.body.members.filter((m) => m.display_name === 'Tia Trainee').map((m) => m.role),
          ['viewer'],
        );
      });

      await step('profile: grade, site and an interest tick the first steps', async () => {
        await page.goto(`${village.url}/profile`);
        await page.getByRole('heading', { name: 'Your profile' }).waitFor();
        await page.getByLabel('Grade').fill('Consultant');
        await page.getByLabel('Hospital or site').fill('Leeds General Infirmary');
        await page.getByLabel('Neonatology').check();
        await page.getByRole('button', { name: 'Save profile' }).click();
        await page.locator('.toast', { hasText: 'Profile saved.' }).waitFor();
        await screen('profile');
        // "Follow a sub-specialty" means following a space (docs/api/notifications.md): follow
        // one from home with its Follow control.
        assert.equal((await (await organiser()).post('/spaces', { name: 'Paediatric cardiology' })).status, 201);
        await page.getByRole('link', { name: 'Boards' }).click();
        await page.getByRole('heading', { name: 'Your boards' }).waitFor();
        await page.getByRole('button', { name: 'Follow Paediatric cardiology…' }).click();
        await page.getByLabel('Follow this space').selectOption('watching');
        await eventually(async () => assert.equal((await (await organiser()).get('/me/onboarding')).body.done, true));
        await page.reload();
        await page.getByText('3 of 3 done').waitFor();
        await page.getByRole('link', { name: /Regional teaching 2026/ }).waitFor();
        await screen('home');
      });

      await step('admin: change a member’s community role', async () => {
        await page.getByRole('link', { name: 'Admin' }).click();
        await page.getByRole('heading', { name: 'Members' }).waitFor();
        await page.getByLabel('Community role of Sam Slowdown').selectOption('trainer');
        await page.locator('.toast', { hasText: 'Sam Slowdown is now a trainer' }).waitFor();
        await screen('admin');
        const list = await (await organiser()).get('/members?limit=200');
        assert.equal(list.body.members.find((m) => m.display_name === 'Sam Slowdown').role, 'trainer');
      });

      await step('sign out', async () => {
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByRole('heading', { name: 'Sign in' }).waitFor();
        const me = await page.evaluate(() => fetch('/api/v1/me').then((r) => r.status));
        assert.equal(me, 401);
      });

      await step('a board viewer reads, comments and reacts, but cannot change the board', async () => {
        await signIn(page, TRAINEE.email);
        await page.getByRole('heading', { name: 'Your boards' }).waitFor();
        await page.getByRole('link', { name: /Regional teaching 2026/ }).click();
        await page.getByRole('heading', { name: 'Regional teaching 2026', level: 1 }).waitFor();
        await page.locator('.card-tile').first().waitFor();
        assert.equal(await page.getByLabel(/^New card in/).count(), 0, 'no add-card form for a viewer');
        assert.equal(await page.getByLabel('New list name').count(), 0, 'no add-list form for a viewer');
        assert.equal(await page.getByRole('link', { name: 'Settings' }).count(), 0);
        await screen('board-viewer');
        // On a phone one list shows at a time: go to the card's list first, as a person would
        // (tapping a tile while the lists still scroll-snap into place can miss it).
        const tab = page.locator('.list-tab', { hasText: 'Next month' });
        if (await tab.isVisible()) {
          await tab.click();
          await page.locator('.list-tab[aria-current="true"]', { hasText: 'Next month' }).waitFor();
        }
        await page.locator('.card-tile', { hasText: 'Neonatal teaching day' }).click();
        const sheet = page.getByRole('dialog', { name: /Card: Neonatal teaching day/ });
        await sheet.waitFor();
        assert.equal(await sheet.getByRole('button', { name: 'Archive' }).count(), 0);
        assert.equal(await sheet.getByRole('button', { name: 'Move…' }).count(), 0);
        assert.equal(await sheet.getByLabel('Card title').count(), 0, 'the title is not editable');
        await screen('card-viewer');
        // And the server refuses what the screen does not offer.
        const tia = await apiAs(village.url, TRAINEE.email);
        const lists = (await tia.get(`/boards/${boardId}`)).body.lists;
        const refused = await tia.post(`/lists/${lists[0].id}/cards`, { title: 'Sneaky' });
        assert.equal(refused.status, 403);
        await page.keyboard.press('Escape');
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      });

      await step('too many wrong passwords: a clear message to wait', async () => {
        let message = '';
        for (let i = 0; i < 30 && !/Too many|try again in/i.test(message); i++) {
          await signIn(page, LOCKOUT.email, `wrong-password-${i}`);
          const alert = page.getByRole('alert');
          await alert.waitFor();
          await page.waitForFunction(() => !document.querySelector('button[type=submit]')?.hasAttribute('disabled'));
          message = await alert.innerText();
        }
        assert.match(message, /Too many|try again in/i);
        await screen('signin-rate-limited');
      });

      for (const [name, violations] of Object.entries(axe)) {
        assert.deepEqual(violations, [], `axe found problems on ${viewport}-${name}: ${JSON.stringify(violations, null, 1)}`);
      }
      assert.deepEqual(browser.problems, [], 'no script errors or CSP violations in the page');
      console.log(`# axe: ${Object.keys(axe).length} screens at ${viewport}, ${Object.values(axe).flat().length} violations`);
    } catch (e) {
      await page.screenshot({ path: `${ARTIFACTS}/${viewport}-failure.png` }).catch(() => undefined);
      throw e;
    } finally {
      if (failed) console.log(village.log.join('').split('\n').slice(-25).join('\n'));
      await browser.close();
      await village.stop();
    }
  });
}

test('phone: a board of 500 cards opens with one board request and scrolls', { timeout: 240_000, skip: Boolean(only && only !== 'big') }, async () => {
  const village = await startVillage([ORGANISER]);
  const browser = await openBrowser('phone');
  const { page } = browser;
  try {
    const api = await apiAs(village.url, ORGANISER.email);
    const board = await api.post('/boards', { name: 'Big board', visibility: 'community' });
    assert.equal(board.status, 201, JSON.stringify(board.body));
    const lists = [];
    for (let l = 0; l < 10; l++) lists.push((await api.post(`/boards/${board.body.id}/lists`, { name: `List ${l + 1}` })).body.id);
    for (let i = 0; i < 500; i++) {
      const r = await api.post(`/lists/${lists[i % 10]}/cards`, { title: `Card ${i + 1}: teaching note`, location: i % 3 ? null : 'Seminar room 2' });
      assert.equal(r.status, 201);
    }
    await page.goto(`${village.url}/signin`);
    await signIn(page, ORGANISER.email);
    await page.getByRole('heading', { name: 'Your boards' }).waitFor();

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 }); // a mid-range phone
    const apiCalls = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      // A revalidation (If-None-Match, answered 304 when unchanged) is not a second read.
      if (u.pathname.startsWith('/api/') && !r.headers()['if-none-match']) apiCalls.push(`${r.method()} ${u.pathname}${u.search}`);
    });
    const started = Date.now();
    await page.getByRole('link', { name: /Big board/ }).click();
    await page.locator('ol.cards li[data-id]').first().waitFor({ state: 'visible' });
    const opened = Date.now() - started;
    // The lists in view render first; the rest of the 500 fill in after (lib/fillin.ts).
    await page.locator('li[data-id]').nth(499).waitFor({ state: 'attached', timeout: 60_000 });
    assert.equal(await page.locator('li[data-id]').count(), 500);
    assert.equal(await page.locator('ol.cards').first().locator('li[data-id]').count(), 50, 'the first list is whole');
    // Opening takes one request. (Until the board read carries last_activity_id, the live
    // subscription revalidates it once more, conditionally: not counted.)
    assert.deepEqual(apiCalls, [`GET /api/v1/boards/${board.body.id}`], 'one request for the whole board');

    // Scroll the first list to its end and swipe through the lists.
    const scrolled = await page.evaluate(async () => {
      const t0 = performance.now();
      const col = document.querySelector('ol.cards');
      for (let i = 0; i < 20; i++) {
        col.scrollTop += 400;
        await new Promise((r) => requestAnimationFrame(() => r()));
      }
      const cols = document.querySelector('.columns');
      for (let i = 0; i < 10; i++) {
        cols.scrollLeft += cols.clientWidth;
        await new Promise((r) => requestAnimationFrame(() => r()));
      }
      return performance.now() - t0;
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    console.log(`# 500-card board at 4x CPU throttling: first card shown in ${opened} ms (bench/web_board_open measures this), 30 scroll frames in ${Math.round(scrolled)} ms`);
    // Generous bounds: CI shares two cores with compilers; the printed figures are what to watch.
    assert.ok(opened < 8000, `opened in ${opened} ms`);
    assert.ok(scrolled < 8000, `30 scroll steps took ${scrolled} ms`);
    assert.deepEqual(browser.problems, []);
  } finally {
    await browser.close();
    await village.stop();
  }
});
