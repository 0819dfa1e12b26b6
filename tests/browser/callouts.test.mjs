// Callouts as other docs tools write them (GitHub alerts, MkDocs and
// Docusaurus admonitions): the answer page shows each as a labelled
// callout, never its markers, and axe finds nothing to fault in light or
// dark mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, openPage, siteWith, removeSites, axeViolations } from './harness.mjs';

let browser;
let server;
let content;

before(async () => {
  content = mkdtempSync(join(tmpdir(), 'kb-callouts-'));
  writeFileSync(join(content, 'port-in-use.md'), [
    '# The port is already in use', '', 'Another process listens on the port.', '',
    '> [!WARNING]', '> Stopping that process drops its connections.', '',
    '!!! note "Before you start"', '    Find the process with `ss -ltnp`.', '',
    ':::danger', 'Never kill PID 1.', ':::', '',
    '1. Stop the other process.', '',
  ].join('\n'));
  browser = await launch();
  server = await serve(siteWith(content));
});
after(async () => {
  await browser?.close();
  await server?.close();
  removeSites();
  rmSync(content, { recursive: true, force: true });
});

for (const scheme of ['light', 'dark']) {
  test(`callouts of three docs tools show as labelled callouts in ${scheme} mode, with no axe violation`, { timeout: 60_000 }, async () => {
    const { page, errors, context } = await openPage(browser, { colorScheme: scheme });
    await page.goto(`${server.url}entries/port-in-use.html`);
    const callouts = await page.evaluate(() => [...document.querySelectorAll('.answer-body blockquote')]
      .map((b) => [b.className, b.querySelector('.callout-label')?.textContent, getComputedStyle(b).borderLeftStyle]));
    assert.deepEqual(callouts, [
      ['markdown-alert-warning', 'Warning', 'solid'],
      ['markdown-alert-note', 'Note', 'solid'],
      ['markdown-alert-caution', 'Caution', 'solid'],
    ]);
    const text = await page.locator('.answer-body').innerText();
    assert.ok(!/!!!|:::|\[!WARNING\]/.test(text), text);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
