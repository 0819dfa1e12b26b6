// Causes written with `###` headings, as many teams' FAQs do: each is a
// section of its own, its card shows its own steps, and the answer page
// opened at it marks that cause and no other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, openPage, ready, siteWith, removeSites } from './harness.mjs';

let browser;
let server;
let content;

before(async () => {
  content = mkdtempSync(join(tmpdir(), 'kb-h3-'));
  writeFileSync(join(content, 'build-oom.md'), [
    '# Build fails with "out of memory"', '', 'The build container runs out of memory.', '',
    '## Causes', '',
    '### Too many parallel jobs', '', 'The error is `c++: fatal error: Killed signal terminated program cc1plus`.', '', '1. Lower the number of jobs with `make -j2`.', '',
    '### The JVM heap is too small', '', 'The error is `java.lang.OutOfMemoryError: Java heap space`.', '', '1. Raise the heap with `-Xmx4g`.', '',
  ].join('\n'));
  writeFileSync(join(content, 'cache.md'), '# Cache restore fails\n\nThe cache key changed.\n\n1. Clear the cache.\n');
  browser = await launch();
  server = await serve(siteWith(content));
});
after(async () => {
  await browser?.close();
  await server?.close();
  removeSites();
  rmSync(content, { recursive: true, force: true });
});

test('a cause written as ### shows on the card with its own steps, and its page marks only it', { timeout: 90_000 }, async () => {
  const { page, errors, context } = await openPage(browser);
  await ready(page, server.url);
  const [hit] = await page.evaluate(() => window.kbSearch('java.lang.OutOfMemoryError: Java heap space', 1));
  assert.equal(hit.section, 'The JVM heap is too small');
  assert.deepEqual(hit.steps, ['Raise the heap with -Xmx4g.']);
  await page.goto(`${server.url}entries/build-oom.html#${hit.anchor}`);
  const marked = await page.evaluate(() => [...document.querySelectorAll('.answer-body > *')]
    .filter((el) => getComputedStyle(el).borderLeftStyle === 'solid')
    .map((el) => el.textContent.trim()));
  assert.deepEqual(marked, [
    'The JVM heap is too small',
    'The error is java.lang.OutOfMemoryError: Java heap space.',
    'Raise the heap with -Xmx4g.',
  ]);
  assert.deepEqual(errors, []);
  await context.close();
});
