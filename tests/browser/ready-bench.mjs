// When a reader on a slow phone can search: the site written by `kb build`
// (served with brotli) loaded in headless Chromium under Lighthouse's
// mobile throttling as DevTools applies it (562.5 ms latency, 1.47 Mbps
// down, 4× CPU). Prints, per page, the median over RUNS cold loads of the
// first paint, the largest paint, when `window.kbReady` resolves (the
// engine can answer) and, for a `?q=` link, when its first card is shown.
// A benchmark: prints numbers, asserts nothing.
//   node ready-bench.mjs [SITE_DIR] [RUNS]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, ROOT } from './harness.mjs';

const runs = Number(process.argv[3] || 5);
const site = process.argv[2] || mkdtempSync(join(tmpdir(), 'kb-ready-'));
if (!process.argv[2]) {
  execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'indexer', '--bin', 'kb', '--', 'build', '--content', join(ROOT, 'content'), '--out', site], { cwd: ROOT, stdio: 'pipe' });
}
const server = await serve(site, {}, { compress: true });
const pages = {
  home: server.url,
  '?q= link': `${server.url}?q=${encodeURIComponent('Instance crashed, please inspect instance log')}`,
};
const browser = await launch();
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log('| page | first paint | largest paint | engine ready | first card |\n|---|---|---|---|---|');
for (const [name, url] of Object.entries(pages)) {
  const times = { fcp: [], lcp: [], ready: [], card: [] };
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 562.5, downloadThroughput: (1474.56 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(() => {
      window.__marks = {};
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__marks.lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
      new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__marks.fcp = e.startTime; }).observe({ type: 'paint', buffered: true });
      const watch = () => {
        if (window.kbReady && !window.__marks.watching) {
          window.__marks.watching = true;
          window.kbReady.then(() => { window.__marks.ready = performance.now(); });
        }
        if (!window.__marks.card && document.querySelector('#kb-app .card')) window.__marks.card = performance.now();
        if (!window.__marks.ready || (location.search && !window.__marks.card)) requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
    });
    await page.goto(url, { waitUntil: 'load', timeout: 120000 });
    await page.waitForFunction(() => window.__marks.ready && (!location.search || window.__marks.card), null, { timeout: 120000, polling: 50 });
    const m = await page.evaluate(() => window.__marks);
    for (const k of Object.keys(times)) if (m[k] !== undefined) times[k].push(m[k]);
    await context.close();
  }
  const s = (xs) => (xs.length ? `${(median(xs) / 1000).toFixed(2)} s` : '–');
  console.log(`| ${name} | ${s(times.fcp)} | ${s(times.lcp)} | ${s(times.ready)} | ${s(times.card)} |`);
}
await browser.close();
await server.close();
if (!process.argv[2]) rmSync(site, { recursive: true, force: true });
