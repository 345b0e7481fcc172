// The search page as a journalist uses it, in headless Chromium: two quick searches that
// must not mix, filter chips, ground codes and dates typed as words, sorting, a date range,
// pages, the URL as the whole search, exact highlighting in the document, a phone's width,
// and axe-core. Every list of hits is compared with `openbaar search` over the same bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { serveSite } from './server.mjs';
import { watchViolations } from './policy.mjs';
import { axeFindings } from './axe.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const publicDir = join(repo, 'public');
let browser;
let server;
serveSite(publicDir, (b, s) => {
  browser = b;
  server = s;
});

function native(query, perPage = 10, offset = 0) {
  const args = ['search', query, '--json', '--bundle', join(publicDir, 'zoeken/index')];
  const out = execFileSync(join(repo, 'target/release/openbaar'), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const results = JSON.parse(out);
  return { ...results, hits: results.hits.slice(offset, offset + perPage) };
}

async function open(path, { viewport = { width: 1280, height: 900 }, init } = {}) {
  const context = await browser.newContext({ viewport });
  const problems = [];
  await watchViolations(context, (v) => problems.push(`CSP ${v.directive}: ${v.blocked} at ${v.source}`));
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`); });
  await page.goto(new URL(path, server.url).href);
  return { context, page, problems };
}

// Waits until the page shows the answer to the search now in its URL.
async function settled(page) {
  await page.waitForFunction(() => {
    const root = document.querySelector('[data-search]');
    const text = root.querySelector('[data-status]').textContent;
    return !root.hasAttribute('aria-busy') && /document|Typ|lukt/.test(text);
  });
}

const hitIds = (page) => page.$$eval('[data-results] h2 a', (as) => as.map((a) => a.getAttribute('href').match(/documenten\/([^/]+)\//)[1]));
const params = (page) => page.evaluate(() => [...new URL(location.href).searchParams.entries()]);
const facetHeadings = (page) => page.$$eval('[data-facets] h3', (hs) => hs.map((h) => h.textContent));

test('two quick searches never mix: the newest answer alone is shown, once', async () => {
  // The worker's answer to the first question is held back, so that it arrives after the
  // answer to the second: the old answer must be dropped, not drawn over the new one.
  const holdFirst = () => {
    const Real = window.Worker;
    window.Worker = class extends Real {
      set onmessage(handler) {
        super.onmessage = (event) => (event.data.id === 1 ? setTimeout(() => handler(event), 1500) : handler(event));
      }
    };
  };
  for (const init of [undefined, holdFirst]) {
    const { context, page, problems } = await open('/zoeken/', { init });
    await settled(page);
    await page.evaluate(() => {
      const form = document.querySelector('[data-search] form');
      form.querySelector('#zoekvraag').value = 'gemeente';
      form.requestSubmit();
      form.querySelector('#zoekvraag').value = 'type:e-mail';
      form.requestSubmit();
    });
    await settled(page);
    await page.waitForTimeout(2500); // any late answer has come by now
    const expected = native('type:e-mail');
    assert.deepEqual(await hitIds(page), expected.hits.map((h) => h.id));
    assert.match(await page.textContent('[data-status]'), new RegExp(`^${expected.total} documenten`));
    const headings = await facetHeadings(page);
    assert.deepEqual(headings, [...new Set(headings)], `facet blocks once: ${headings}`);
    assert.equal(await page.$$eval('[data-facets] > h2', (h) => h.length), 1);
    assert.deepEqual(await params(page), [['q', 'type:e-mail']]);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('facets become removable chips; a second click never adds a filter twice', async () => {
  const { context, page, problems } = await open('/zoeken/?q=jeugdbescherming');
  await settled(page);
  const type = (await page.$$eval('[data-facet^="type:"]', (bs) => bs.map((b) => b.dataset.facet)))[0];
  const count = Number((await page.textContent(`[data-facet="${type}"]`)).match(/\((\d+)\)$/)[1]);
  await page.click(`[data-facet="${type}"]`);
  await page.waitForFunction((t) => new URL(location.href).searchParams.getAll('type').length === 1 && document.querySelector(`[data-chip="${t}"]`), type);
  await settled(page);
  // The count beside the value is the count its filter gives.
  assert.match(await page.textContent('[data-status]'), new RegExp(`^${count} document`));
  // The button says it is on, and keeps the focus.
  assert.equal(await page.getAttribute(`[data-facet="${type}"]`, 'aria-pressed'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.facet), type);
  const [key, value] = type.split(/:(.*)/);
  assert.deepEqual(await hitIds(page), native(`jeugdbescherming ${key}:"${value}"`).hits.map((h) => h.id));
  // A second click takes it away again.
  await page.click(`[data-facet="${type}"]`);
  await page.waitForFunction(() => new URL(location.href).searchParams.getAll('type').length === 0);
  await settled(page);
  assert.equal(await page.$$eval('[data-chip]', (c) => c.length), 0);
  // A link that names a filter twice shows it once.
  await page.goto(new URL(`/zoeken/?q=jeugdbescherming&type=${encodeURIComponent(value)}&type=${encodeURIComponent(value)}&vanaf=2024-01-01`, server.url).href);
  await settled(page);
  assert.deepEqual(await page.$$eval('[data-chip]', (c) => c.map((b) => b.dataset.chip)), [type, 'datum']);
  // Removing a chip by keyboard: the search runs again and focus goes to the next chip.
  await page.focus(`[data-chip="${type}"]`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('type'));
  await settled(page);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.chip), 'datum');
  assert.deepEqual(await hitIds(page), native('jeugdbescherming datum:2024-01-01..9999-12-31').hits.map((h) => h.id));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('vanaf'));
  await settled(page);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'zoekvraag');
  assert.deepEqual(await hitIds(page), native('jeugdbescherming').hits.map((h) => h.id));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a ground code and a date typed as words find what they mean', async () => {
  const grounds = native('sorteer:nieuw').facets.grond.map(([g]) => g);
  assert.ok(grounds.length > 0, 'the sample has refusal grounds');
  const said = { [grounds[0]]: `${grounds[0]} als weigeringsgrond`, '28 augustus 2025': 'als datum 28 augustus 2025', 'augustus 2025': 'als datum augustus 2025' };
  for (const [query, reading] of Object.entries(said)) {
    const { context, page, problems } = await open(`/zoeken/?q=${encodeURIComponent(query)}`);
    await settled(page);
    const expected = native(query).hits.map((h) => h.id);
    assert.ok(expected.length > 0, `${query} finds something`);
    assert.deepEqual(await hitIds(page), expected, query);
    // The page says how it read the words.
    assert.ok((await page.textContent('[data-status]')).includes(reading), await page.textContent('[data-status]'));
    assert.deepEqual(problems, []);
    await context.close();
  }
  // The ground code alone finds every document withheld on it.
  const code = grounds[0];
  const onGround = native(`grond:${code}`).hits.map((h) => h.id);
  const typed = native(code).hits.map((h) => h.id);
  assert.ok(onGround.every((id) => typed.includes(id)), `${code}: ${typed} includes ${onGround}`);
});

test('sort by date, a date range and pages: all in the URL, back and forward work', async () => {
  const { context, page, problems } = await open('/zoeken/?q=jeugdbescherming');
  await settled(page);
  const relevance = await hitIds(page);
  await page.selectOption('#sorteer', 'nieuw');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('sorteer') === 'nieuw');
  await settled(page);
  const newest = native('jeugdbescherming sorteer:nieuw');
  assert.deepEqual(await hitIds(page), newest.hits.map((h) => h.id));
  const dates = newest.hits.map((h) => h.date).filter(Boolean);
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
  // The date range.
  await page.fill('#vanaf', '2025-01-01');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('vanaf') === '2025-01-01');
  await settled(page);
  assert.deepEqual(await hitIds(page), native('jeugdbescherming datum:2025-01-01..9999-12-31 sorteer:nieuw').hits.map((h) => h.id));
  // Back twice: the range, then the order, are gone again; forward brings the order back.
  await page.goBack();
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('vanaf'));
  await settled(page);
  assert.equal(await page.inputValue('#vanaf'), '');
  await page.goBack();
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('sorteer'));
  await settled(page);
  assert.deepEqual(await hitIds(page), relevance);
  assert.equal(await page.inputValue('#sorteer'), '');
  await page.goForward();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('sorteer') === 'nieuw');
  await settled(page);
  assert.equal(await page.inputValue('#sorteer'), 'nieuw');
  // Pages: two hits a page, the second page by its link, then a reload keeps it.
  const all = native('jeugdbescherming', 100);
  assert.ok(all.total > 2, `${all.total} hits, enough for pages`);
  await page.goto(new URL('/zoeken/?q=jeugdbescherming&aantal=2', server.url).href);
  await settled(page);
  assert.match(await page.textContent('[data-status]'), new RegExp(`^${all.total} documenten .*1–2 getoond`));
  await page.click('[data-pager] a[aria-label="Pagina 2"]');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('p') === '2');
  await settled(page);
  assert.deepEqual(await hitIds(page), all.hits.slice(2, 4).map((h) => h.id));
  assert.equal(await page.getAttribute('[data-results]', 'start'), '3');
  assert.equal(await page.evaluate(() => document.activeElement.matches('[data-status]')), true);
  await page.reload();
  await settled(page);
  assert.deepEqual(await hitIds(page), all.hits.slice(2, 4).map((h) => h.id));
  assert.equal(await page.getAttribute('[data-pager] [aria-current=page]', 'aria-label'), 'Pagina 2');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a document opened from search marks exactly the words the search matched', async () => {
  for (const query of ['jeugdbescherming', 'jeugdbescherming OR KMI']) {
    const { context, page, problems } = await open(`/zoeken/?q=${encodeURIComponent(query)}`);
    await settled(page);
    const hit = native(query).hits[0];
    await page.click(`[data-results] h2 a[href*="/${hit.id}/"]`);
    await page.waitForSelector('mark.hit');
    const marked = await page.$$eval('section.text mark.hit', (ms) => ms.map((m) => m.textContent));
    const words = new Set(hit.words.map((w) => w.toLowerCase()));
    const wrong = marked.filter((m) => !words.has(m.toLowerCase()));
    assert.deepEqual(wrong, [], `${query}: marked only ${[...words].join(', ')}`);
    assert.ok(!marked.some((m) => m.toLowerCase() === 'or'), 'the operator is not marked');
    // Every place of those words in the text is marked (whole words, any case).
    const expected = await page.$eval('section.text', (section, ws) => {
      return section.textContent.split(/[^\p{L}\p{N}]+/u).filter((t) => ws.includes(t.toLowerCase())).length;
    }, [...words].filter((w) => !/\s/.test(w)));
    assert.equal(marked.length, expected, `${query}: ${marked.length} marks, ${expected} places`);
    console.log(`# ${query}: ${marked.length} words marked in ${hit.id} (${[...words].join(', ')})`);
    // The bar above the text counts them and steps through them by keyboard.
    assert.match(await page.textContent('.hit-nav p'), new RegExp(`^${marked.length} plek`));
    const step = async (label) => {
      await page.focus(`.hit-nav button:text-is("${label}")`);
      await page.keyboard.press('Enter');
      return page.evaluate(() => [...document.querySelectorAll('section.text mark.hit')].indexOf(document.activeElement));
    };
    assert.equal(await step('Volgende'), 0);
    assert.equal(await step('Volgende'), marked.length > 1 ? 1 : 0);
    assert.equal(await step('Vorige'), 0);
    assert.equal(await step('Vorige'), marked.length - 1);
    assert.match(await page.textContent('.hit-nav p'), new RegExp(`^Plek ${marked.length} van ${marked.length}`));
    assert.deepEqual(await axeFindings(page), [], 'the document page with its marks');
    assert.deepEqual(problems, []);
    await context.close();
  }
});

for (const width of [1280, 390]) {
  test(`the search page at ${width} px: no sideways scrolling, no axe-core findings`, async () => {
    const path = '/zoeken/?q=jeugdbescherming&org=Keurmerkinstituut&vanaf=2024-01-01&aantal=1';
    const { context, page, problems } = await open(path, { viewport: { width, height: 900 } });
    await settled(page);
    assert.ok(await page.$('[data-chip]'), 'chips shown');
    assert.ok(await page.$('[data-pager] a'), 'pages shown');
    assert.equal(await page.getAttribute('[data-status]', 'aria-live'), 'polite');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= width, `page is ${wide} px wide at ${width}`);
    assert.deepEqual(await axeFindings(page), []);
    // The empty page too.
    await page.goto(new URL('/zoeken/', server.url).href);
    await settled(page);
    assert.deepEqual(await axeFindings(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
