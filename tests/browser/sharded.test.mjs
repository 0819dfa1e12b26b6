// A knowledge base built with its entries and postings split out of the
// bundle (`kb build --entries sharded`, what large KBs get by default): the
// page and the widget fetch only the postings ranges of the query's terms
// and the entry shards of the hits they show.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, openPage, ready, siteWith, removeSites, ROOT } from './harness.mjs';

// The rustc error index (139 entries, 10 shards) is big enough that one
// result list needs only some of its shards.
const MOVED = 'error[E0382]: borrow of moved value: `config`';
let browser;
let site;
let server;
let shardCount;
before(async () => {
  browser = await launch();
  site = siteWith(join(ROOT, 'tests', 'kbs', 'rustc-errors', 'content'), ['--entries', 'sharded']);
  shardCount = readdirSync(join(site, 'kb-entries')).length;
  server = await serve(site);
});
after(async () => {
  await browser?.close();
  await server?.close();
  removeSites();
});

/** Records the entry shards a page requests. */
function shardRequests(page) {
  const urls = [];
  page.on('request', (r) => { if (r.url().includes('/kb-entries/')) urls.push(r.url()); });
  return urls;
}

/** Opens the site, types the query and returns the text of the alert that says what could not be loaded. */
async function problemShownFor(page, query) {
  await ready(page, server.url);
  await page.fill('#kb-q', query);
  const alert = page.locator('.status .shard-error');
  await alert.waitFor();
  return alert.textContent();
}

/**
 * Records the postings responses of a page. `count()` is how many arrived
 * so far; `all()` waits for their bodies: [{status, range, bytes}].
 */
function postingsResponses(page) {
  const seen = [];
  page.on('response', (r) => {
    if (!r.url().includes('/kb-postings/')) return;
    seen.push(r.body().catch(() => Buffer.alloc(0)).then((body) => ({ status: r.status(), range: r.request().headers().range, bytes: body.length })));
  });
  return { count: () => seen.length, all: () => Promise.all(seen) };
}

test('a pasted error on a sharded site shows its steps after fetching only the shards of the hits', { timeout: 90_000 }, async () => {
  assert.ok(shardCount > 5, `the KB is split into several shards (${shardCount})`);
  const { page, errors, context } = await openPage(browser);
  const shards = shardRequests(page);
  await ready(page, server.url);
  assert.equal(shards.length, 0, 'loading the index fetches no shard');
  await page.fill('#kb-q', MOVED);
  const first = page.locator('.results .card').first();
  await first.waitFor();
  assert.equal(await first.getAttribute('data-id'), 'E0382');
  assert.ok(await first.locator('ol.steps li').count() > 0, 'the card shows the numbered steps');
  assert.ok(shards.length >= 1 && shards.length < shardCount, `fetched ${shards.length} of ${shardCount} shards`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a search on a sharded site reads a small part of the postings, by range requests', { timeout: 60_000 }, async () => {
  // The postings and the term dictionaries' blocks.
  const size = readdirSync(join(site, 'kb-postings'))
    .reduce((n, f) => n + statSync(join(site, 'kb-postings', f)).size, 0);
  const { page, errors, context } = await openPage(browser);
  const recorded = postingsResponses(page);
  await ready(page, server.url);
  assert.equal(recorded.count(), 0, 'loading the index fetches no postings');
  const hits = await page.evaluate((q) => window.kbSearch(q, 3), MOVED);
  assert.equal(hits[0].id, 'E0382');
  const responses = await recorded.all();
  assert.ok(responses.length > 0, 'the query fetched postings');
  for (const r of responses) assert.equal(r.status, 206, `range request ${r.range}`);
  const fetched = responses.reduce((n, r) => n + r.bytes, 0);
  console.log(`# postings: ${responses.length} range requests, ${fetched} of ${size} bytes`);
  assert.ok(fetched < size / 2, `fetched ${fetched} of ${size} postings bytes`);
  await page.evaluate((q) => window.kbSearch(q, 3), MOVED);
  assert.equal(recorded.count(), responses.length, 'the same query again fetches nothing');
  assert.deepEqual(errors, []);
  await context.close();
});

test('window.kbSearch on a sharded site waits for the shards and returns whole hits', { timeout: 60_000 }, async () => {
  const { page, errors, context } = await openPage(browser);
  await ready(page, server.url);
  const hits = await page.evaluate((q) => window.kbSearch(q, 3), MOVED);
  assert.equal(hits[0].id, 'E0382');
  assert.ok(hits[0].steps.length > 0 && hits[0].excerpt.length > 0, 'steps and excerpt arrived');
  assert.deepEqual(errors, []);
  await context.close();
});

test('browsing by category on a sharded site fetches no shard', { timeout: 60_000 }, async () => {
  const { page, context } = await openPage(browser);
  const shards = shardRequests(page);
  await ready(page, server.url);
  const chip = page.locator('.facets button.chip[data-facet=category]').first();
  const n = Number(await chip.locator('.chip-count').textContent());
  await chip.click();
  // The app's filtered list, not the home page's static one.
  const listed = page.locator('section.browse:not(#kb-static) li');
  await listed.first().waitFor();
  assert.ok(await page.locator('#kb-static').isHidden(), 'the filtered list replaced the static one');
  assert.equal(await listed.count(), n, 'every entry of the category is listed');
  assert.equal(shards.length, 0);
  await context.close();
});

test('a host that ignores range requests costs one download of each file read by range, not one per range', { timeout: 60_000 }, async () => {
  const files = readdirSync(join(site, 'kb-postings'));
  assert.equal(files.length, 2, `postings and term dictionary: ${files}`);
  const { page, errors, context } = await openPage(browser);
  const requests = [];
  // Like a static server without range support: every request gets the whole file.
  await page.route('**/kb-postings/**', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    requests.push(`${name} ${route.request().headers().range}`);
    return route.fulfill({ status: 200, path: join(site, 'kb-postings', name), contentType: 'application/octet-stream' });
  });
  await ready(page, server.url);
  const hits = await page.evaluate((q) => window.kbSearch(q, 3), MOVED);
  assert.equal(hits[0].id, 'E0382');
  assert.equal(requests.length, files.length, `postings requests: ${requests.join(', ')}`);
  const other = await page.evaluate(() => window.kbSearch('error[E0499]: cannot borrow `x` as mutable more than once at a time', 3));
  assert.equal(other[0].id, 'E0499');
  assert.equal(requests.length, files.length, 'later searches read the downloaded files');
  assert.deepEqual(errors, []);
  await context.close();
});

test('postings that cannot be fetched are reported plainly', { timeout: 60_000 }, async () => {
  const { page, context } = await openPage(browser);
  await page.route('**/kb-postings/**', (route) => route.fulfill({ status: 404, body: 'gone' }));
  assert.match(await problemShownFor(page, MOVED), /could not be loaded: .*kb-postings\/.*HTTP 404/);
  await context.close();
});

test('postings that arrive cut short are reported once instead of asked for again and again', { timeout: 60_000 }, async () => {
  const { page, context } = await openPage(browser);
  let requests = 0;
  // A broken proxy: every range answer loses its second half.
  await page.route('**/kb-postings/**', async (route) => {
    requests++;
    const response = await route.fetch();
    const body = await response.body();
    return route.fulfill({ response, body: body.subarray(0, Math.floor(body.length / 2)) });
  });
  assert.match(await problemShownFor(page, MOVED), /could not be loaded: .*kb-postings\/.* without bytes \d+-\d+/);
  const settled = requests;
  await page.waitForTimeout(500);
  assert.equal(requests, settled, 'no more requests once reported');
  assert.ok(settled <= 20, `${settled} postings requests`);
  const rejected = await page.evaluate((q) => window.kbSearch(q, 3).then(() => 'resolved', (e) => String(e)), 'cannot borrow as mutable more than once');
  assert.match(rejected, /without bytes/);
  await context.close();
});

test('a shard that cannot be fetched is reported while the results still show', { timeout: 60_000 }, async () => {
  const { page, context } = await openPage(browser);
  await page.route('**/kb-entries/**', (route) => route.fulfill({ status: 404, body: 'gone' }));
  assert.match(await problemShownFor(page, MOVED), /could not be loaded: .*kb-entries\/\d{5}\.json.*HTTP 404/);
  assert.equal(await page.locator('.results .card').first().getAttribute('data-id'), 'E0382');
  const rejected = await page.evaluate((q) => window.kbSearch(q, 3).then(() => 'resolved', (e) => String(e)), MOVED);
  assert.match(rejected, /HTTP 404/);
  await context.close();
});

test('the widget on a sharded site answers with the hit whose shard it fetched', { timeout: 60_000 }, async () => {
  const { page, errors, context } = await openPage(browser);
  const shards = shardRequests(page);
  page.setDefaultTimeout(15000);
  await page.goto(server.url + 'entries/E0502.html');
  const box = page.locator('kb-search .search-box');
  await box.click();
  await box.fill(MOVED);
  const first = page.locator('kb-search .card').first();
  await first.waitFor();
  assert.equal(await first.getAttribute('data-id'), 'E0382');
  assert.ok(shards.length >= 1 && shards.length < shardCount, `fetched ${shards.length} of ${shardCount} shards`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the widget in a docs page on another origin reads a sharded site by range requests', { timeout: 60_000 }, async () => {
  // The KB host allows the docs origin (CORS); the docs page embeds widget.js from it.
  const kb = await serve(site, { 'access-control-allow-origin': '*' });
  const docs = mkdtempSync(join(tmpdir(), 'kb-docs-'));
  writeFileSync(join(docs, 'index.html'), `<!doctype html><title>Docs</title><link rel="icon" href="data:,"><script type="module" src="${kb.url}widget.js"></script><kb-search></kb-search>`);
  const host = await serve(docs);
  try {
    const { page, errors, context } = await openPage(browser);
    const recorded = postingsResponses(page);
    await page.goto(host.url);
    const box = page.locator('kb-search .search-box');
    await box.click();
    await box.fill(MOVED);
    const first = page.locator('kb-search .card').first();
    await first.waitFor({ timeout: 15_000 });
    assert.equal(await first.getAttribute('data-id'), 'E0382');
    const postings = await recorded.all();
    assert.ok(postings.length > 0 && postings.every((r) => r.status === 206), `postings answers: ${postings.map((r) => r.status)}`);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await host.close();
    await kb.close();
    rmSync(docs, { recursive: true, force: true });
  }
});
