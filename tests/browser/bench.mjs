// Browser benchmark of the release build in dist/: bytes on the wire (raw,
// gzip, brotli), time from navigation to the first answer, and in-browser
// query latency by query kind. Prints a Markdown table; asserts nothing.
//
//   node tests/browser/bench.mjs [--queries FILE] [--loads N] [--reps N]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { serve, launch, DIST } from './harness.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
const queriesFile = opt('--queries', join(DIST, '..', 'tests', 'kbs', 'eas', 'queries.jsonl'));
const loads = Number(opt('--loads', 5));
const reps = Number(opt('--reps', 20));

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

// Bytes of every file the page loads before the first answer.
const files = readdirSync(DIST).filter((f) => statSync(join(DIST, f)).isFile());
let total = { raw: 0, gz: 0, br: 0 };
const rows = [];
for (const f of files) {
  const b = readFileSync(join(DIST, f));
  const r = { f, raw: b.length, gz: gzipSync(b, { level: 9 }).length, br: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length };
  rows.push(r);
  for (const k of ['raw', 'gz', 'br']) total[k] += r[k];
}
console.log('| file | raw | gzip | brotli |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.f.replace(/-[0-9a-f]{16}/, '')} | ${kb(r.raw)} | ${kb(r.gz)} | ${kb(r.br)} |`);
console.log(`| **total** | ${kb(total.raw)} | ${kb(total.gz)} | ${kb(total.br)} |\n`);

const server = await serve();
const browser = await launch();
const queries = readFileSync(queriesFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

const firstAnswer = [];
const ready = [];
for (let i = 0; i < loads; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url, { waitUntil: 'commit' });
  await page.waitForFunction(() => typeof window.kbSearch === 'function', null, { polling: 5 });
  const t = await page.evaluate(async (q) => {
    await window.kbReady;
    const r = performance.now();
    await window.kbSearch(q, 10);
    return { ready: r, answer: performance.now() };
  }, queries[0].query);
  // performance.now() counts from navigation start.
  ready.push(t.ready); firstAnswer.push(t.answer);
  await context.close();
}
console.log(`time to engine ready (median of ${loads} cold loads): ${pct(ready, 0.5).toFixed(0)} ms`);
console.log(`time to first answer (median of ${loads} cold loads): ${pct(firstAnswer, 0.5).toFixed(0)} ms\n`);

const context = await browser.newContext();
const page = await context.newPage();
await page.goto(server.url);
await page.evaluate(() => window.kbReady);
const byKind = {};
for (const q of queries) {
  const times = await page.evaluate(async ({ q, reps }) => {
    await window.kbSearch(q, 10);
    const out = [];
    for (let i = 0; i < reps; i++) { const t = performance.now(); await window.kbSearch(q, 10); out.push(performance.now() - t); }
    return out;
  }, { q: q.query, reps });
  (byKind[q.kind] ||= []).push(...times);
  (byKind.all ||= []).push(...times);
}
console.log('| query kind | searches | p50 | p95 |\n|---|---|---|---|');
for (const [k, t] of Object.entries(byKind)) console.log(`| ${k} | ${t.length} | ${pct(t, 0.5).toFixed(2)} ms | ${pct(t, 0.95).toFixed(2)} ms |`);
await browser.close();
await server.close();
