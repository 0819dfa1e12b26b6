// A knowledge base large enough that its common words' posting lists fill
// whole blocks of 128 documents: tantivy stores those bit-packed, and the
// browser decodes them with other code than `kb` does natively
// (patches/bitpacking: compact in wasm, SIMD natively). The two front ends
// must still give the same answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, openPage, ready, siteWith, removeSites, nativeHits, evaluateWithin, ROOT } from './harness.mjs';

const ENTRIES = 400;
let browser;
let server;
let site;
let work;
let queries;

before(() => {
  work = mkdtempSync(join(tmpdir(), 'kb-large-'));
  execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'indexer', '--example', 'synthetic_kb', '--', work, String(ENTRIES), '7'], { cwd: ROOT, stdio: 'pipe' });
  site = siteWith(join(work, 'content'));
  const written = readFileSync(join(work, 'queries.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).query);
  // Every kind the generator writes, and typed words most entries share.
  queries = [...written.filter((_, i) => i % 13 === 0).slice(0, 30), 'instance', 'service region', 'check the retry budget', 'network policy configuration file'];
});
before(async () => { browser = await launch(); server = await serve(site); });
after(async () => {
  await browser?.close();
  await server?.close();
  removeSites();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** How many entries of the content folder contain `word`. */
function entriesWith(word) {
  const content = join(work, 'content');
  return readdirSync(content, { recursive: true })
    .filter((f) => f.endsWith('.md'))
    .filter((f) => readFileSync(join(content, f), 'utf8').toLowerCase().includes(word)).length;
}

test('on a knowledge base whose common words fill bit-packed blocks, the browser answers exactly what kb search answers', { timeout: 180_000 }, async () => {
  assert.ok(entriesWith('instance') >= 128, 'the word "instance" needs a posting list longer than one block');
  const native = nativeHits(site, queries, 10);
  const { page, errors, context } = await openPage(browser);
  await ready(page, server.url);
  for (const [i, q] of queries.entries()) {
    const label = JSON.stringify(q.slice(0, 60));
    // A page that hangs fails here, within 10 s, instead of at the test's time limit.
    const hits = await evaluateWithin(page, (q) => window.kbSearch(q, 10), q, 10, `kbSearch(${label})`);
    assert.deepEqual(hits.map((h) => h.id), native[i].map((h) => h.id), `the same answers as kb search for ${label}`);
    // Scores may differ in the last bits (wasm's and the native libm).
    hits.forEach((h, k) => assert.ok(Math.abs(h.score - native[i][k].score) <= 1e-4 * native[i][k].score, `score ${h.score} vs ${native[i][k].score} for ${label}`));
  }
  assert.ok(native.filter((hits) => hits.length > 0).length >= queries.length - 2, 'the queries find answers');
  assert.equal(native[queries.indexOf('instance')].length, 10, 'a word most entries share fills the list');
  assert.deepEqual(errors, []);
  await context.close();
});
