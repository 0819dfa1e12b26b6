// The static site, the <kb-search> widget and the security rules (issue 5)
// in headless Chromium against the release build in dist/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve as serveDir, launch, openPage, screenshot, ready, siteWith, removeSites, DIST, ROOT, CSP, recordCspViolations, cspViolations } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const STORAGE_FULL = '[2024-10-21 20:59:33] safetensors_rust.SafetensorError: Error while serializing: IoError(Os { code: 28, kind: StorageFull, message: "No space left on device" })';
const temps = [];
const servers = [];
let browser;
before(async () => { browser = await launch(); });
// Servers close here too, so a failing test cannot keep the process alive.
after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
  for (const t of temps) rmSync(t, { recursive: true, force: true });
  removeSites();
});
/** A static server that is closed after the tests whatever happens. */
async function serve(...args) {
  const server = await serveDir(...args);
  let closed = false;
  const close = () => (closed ? Promise.resolve() : ((closed = true), server.close()));
  const tracked = { url: server.url, close };
  servers.push(tracked);
  return tracked;
}

/** A docs page on its own origin embedding the widget from `kbUrl`, with the demo's hostile CSS (or none). */
function hostPage(kbUrl, { hostile = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kb-host-'));
  temps.push(dir);
  cpSync(join(DIST, 'widget-demo.css'), join(dir, 'widget-demo.css'));
  let html = readFileSync(join(DIST, 'widget-demo.html'), 'utf8').replace('src="widget.js"', `src="${kbUrl}widget.js"`);
  if (!hostile) html = html.replace('<link rel="stylesheet" href="widget-demo.css">', '');
  writeFileSync(join(dir, 'index.html'), html);
  return dir;
}

const widgetBox = (page) => page.locator('kb-search .search-box');

test('with JavaScript disabled, the home page lists every entry and an entry page shows its steps', { timeout: 60_000 }, async () => {
  const server = await serve();
  const { page, context } = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(server.url);
  const links = page.locator('#kb-static li a');
  assert.equal(await links.count(), 34);
  assert.ok(await page.locator('.facets').isHidden(), 'chips that need JavaScript are hidden');
  await page.locator('#kb-static a[href="entries/service-failed.html"]').click();
  await page.waitForURL(/entries\/service-failed\.html$/);
  assert.match(await page.locator('h1').textContent(), /\S/);
  assert.ok(await page.locator('.answer-body ol li').count() > 0, 'numbered steps');
  assert.ok(await page.locator('.answer .badge').count() > 0, 'status badges');
  assert.ok(await page.locator('.answer-body h2[id]').count() > 0, 'section anchors');
  await screenshot(page, 'no-js-answer');
  await context.close();
  await server.close();
});

test('every page has a title, a description and an absolute canonical link, and sitemap.xml lists them all', () => {
  const site = siteWith(join(ROOT, 'content'), ['--site-url', 'https://kb.example/faq/']);
  const pages = ['index.html', ...readdirSync(join(site, 'entries')).map((f) => `entries/${f}`)];
  assert.equal(pages.length, 35);
  const sitemap = readFileSync(join(site, 'sitemap.xml'), 'utf8');
  const titles = new Set();
  for (const p of pages) {
    const html = readFileSync(join(site, p), 'utf8');
    const title = html.match(/<title>([^<]+)<\/title>/)?.[1];
    assert.ok(title, `${p} has a title`);
    titles.add(title);
    assert.match(html, /<meta name="description" content="[^"]{10,}">/, `${p} has a description`);
    assert.ok(html.includes(`<link rel="canonical" href="https://kb.example/faq/${p}">`), `${p} has an absolute canonical link`);
    assert.ok(sitemap.includes(`<loc>https://kb.example/faq/${p}</loc>`), `sitemap lists ${p}`);
    // Without the site's URL a canonical link could only be relative: none.
    assert.ok(!readFileSync(join(DIST, p), 'utf8').includes('rel="canonical"'), `${p} in a site without --site-url`);
  }
  assert.equal(titles.size, pages.length, 'titles are distinct');
  assert.match(readFileSync(join(site, 'robots.txt'), 'utf8'), /^Sitemap: https:\/\/kb\.example\/faq\/sitemap\.xml$/m);
});

test('the site works under the documented Content-Security-Policy with no violations', { timeout: 90_000 }, async () => {
  const server = await serve(DIST, { 'content-security-policy': CSP });
  const { page, errors, context } = await openPage(browser);
  await recordCspViolations(context);
  await ready(page, server.url);
  await page.fill('#kb-q', STORAGE_FULL);
  await page.locator('.results .card').first().waitFor();
  assert.deepEqual(await cspViolations(page), [], 'home page');
  await page.goto(server.url + 'entries/exec-format-error.html');
  await widgetBox(page).focus();
  await widgetBox(page).pressSequentially('exec format error');
  await page.locator('kb-search .card').first().waitFor();
  assert.deepEqual(await cspViolations(page), [], 'answer page with the widget');
  await page.goto(server.url + 'widget-demo.html');
  await widgetBox(page).focus();
  await widgetBox(page).fill(STORAGE_FULL);
  await page.locator('kb-search .card').first().waitFor();
  assert.deepEqual(await cspViolations(page), [], 'widget demo');
  assert.deepEqual(errors, []);
  await context.close();
  await server.close();
});

test('the home page paints before it asks for the engine, and a ?q= link asks at once; each file is fetched once', { timeout: 90_000 }, async () => {
  const server = await serve(DIST);
  const { page, errors, context } = await openPage(browser);
  const timings = () => page.evaluate(() => {
    const paint = performance.getEntriesByName('first-paint')[0]?.startTime;
    const files = performance.getEntriesByType('resource').map((r) => [r.name.split('/').pop().split('?')[0], r.startTime]);
    return { paint, files };
  });
  await ready(page, server.url);
  const home = await timings();
  for (const name of ['app_bg.wasm', 'kb.bundle', 'app.js']) {
    const fetched = home.files.filter(([n]) => n === name);
    assert.equal(fetched.length, 1, `${name} fetched once on the home page`);
    assert.ok(fetched[0][1] >= home.paint, `${name} asked for at ${fetched[0][1]} ms, after the first paint at ${home.paint} ms`);
  }
  await ready(page, `${server.url}?q=${encodeURIComponent(STORAGE_FULL)}`);
  await page.locator('.results .card').first().waitFor();
  const link = await timings();
  const wasm = link.files.filter(([n]) => n === 'app_bg.wasm');
  assert.equal(wasm.length, 1, 'the wasm fetched once for a ?q= link');
  assert.deepEqual(errors, []);
  await context.close();
  await server.close();
});

test('hostile HTML in the content and a hostile query never run script on the site, in the widget or in the host page', { timeout: 120_000 }, async () => {
  const site = siteWith(join(here, 'fixtures', 'hostile'));
  const kb = await serve(site, { 'access-control-allow-origin': '*' });
  const host = await serve(hostPage(kb.url));
  const { page, context } = await openPage(browser);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const pwned = () => page.evaluate(() => window.__pwned);
  const attack = '<img src=x onerror="window.__pwned=\'query\'"><script>window.__pwned="q"</script>';

  await ready(page, kb.url);
  await page.fill('#kb-q', 'PWNED_ERROR_TOKEN');
  await page.locator('.results .card').first().waitFor();
  await page.locator('.results .card').first().hover();
  await page.fill('#kb-q', attack);
  await page.waitForTimeout(100);
  assert.equal(await page.locator('img[src=x]').count(), 0, 'query text is never HTML');
  assert.equal(await pwned(), undefined, 'home page');

  await page.goto(kb.url + 'entries/script-injection.html');
  await page.locator('article.answer').waitFor();
  for (const el of await page.locator('.answer-body b, .answer-body div, .answer-body a').all()) {
    await el.hover();
    await el.click({ noWaitAfter: true, modifiers: [], trial: false }).catch(() => {});
    if (!page.url().includes('script-injection')) await page.goBack();
  }
  assert.equal(await pwned(), undefined, 'answer page');
  const html = readFileSync(join(site, 'entries', 'script-injection.html'), 'utf8');
  for (const [what, bad] of [['script tags', /<script(?![^>]*\bsrc="\.\.\/(widget|kb-page)\.js")/i], ['event handlers', /<[^>]+\son[a-z]+\s*=/i],
    ['javascript: URLs', /<[^>]+(href|src)\s*=\s*["']?\s*javascript:/i], ['iframes', /<iframe/i]]) {
    assert.doesNotMatch(html, bad, `the page holds no ${what}`);
  }

  await page.goto(host.url);
  await widgetBox(page).focus();
  await widgetBox(page).fill('PWNED_ERROR_TOKEN');
  await page.locator('kb-search .card').first().waitFor();
  await page.locator('kb-search .card').first().hover();
  await widgetBox(page).fill(attack);
  await page.waitForTimeout(100);
  assert.equal(await pwned(), undefined, 'host page with the widget');
  assert.deepEqual(dialogs, []);
  await context.close();
  await kb.close();
  await host.close();
});

test('the widget in a hostile docs page on another origin loads on focus, answers a paste, and keeps styles apart', { timeout: 90_000 }, async () => {
  const kb = await serve(DIST, { 'access-control-allow-origin': '*' });
  const hostile = await serve(hostPage(kb.url));
  const plain = await serve(hostPage(kb.url, { hostile: false }));
  const look = (page) => widgetBox(page).evaluate((el) => {
    const s = getComputedStyle(el);
    return { font: s.fontSize, family: s.fontFamily, box: s.boxSizing, border: s.borderTopWidth + ' ' + s.borderTopStyle, bg: s.backgroundColor, width: el.getBoundingClientRect().width > 100 };
  });

  // The reference look: the widget on a page without hostile CSS.
  const ref = await openPage(browser);
  await ref.page.goto(plain.url);
  await widgetBox(ref.page).waitFor();
  const expected = await look(ref.page);
  await ref.context.close();

  const { page, errors, context } = await openPage(browser);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(hostile.url);
  await widgetBox(page).waitFor();
  const hostStyle = () => page.evaluate(() => {
    const t = getComputedStyle(document.getElementById('host-title'));
    const p = getComputedStyle(document.getElementById('host-text'));
    return [t.fontSize, t.color, t.fontFamily, p.fontSize, p.letterSpacing, p.lineHeight];
  });
  const hostBefore = await hostStyle();
  assert.deepEqual(await look(page), expected, 'host CSS does not reach the widget');
  await page.waitForTimeout(300);
  assert.ok(!requests.some((u) => /kb\.bundle|app_bg\.wasm|app\.js/.test(u)), `nothing heavy loads before focus: ${requests}`);

  const focusedAt = Date.now();
  await widgetBox(page).focus();
  await widgetBox(page).fill(STORAGE_FULL);
  const first = page.locator('kb-search .card').first();
  await first.waitFor();
  console.log(`# widget: focus → first answer ${Date.now() - focusedAt} ms (localhost, cold)`);
  assert.equal(await first.getAttribute('data-id'), 'storage-full-on-startup');
  assert.ok(requests.some((u) => u.endsWith('kb.bundle')), 'the index loads after focus');
  assert.deepEqual(await hostStyle(), hostBefore, 'the widget CSS does not leak into the host page');
  assert.deepEqual(await look(page), expected, 'the live widget looks the same too');
  assert.equal(await page.locator('kb-search .search-box').getAttribute('aria-controls'), 'kb-results', 'the box drives the shown results');
  await screenshot(page, 'widget-demo-hostile-css');

  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('kb-search #kb-opt-0').getAttribute('aria-selected'), 'true');
  const [tab] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
  await tab.waitForLoadState();
  assert.ok(tab.url().startsWith(`${kb.url}entries/storage-full-on-startup.html`), `Enter opens the answer on the KB site in a new tab: ${tab.url()}`);
  assert.deepEqual(errors, []);
  await context.close();
  await Promise.all([kb.close(), hostile.close(), plain.close()]);
});

test('on an answer page, slash focuses the header search, which still takes slashes as text', { timeout: 60_000 }, async () => {
  const server = await serve();
  const { page, errors, context } = await openPage(browser);
  page.setDefaultTimeout(15000);
  await page.goto(server.url + 'entries/service-failed.html');
  await widgetBox(page).waitFor();
  await page.locator('h1').click();
  await page.keyboard.press('/');
  await page.keyboard.type('fork/exec /bin/sh: exec format error');
  const card = page.locator('kb-search .card').first();
  await card.waitFor();
  assert.equal(await widgetBox(page).inputValue(), 'fork/exec /bin/sh: exec format error');
  assert.equal(await card.getAttribute('data-id'), 'exec-format-error');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  assert.equal(await widgetBox(page).inputValue(), '', 'Esc clears the box');
  assert.deepEqual(errors, []);
  await context.close();
  await server.close();
});
