// The search page's behaviours (issue 4) in headless Chromium against the
// release build in dist/: facets, URL state, keyboard and ARIA, recent
// searches, no results, loading, copy buttons, and the layout in light and dark on desktop and phone (screenshots saved for review).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, screenshot, ready as readyAt } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });
const ready = (page, path = '') => readyAt(page, server.url + path);
const ids = (page) => page.locator('.results .card').evaluateAll((cards) => cards.map((c) => c.dataset.id));

test('typing shows cards at once, with a live count, and the box drives a grid of one row per answer', { timeout: 60_000 }, async () => {
  const { page, errors, context } = await openPage(browser);
  await ready(page);
  assert.equal(await page.locator('#kb-q').getAttribute('aria-controls'), null, 'no results, nothing controlled');
  await page.locator('#kb-q').pressSequentially('image pull');
  await page.locator('.results .card').first().waitFor();
  assert.match(await page.locator('[role=status]').textContent(), /\d+ answers?/);
  assert.equal(await page.locator('#kb-q').getAttribute('aria-controls'), 'kb-results');
  assert.equal(await page.locator('#kb-results').getAttribute('role'), 'grid');
  const rows = await page.locator('#kb-results > [role=row] > [role=gridcell] .card').count();
  assert.equal(rows, await page.locator('.results .card').count(), 'every card is a row\'s cell');
  assert.deepEqual(errors, []);
  await context.close();
});

test('arrow keys move through the results and Enter opens the active answer', { timeout: 60_000 }, async () => {
  const { page, errors, context } = await openPage(browser);
  await ready(page);
  await page.locator('#kb-q').pressSequentially('service waiting');
  await page.locator('.results .card').nth(1).waitFor();
  const order = await ids(page);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('#kb-q').getAttribute('aria-activedescendant'), 'kb-opt-0');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('#kb-q').getAttribute('aria-activedescendant'), 'kb-opt-1');
  assert.equal(await page.locator('#kb-opt-1').getAttribute('aria-selected'), 'true');
  assert.equal(await page.locator('#kb-opt-0').getAttribute('aria-selected'), 'false');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.locator('#kb-q').getAttribute('aria-activedescendant'), 'kb-opt-0');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`entries/${order[1]}\\.html`));
  assert.equal(await page.locator('article.answer').getAttribute('data-id'), order[1]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('facet chips filter the results, combine with the query, and live in the URL with back and forward', { timeout: 60_000 }, async () => {
  const { page, errors, context } = await openPage(browser);
  await ready(page);
  await page.locator('#kb-q').pressSequentially('service');
  await page.locator('.results .card').first().waitFor();
  const before = await ids(page);
  const chip = page.locator('.chip[data-facet=category]').first();
  const category = await chip.getAttribute('data-value');
  const count = Number(await chip.locator('.chip-count').textContent());
  await chip.click();
  await page.waitForURL(/category=/);
  assert.equal(await page.locator(`.chip[data-facet=category][data-value="${category}"]`).getAttribute('aria-pressed'), 'true');
  const cats = await page.locator('.results .card .category').allTextContents();
  assert.ok(cats.length > 0 && cats.every((c) => c === category), `all results are in ${category}: ${cats}`);
  assert.equal(cats.length, Math.min(count, 10), 'the chip said how many results choosing it gives');
  assert.equal(new URL(page.url()).searchParams.get('q'), 'service');

  // Reload restores the exact view.
  await ready(page, `?${new URL(page.url()).searchParams}`);
  assert.equal(await page.inputValue('#kb-q'), 'service');
  assert.deepEqual(await page.locator('.results .card .category').allTextContents(), cats);

  await page.goBack();
  await page.waitForURL((u) => !u.searchParams.has('category'));
  await page.locator('.chip[aria-pressed=true]').waitFor({ state: 'detached' });
  assert.deepEqual(await ids(page), before, 'back restores the unfiltered results');
  await page.goForward();
  await page.waitForURL(/category=/);
  await page.locator('.chip[aria-pressed=true]').waitFor();
  assert.deepEqual(await page.locator('.results .card .category').allTextContents(), cats);
  assert.deepEqual(errors, []);
  await context.close();
});

test('browsing without typing lists every entry by category, and a chip narrows it', { timeout: 60_000 }, async () => {
  const { page, errors, context } = await openPage(browser);
  await ready(page);
  const all = await page.locator('#kb-static li a').count();
  assert.equal(all, 34, 'the home page lists every entry');
  const counts = await page.locator('#kb-static h2 .count').allTextContents();
  assert.equal(counts.map(Number).reduce((a, b) => a + b, 0), 34, 'category counts add up');
  const chip = page.locator('.chip[data-facet=status]').first();
  const status = await chip.getAttribute('data-value');
  const n = Number(await chip.locator('.chip-count').textContent());
  await chip.click();
  await page.locator('section.browse:not(#kb-static)').waitFor();
  assert.ok(await page.locator('#kb-static').isHidden(), 'the full list gives way to the filtered one');
  assert.equal(await page.locator('section.browse:not(#kb-static) li').count(), n, `${n} entries have status ${status}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a multi-line paste grows the box and still finds the answer', { timeout: 60_000 }, async () => {
  const { page, context } = await openPage(browser);
  await ready(page);
  const log = Array.from({ length: 20 }, (_, i) => `2024-10-21T12:59:${String(i).padStart(2, '0')}Z pod/x-5ff76448fd-h9dsn INFO step ${i} ok`);
  log.splice(12, 0, 'Failed to pull image "registry.example.com/m:v1": rpc error: code = Unknown desc = ImagePullBackOff');
  await page.fill('#kb-q', log.join('\n'));
  await page.locator('.results .card').first().waitFor();
  assert.ok(Number(await page.locator('#kb-q').getAttribute('rows')) >= 10);
  assert.equal(await page.locator('.results .card').first().getAttribute('data-id'), 'image-pull-backoff');
  await context.close();
});

test('recent searches are remembered when an answer is opened, offered in the empty box, and can be cleared', { timeout: 60_000 }, async () => {
  const { page, errors, context } = await openPage(browser);
  await ready(page);
  await page.locator('#kb-q').pressSequentially('exec format error');
  await page.locator('.results .card a').first().click();
  await page.waitForURL(/entries\//);
  await ready(page);
  await page.locator('#kb-q').focus();
  const item = page.locator('.recent .recent-query').first();
  await item.waitFor();
  assert.equal(await item.textContent(), 'exec format error');
  await item.click();
  assert.equal(await page.inputValue('#kb-q'), 'exec format error');
  await page.locator('.results .card').first().waitFor();
  await page.fill('#kb-q', '');
  await page.locator('#kb-q').focus();
  await page.locator('.clear-recent').click();
  await page.locator('.recent').waitFor({ state: 'detached' });
  await ready(page);
  await page.locator('#kb-q').focus();
  assert.equal(await page.locator('.recent').count(), 0, 'cleared for good');
  assert.equal(await page.evaluate(() => localStorage.getItem('kb-search:recent')), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('no results says so and offers the categories to browse', { timeout: 60_000 }, async () => {
  const { page, errors, context } = await openPage(browser);
  await ready(page);
  await page.fill('#kb-q', 'qwxzv plorkt');
  await page.locator('.no-results').waitFor();
  assert.match(await page.locator('[role=status]').textContent(), /No answers/);
  const categories = page.locator('.no-results .category-links button');
  assert.ok(await categories.count() > 0);
  const name = await categories.first().textContent();
  await categories.first().click();
  await page.waitForURL(/category=/);
  const listed = page.locator('section.browse:not(#kb-static) .category-group h2');
  await listed.first().waitFor();
  assert.match(await listed.first().textContent(), new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a typo is corrected by the engine and the page says what it searched', { timeout: 60_000 }, async () => {
  const { page, context } = await openPage(browser);
  await ready(page);
  await page.locator('#kb-q').pressSequentially('imagepullbakoff');
  await page.locator('.did-you-mean').waitFor();
  assert.match(await page.locator('.did-you-mean').textContent(), /imagepullbackoff/i);
  await context.close();
});

test('the page is readable before the engine is ready, and typing then is kept', { timeout: 60_000 }, async () => {
  const { page, errors, context } = await openPage(browser);
  page.setDefaultTimeout(15000);
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route('**/kb.bundle', async (route) => { await gate; await route.continue(); });
  await page.goto(server.url);
  assert.equal(await page.locator('#kb-static li a').count(), 34, 'every entry is listed before the index loads');
  const top = await page.locator('#kb-static').boundingBox();
  await page.locator('#kb-q').pressSequentially('exec format');
  release();
  await page.locator('#kb-q[aria-autocomplete]').waitFor();
  assert.equal(await page.inputValue('#kb-q'), 'exec format', 'the app carries the typing over');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'kb-q', 'and the focus');
  await page.locator('.results .card').first().waitFor();
  await page.fill('#kb-q', '');
  const after = await page.locator('#kb-static').boundingBox();
  assert.ok(Math.abs(after.y - top.y) <= 1, `the list did not move (${top.y} → ${after.y})`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a step shows the code it quotes in monospace, and the card does not repeat it as a chip', { timeout: 60_000 }, async () => {
  const { page, errors, context } = await openPage(browser);
  await ready(page);
  await page.fill('#kb-q', 'set_endpoint_type DIRECT');
  const card = page.locator('.results .card[data-id="vpc-endpoint-vs-direct"]');
  await card.waitFor();
  const inSteps = await card.locator('.steps code').allTextContents();
  assert.ok(inSteps.includes('set_endpoint_type'), `the step's code is set apart: ${JSON.stringify(inSteps)}`);
  const chips = await card.locator('.code-list code').allTextContents();
  assert.ok(!chips.some((c) => inSteps.includes(c)), `no chip repeats a step's code: ${JSON.stringify(chips)}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('copy buttons put the code and the answer link on the clipboard', { timeout: 60_000 }, async () => {
  const { page, errors, context } = await openPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await ready(page);
  await page.fill('#kb-q', 'Back-off pulling image: dial tcp: lookup registry-vpc.cn-hangzhou.aliyuncs.com: no such host');
  const card = page.locator('.results .card').first();
  await card.waitFor();
  await card.locator('.card-foot .copy').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, new URL(await card.locator('.permalink').getAttribute('href'), page.url()).href);
  const code = card.locator('.code-list li').first();
  assert.equal(await code.count(), 1, 'the card shows the section\'s code');
  await code.locator('.copy').click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await code.locator('code').textContent());
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  for (const scheme of ['light', 'dark']) {
    test(`the page fits a ${name} screen in ${scheme} mode`, { timeout: 60_000 }, async () => {
      const { page, errors, context } = await openPage(browser, { viewport, colorScheme: scheme });
      // What a screenshot would show, checked: every part inside the screen's width.
      const inside = async (selector) => {
        const box = await page.locator(selector).first().boundingBox();
        assert.ok(box && box.width > 0, `${selector} is shown`);
        assert.ok(box.x >= 0 && box.x + box.width <= viewport.width + 0.5, `${selector} fits the width (${box.x}+${box.width} of ${viewport.width})`);
      };
      await ready(page);
      await inside('#kb-q');
      await inside('#kb-static h2');
      await screenshot(page, `home-${name}-${scheme}`);
      await page.fill('#kb-q', 'Instance <x-5ff76448fd-h9dsn> not healthy: Instance crashed, please inspect instance log.');
      await page.locator('.results .card').first().waitFor();
      await inside('.results .card .card-title');
      await inside('.results .card .steps');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px too wide)`);
      // Regression: a step quoting a 60-character token widened every card
      // of a phone's results to 695px.
      await page.fill('#kb-q', 'set_endpoint_type DIRECT');
      await page.locator('.results .card[data-id="vpc-endpoint-vs-direct"]').waitFor();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(wide <= 0, `a long token wraps (${wide}px too wide)`);
      await page.fill('#kb-q', 'Instance <x-5ff76448fd-h9dsn> not healthy: Instance crashed, please inspect instance log.');
      await page.locator('.results .card').first().waitFor();
      const copy = await page.locator('.results .card .code-list .copy').first().boundingBox();
      assert.ok(copy.height <= 32, `the Copy button is one line (${copy.height}px high)`);
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const dark = bg === 'rgb(15, 18, 22)';
      assert.equal(dark, scheme === 'dark', `background ${bg} follows prefers-color-scheme`);
      await screenshot(page, `results-${name}-${scheme}`);
      await page.goto(server.url + 'entries/service-failed.html');
      await inside('article.answer h1');
      await inside('.answer-body ol');
      await screenshot(page, `answer-${name}-${scheme}`);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

test('on a phone, after a paste the first card\'s title and badges are in the first screen, and the filters fold behind one button', { timeout: 60_000 }, async () => {
  const viewport = { width: 390, height: 844 };
  const { page, errors, context } = await openPage(browser, { viewport, isMobile: true, hasTouch: true });
  await ready(page);
  const log = Array.from({ length: 30 }, (_, i) => `2025-03-02T11:04:${String(i).padStart(2, '0')}Z eas-svc-7f9c8d-x2k4p INFO step ${i}`);
  log.push('Instance <x-5ff76448fd-h9dsn> not healthy: Instance crashed, please inspect instance log.');
  await page.fill('#kb-q', log.join('\n'));
  const first = page.locator('.results .card').first();
  await first.waitFor();
  const meta = await first.locator('.meta').boundingBox();
  assert.ok(meta.y + meta.height <= viewport.height, `badges end at ${meta.y + meta.height}px of ${viewport.height}`);
  assert.ok(await page.locator('.facets').isHidden(), 'the chips are folded');
  const toggle = page.locator('.filter-toggle');
  assert.equal(await toggle.textContent(), 'Filter');
  await toggle.click();
  await page.locator('.chip[data-facet=status]').first().click();
  await page.locator('.filter-toggle', { hasText: '(1 on)' }).waitFor();
  await screenshot(page, 'phone-after-paste');
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone, the answer page\'s header search opens its results across the whole width', { timeout: 60_000 }, async () => {
  const viewport = { width: 390, height: 844 };
  const { page, context } = await openPage(browser, { viewport, isMobile: true, hasTouch: true });
  page.setDefaultTimeout(15000);
  await page.goto(server.url + 'entries/service-waiting.html');
  const box = page.locator('kb-search .search-box');
  await box.click();
  await box.fill('image pull failed');
  const panel = page.locator('kb-search .panel');
  await panel.waitFor();
  const b = await panel.boundingBox();
  assert.ok(b.width >= viewport.width - 40, `the results are ${b.width}px wide of ${viewport.width}`);
  await screenshot(page, 'phone-answer-page-search');
  await context.close();
});
