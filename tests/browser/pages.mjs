// Opening a page of the built site for a test, with everything that goes wrong on it
// recorded: console errors, page errors, failed requests and violations of the policy.
import assert from 'node:assert/strict';
import { watchViolations } from './policy.mjs';

/**
 * Opens `path` of `server` in a fresh context of `browser` (context `options` as
 * playwright takes them); asserts it answers 200. `close()` fails on any problem seen.
 */
export async function openPage(browser, server, path, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  const problems = [];
  await watchViolations(context, (v) => problems.push(`CSP ${v.directive}: ${v.blocked} at ${v.source}`));
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`); });
  const response = await page.goto(new URL(path, server.url).href);
  assert.equal(response.status(), 200, `${path} answers 200`);
  return {
    page,
    problems,
    async close() {
      assert.deepEqual(problems, [], `no errors on ${path}`);
      await context.close();
    },
  };
}
