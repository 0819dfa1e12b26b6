// `kb serve`, the author's preview, in headless Chromium: a save shows on
// the open page by itself, and a content error shows over the page with
// its file and line until the file is fixed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage, ROOT } from './harness.mjs';

let browser, content, server, url;

/** Starts `kb serve` over a copy of the bundled FAQ on a free port. */
async function startServe(folder) {
  const child = spawn('cargo', ['run', '--quiet', '--release', '-p', 'indexer', '--bin', 'kb', '--', 'serve', '--port', '0', '--content', folder], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const address = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /at (http:\/\/[^ ]+\/)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`kb serve exited (${code})`)));
  });
  return { child, address };
}

before(async () => {
  browser = await launch();
  content = mkdtempSync(join(tmpdir(), 'kb-serve-content-'));
  cpSync(join(ROOT, 'content'), content, { recursive: true });
  server = await startServe(content);
  url = server.address;
});
after(async () => {
  await browser?.close();
  server?.child.kill();
  rmSync(content, { recursive: true, force: true });
});

const entry = () => join(content, 'deployment', 'exec-format-error.md');

test('a save under kb serve shows on the open page without a manual reload', { timeout: 60_000 }, async () => {
  const { page, errors, context } = await openPage(browser);
  page.setDefaultTimeout(15000);
  await page.goto(url + 'entries/exec-format-error.html');
  await page.locator('article.answer h1').waitFor();
  const original = readFileSync(entry(), 'utf8');
  writeFileSync(entry(), original.replace(/^title: .*$/m, "title: 'Saved a moment ago: exec format error'"));
  await page.waitForFunction(() => document.querySelector('article.answer h1')?.textContent === 'Saved a moment ago: exec format error');
  writeFileSync(entry(), original);
  await page.waitForFunction(() => document.querySelector('article.answer h1')?.textContent !== 'Saved a moment ago: exec format error');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a broken front matter shows its file and line over the page, and fixing the file clears it', { timeout: 60_000 }, async () => {
  const { page, context } = await openPage(browser);
  page.setDefaultTimeout(15000);
  await page.goto(url + 'entries/exec-format-error.html');
  await page.locator('article.answer h1').waitFor();
  const original = readFileSync(entry(), 'utf8');
  writeFileSync(entry(), original.replace(/^title: .*$/m, 'title: [unclosed'));
  const overlay = page.locator('.kb-live-overlay[role=alert]');
  await overlay.waitFor();
  const text = await overlay.textContent();
  assert.match(text, /exec-format-error\.md:\d+/, text);
  assert.match(text, /YAML/, text);
  assert.equal(await page.locator('article.answer h1').count(), 1, 'the last good page stays underneath');
  writeFileSync(entry(), original);
  await overlay.waitFor({ state: 'detached' });
  await page.locator('article.answer h1').waitFor();
  await context.close();
});

test('the search on a kb serve preview answers a paste', { timeout: 60_000 }, async () => {
  const { page, errors, context } = await openPage(browser);
  page.setDefaultTimeout(15000);
  await page.goto(url);
  await page.evaluate(() => window.kbReady);
  const hits = await page.evaluate(() => window.kbSearch('fork/exec /bin/sh: exec format error', 3));
  assert.equal(hits[0].id, 'exec-format-error');
  assert.deepEqual(errors, []);
  await context.close();
});
