// Save → the open page showing the change, under `kb serve`: prints the
// time for each of several saves of one entry's title. Asserts nothing.
//   node serve-bench.mjs CONTENT_DIR [RUNS]
// The page is the entry's own page; the time runs from writing the file to
// the page's <h1> showing the new title (rebuild + event + reload + paint).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { launch, openPage, ROOT } from './harness.mjs';

const [content, runs = '7'] = process.argv.slice(2);
const files = (dir) => readdirSync(dir).flatMap((n) => {
  const p = join(dir, n);
  return statSync(p).isDirectory() ? files(p) : n.endsWith('.md') ? [p] : [];
});
const file = files(content).sort()[0];
const text = readFileSync(file, 'utf8');
const id = (/^id:\s*(\S+)/m.exec(text) || [])[1] || relative(content, file).split('/').pop().replace(/\.md$/, '');

const child = spawn(join(ROOT, 'target', 'release', 'kb'), ['serve', '--port', '0', '--content', content], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (d) => { out += d; const m = /at (http:\/\/[^ ]+\/)/.exec(out); if (m) resolve(m[1]); });
  child.on('exit', (code) => reject(new Error(`kb serve exited (${code})`)));
});
const browser = await launch();
const { page } = await openPage(browser);
page.setDefaultTimeout(60000);
await page.goto(`${url}entries/${id}.html`);
await page.locator('article.answer h1').waitFor();
await page.waitForTimeout(500);
const times = [];
for (let i = 0; i < Number(runs); i++) {
  const title = `Benchmark save ${i} ${Date.now()}`;
  const edited = /^title:.*$/m.test(text) ? text.replace(/^title:.*$/m, `title: '${title}'`) : text.replace(/^# .*$/m, `# ${title}`);
  const t0 = performance.now();
  writeFileSync(file, edited);
  await page.waitForFunction((t) => document.querySelector('article.answer h1')?.textContent === t, title, { polling: 10 });
  times.push(performance.now() - t0);
  await page.waitForTimeout(300);
}
writeFileSync(file, text);
times.sort((a, b) => a - b);
const entries = files(content).length;
console.log(`save → page shows it, ${entries} entries: median ${times[times.length >> 1].toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms (${times.length} saves)`);
await browser.close();
child.kill();
