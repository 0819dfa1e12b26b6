// Accessibility, checked by axe-core in a real Chromium over every state a
// reader meets: the home page, results, the keyboard in the results, no
// results, the recent-searches dropdown, an answer page and the widget in
// its shadow root; each in light and dark. Zero violations of any impact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, ready as readyAt, axeViolations as violations } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const STATES = {
  'the home page': async (page) => { await readyAt(page, server.url); },
  'results': async (page) => {
    await readyAt(page, server.url);
    await page.fill('#kb-q', 'Instance <x-5ff76448fd-h9dsn> not healthy: Instance crashed, please inspect instance log.');
    await page.locator('.results .card').first().waitFor();
  },
  'the keyboard in the results': async (page) => {
    await readyAt(page, server.url);
    await page.locator('#kb-q').pressSequentially('image pull');
    await page.locator('.results .card').nth(1).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
  },
  'no results': async (page) => {
    await readyAt(page, server.url);
    await page.fill('#kb-q', 'qwxzv plorkt');
    await page.locator('.no-results').waitFor();
  },
  'the recent searches': async (page) => {
    await readyAt(page, server.url);
    await page.evaluate(() => localStorage.setItem('kb-search:recent', JSON.stringify(['exec format error', 'ImagePullBackOff'])));
    await readyAt(page, server.url);
    await page.locator('#kb-q').focus();
    await page.locator('.recent').waitFor();
  },
  'an answer page': async (page) => {
    await page.goto(server.url + 'entries/service-waiting.html');
    await page.locator('article.answer').waitFor();
  },
  'the widget with results': async (page) => {
    await page.goto(server.url + 'entries/service-waiting.html');
    const box = page.locator('kb-search .search-box');
    await box.click();
    await box.fill('image pull failed');
    await page.locator('kb-search .card').first().waitFor();
  },
};

for (const scheme of ['light', 'dark']) {
  for (const [state, reach] of Object.entries(STATES)) {
    test(`axe finds no violation on ${state} in ${scheme} mode`, { timeout: 60_000 }, async () => {
      const { page, context } = await openPage(browser, { colorScheme: scheme });
      page.setDefaultTimeout(15000);
      await reach(page);
      await page.waitForTimeout(250); // transitions settle before colours are read
      assert.deepEqual(await violations(page), []);
      await context.close();
    });
  }
}
