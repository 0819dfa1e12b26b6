// Shared set-up of the browser tests: a static server over dist/ (the real
// release build) and headless Chromium driven by playwright-core.
import { createServer } from 'node:http';
import { open, readFile, stat } from 'node:fs/promises';
import { join, extname, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, '..', '..');
export const DIST = process.env.KB_DIST || join(here, '..', '..', 'dist');
export const SCREENSHOTS = join(here, 'screenshots');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.xml': 'application/xml', '.bundle': 'application/octet-stream', '.png': 'image/png',
};

/**
 * Serves `root` on a free loopback port; `headers` are added to every
 * response; `compress` sends brotli or gzip when the browser accepts it.
 * Compressed bodies are kept per file and modification time, as a static
 * host or CDN keeps them: compressing the 1.5 MB wasm at brotli level 11 on
 * every request held this one-threaded server for seconds, and Lighthouse
 * counted that wait as the site's server response time.
 */
export async function serve(root = DIST, headers = {}, { compress = false } = {}) {
  const compressed = new Map();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      let path = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
      if (path.includes('..')) { res.writeHead(400); return res.end(); }
      let file = join(root, path);
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const type = { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'accept-ranges': 'bytes', ...headers };
      // Range requests, as static hosts serve them (large KBs fetch postings by range).
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range || '');
      if (range) {
        const size = (await stat(file)).size;
        const start = Number(range[1]);
        const end = Math.min(range[2] ? Number(range[2]) : size - 1, size - 1);
        if (start > end) { res.writeHead(416, { 'content-range': `bytes */${size}` }); return res.end(); }
        const handle = await open(file);
        const part = Buffer.alloc(end + 1 - start);
        try { await handle.read(part, 0, part.length, start); } finally { await handle.close(); }
        res.writeHead(206, { ...type, 'content-range': `bytes ${start}-${end}/${size}` });
        return res.end(part);
      }
      let body = await readFile(file);
      const accepts = String(req.headers['accept-encoding'] || '');
      const encoding = !compress ? null : /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
      if (encoding) {
        const key = `${encoding} ${file} ${(await stat(file)).mtimeMs}`;
        if (!compressed.has(key)) compressed.set(key, encoding === 'br' ? brotliCompressSync(body) : gzipSync(body));
        body = compressed.get(key);
        type['content-encoding'] = encoding;
      }
      res.writeHead(200, type);
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

/** Headless Chromium with the flags that work on this machine (TOOLCHAIN.md). */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ], // playwright gives every launch a fresh profile directory of its own
  });
}

/** A new page that records console errors and uncaught exceptions. */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors, context };
}

/** Opens `url` and waits (at most 15 s) until the engine can answer. */
export async function ready(page, url) {
  page.setDefaultTimeout(15000);
  await page.goto(url);
  await page.evaluate(() => Promise.race([window.kbReady, new Promise((_, no) => setTimeout(() => no(new Error('kbReady timed out')), 15000))]));
  // The app replaces the static page's parts once the engine is ready.
  await page.locator('#kb-q[aria-autocomplete]').waitFor();
}

/**
 * The Content-Security-Policy the site is documented (README) to work
 * under, read from the README (a Rust test checks it against what `kb
 * build` writes; the browser tests check the site against it).
 */
export const CSP = readFileSync(join(ROOT, 'README.md'), 'utf8').match(/^Content-Security-Policy: (.+)$/m)[1];

/** Records CSP violations on every page of the context (read them with `cspViolations(page)`). */
export async function recordCspViolations(context) {
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}
export const cspViolations = (page) => page.evaluate(() => window.__csp || []);

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The hits `kb search` gives natively (the same engine, the CLI front end) for each query, over the index in `index`. */
export function nativeHits(index, queries, limit) {
  const out = execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'indexer', '--bin', 'kb', '--', 'search', '--jsonl', '--limit', String(limit), '--index', index], {
    cwd: ROOT, input: queries.map((q) => JSON.stringify(q)).join('\n') + '\n', maxBuffer: 64 << 20,
  });
  return out.toString().trim().split('\n').map((l) => JSON.parse(l).hits);
}

/** page.evaluate with a time limit: a hung page fails the run instead of stalling it. */
export async function evaluateWithin(page, fn, arg, seconds = 60, what = 'page.evaluate') {
  let timer;
  const limit = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took over ${seconds} s`)), seconds * 1000); });
  try { return await Promise.race([page.evaluate(fn, arg), limit]); } finally { clearTimeout(timer); }
}

const sites = [];
/**
 * A copy of the built site with another knowledge base written into it by
 * `kb build` (extra `kb build` options in `args`); removed by `removeSites`.
 */
export function siteWith(content, args = []) {
  const dir = mkdtempSync(join(tmpdir(), 'kb-site-'));
  sites.push(dir);
  cpSync(DIST, dir, { recursive: true });
  execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'indexer', '--bin', 'kb', '--', 'build', '--without-app', '--content', content, '--out', dir, ...args], { cwd: ROOT, stdio: 'pipe' });
  return dir;
}
export function removeSites() {
  for (const dir of sites.splice(0)) rmSync(dir, { recursive: true, force: true });
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** axe's violations on the page (shadow roots included), as readable lines. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${n.target.join(' ')} — ${n.failureSummary.split('\n').slice(1).join(' ').trim()}`));
}
