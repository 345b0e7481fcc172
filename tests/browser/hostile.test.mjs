// The site built from the hostile archive (tests/hostile/), in headless Chromium served
// by nginx: no document may make a script run, a dialog open or the page navigate, on
// its own page, in search results and snippets, or on the timeline. scripts/test builds
// the site into target/hostile-site/public (or set HOSTILE_SITE to another folder).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startNginx, launchChromium } from './server.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const site = process.env.HOSTILE_SITE ?? join(repo, 'target', 'hostile-site', 'public');
let server;
let browser;

before(async () => {
  assert.ok(existsSync(join(site, 'report.json')),
    `${site} holds no built hostile site: scripts/test builds it (see tests/hostile/README.md)`);
  server = await startNginx(site);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Everything on the page that could run code a document brought in. */
function activeContent() {
  const found = [];
  for (const script of document.querySelectorAll('script')) {
    if (!script.src && script.textContent.trim()) found.push(`inline script: ${script.textContent.slice(0, 80)}`);
    if (script.src && new URL(script.src).origin !== location.origin) found.push(`foreign script ${script.src}`);
  }
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      if (/^on/i.test(attribute.name)) found.push(`<${element.localName} ${attribute.name}>`);
      if (/^\s*javascript:/i.test(attribute.value)) found.push(`<${element.localName} ${attribute.name}="javascript:…">`);
    }
  }
  for (const selector of ['iframe', 'object', 'embed', 'meta[http-equiv="refresh" i]', 'base']) {
    for (const element of document.querySelectorAll(selector)) found.push(`<${element.localName}> ${element.outerHTML.slice(0, 80)}`);
  }
  if (document.title === 'gehackt') found.push('a document set the title');
  return found;
}

/** A browser page that records dialogs and popups; `visit` opens a path in it. */
async function watcher() {
  const context = await browser.newContext();
  const page = await context.newPage();
  let incidents = [];
  page.on('dialog', async (dialog) => { incidents.push(`dialog: ${dialog.message()}`); await dialog.dismiss(); });
  page.on('popup', (popup) => incidents.push(`popup: ${popup.url()}`));
  return {
    page,
    /** Opens `path` and returns what happened: dialogs, navigation, active content. */
    async visit(path, { wait } = {}) {
      incidents = [];
      const target = new URL(path, server.url).href;
      const response = await page.goto(target);
      assert.ok(response.status() < 400, `${path} answers ${response.status()}`);
      if (wait) await wait(page);
      if (page.url().split('#')[0] !== target.split('#')[0]) incidents.push(`navigated to ${page.url()}`);
      incidents.push(...(await page.evaluate(activeContent)));
      return incidents.map((incident) => `${path}: ${incident}`);
    },
    close: () => context.close(),
  };
}

test('the watcher sees a script run, a handler and a dialog', async () => {
  const { page, close } = await watcher();
  const dialogs = [];
  page.on('dialog', (dialog) => dialogs.push(dialog.message()));
  await page.setContent('<img src="x" onerror="alert(7)"><script>document.title = "gehackt"</script>');
  await page.waitForTimeout(200);
  const found = await page.evaluate(activeContent);
  assert.ok(found.some((f) => f.includes('onerror')), found.join('; '));
  assert.ok(found.some((f) => f.includes('inline script')), found.join('; '));
  assert.ok(found.includes('a document set the title'), found.join('; '));
  assert.deepEqual(dialogs, ['7']);
  await close();
});

test('no document page runs anything a document brought in', async () => {
  const report = JSON.parse(readFileSync(join(site, 'report.json'), 'utf8'));
  const ids = [...new Set(report.files
    .filter((f) => f.outcome === 'document' && !/^mbox\/\d+-berichten/.test(f.source))
    .map((f) => f.document))];
  assert.ok(ids.length >= 50, `the hostile site has ${ids.length} document pages to visit`);
  const { visit, close } = await watcher();
  const incidents = [];
  for (const id of ids) incidents.push(...(await visit(`/documenten/${id}/`)));
  await close();
  assert.deepEqual(incidents, []);
});

test('lists, timeline and report run nothing either', async () => {
  const { visit, close } = await watcher();
  const incidents = [];
  for (const path of ['/', '/documenten/', '/tijdlijn/', '/weglakkingen/', '/verantwoording/', '/draad/']) {
    incidents.push(...(await visit(path)));
  }
  await close();
  assert.deepEqual(incidents, []);
});

test('search results and snippets run nothing', async () => {
  const { visit, close } = await watcher();
  const incidents = [];
  for (const query of ['script', 'alert', 'onerror', 'javascript', 'img', 'refresh', 'gehackt', 'iframe']) {
    incidents.push(...(await visit(`/zoeken/?q=${encodeURIComponent(query)}`, {
      wait: (page) => page.waitForFunction(
        () => /document|lukt/.test(document.querySelector('[data-status]')?.textContent ?? ''),
        null, { timeout: 20000 }),
    })));
  }
  await close();
  assert.deepEqual(incidents, []);
});

test('filter chips and the words marked in a document run nothing', async () => {
  const { page, visit, close } = await watcher();
  const incidents = [];
  let chips = 0;
  let marked = 0;
  const answered = (p) => p.waitForFunction(() => {
    const root = document.querySelector('[data-search]');
    return root && !root.hasAttribute('aria-busy') && /document|lukt/.test(root.querySelector('[data-status]').textContent);
  }, null, { timeout: 20000 });
  for (const query of ['script', 'onerror', 'gehackt', 'img']) {
    incidents.push(...(await visit(`/zoeken/?q=${encodeURIComponent(query)}`, { wait: answered })));
    // Each facet value (a document's own words) becomes a chip and a filter in the URL.
    const facets = await page.$$eval('[data-facet]', (bs) => bs.map((b) => b.dataset.facet));
    for (const facet of facets.slice(0, 6)) {
      await page.evaluate((f) => [...document.querySelectorAll('[data-facet]')].find((b) => b.dataset.facet === f).click(), facet);
      await answered(page);
      chips += await page.$$eval('[data-chip]', (c) => c.length);
      incidents.push(...(await page.evaluate(activeContent)).map((i) => `${query} ${facet}: ${i}`));
      await page.goBack();
      await answered(page);
    }
    // A result opens its document with the words it matched marked.
    const href = await page.$$eval('[data-results] h2 a', (as) => as[0]?.getAttribute('href'));
    if (href) {
      incidents.push(...(await visit(href)));
      marked += await page.$$eval('mark.hit', (ms) => ms.length);
    }
  }
  await close();
  assert.ok(chips > 0 && marked > 0, `${chips} chips and ${marked} marked words seen`);
  assert.deepEqual(incidents, []);
});
