// Lighthouse 12 (mobile preset) on the site written by `kb build`, served
// with brotli: the home page, an answer page, and results opened from a
// `?q=` link. Prints the four scores and the LCP of each; asserts nothing.
//   node lighthouse.mjs [SITE_DIR] [RUNS]
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, ROOT } from './harness.mjs';

const runs = Number(process.argv[3] || 3);
// The site with its URL known (a canonical link needs one): built into a
// temporary folder by the kb in this checkout.
const site = process.argv[2] || mkdtempSync(join(tmpdir(), 'kb-lh-'));
const server = await serve(site, {}, { compress: true });
if (!process.argv[2]) {
  execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'indexer', '--bin', 'kb', '--', 'build', '--content', join(ROOT, 'content'), '--out', site, '--site-url', server.url], { cwd: ROOT, stdio: 'pipe' });
}
// Every file compressed once before measuring, as a static host or CDN
// serves them: the first request would otherwise wait for brotli level 11.
for (const file of readdirSync(site)) {
  if (statSync(join(site, file)).isFile()) await fetch(server.url + file, { headers: { 'accept-encoding': 'br' } }).then((r) => r.arrayBuffer());
}
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const pages = {
  home: server.url,
  'answer page': `${server.url}entries/service-waiting.html`,
  '?q= results': `${server.url}?q=${encodeURIComponent('Instance crashed, please inspect instance log')}`,
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`| page | performance | accessibility | best practices | SEO | LCP |\n|---|---|---|---|---|---|`);
for (const [name, url] of Object.entries(pages)) {
  const scores = { performance: [], accessibility: [], 'best-practices': [], seo: [], lcp: [] };
  for (let i = 0; i < runs; i++) {
    const { lhr } = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' });
    for (const k of ['performance', 'accessibility', 'best-practices', 'seo']) scores[k].push(Math.round(lhr.categories[k].score * 100));
    scores.lcp.push(lhr.audits['largest-contentful-paint'].numericValue);
    if (i === 0 && process.env.LH_DETAIL) {
      const m = (id) => lhr.audits[id]?.displayValue;
      console.error(`# ${name}: FCP ${m('first-contentful-paint')}, LCP ${m('largest-contentful-paint')}, TBT ${m('total-blocking-time')}, CLS ${m('cumulative-layout-shift')}, SI ${m('speed-index')}`);
    }
    if (i === 0) {
      const failed = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode === 'binary').map((a) => a.id);
      if (failed.length) console.error(`# ${name}: failed audits: ${failed.join(', ')}`);
    }
  }
  const span = (xs) => (Math.min(...xs) === Math.max(...xs) ? `${xs[0]}` : `${Math.min(...xs)}–${Math.max(...xs)}`);
  console.log(`| ${name} | ${span(scores.performance)} | ${span(scores.accessibility)} | ${span(scores['best-practices'])} | ${span(scores.seo)} | ${(median(scores.lcp) / 1000).toFixed(1)} s |`);
}
await chrome.kill();
await server.close();
if (!process.argv[2]) rmSync(site, { recursive: true, force: true });
