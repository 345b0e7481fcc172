// What a journalist meets page by page (issue 15): honest redaction counts, one message in
// two formats, timelines without repeated quotes, addresses that are absolute where they
// must be, links with their trailing slash, every page usable at phone width (390 px)
// without accessibility findings, and an email that prints whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serveSite } from './server.mjs';
import { openPage } from './pages.mjs';
import { axeFindings } from './axe.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EMAIL = '/documenten/0d885a497a798702/';
const PRINTED = '/documenten/ffa1d7207f0d8d2e/';
const LETTER = '/documenten/340eaa168fa6e008/';
// Every kind of page the site has.
const PAGES = ['/', '/documenten/', EMAIL, PRINTED, LETTER, '/weglakkingen/', '/gronden/',
  '/gronden/5-1-2e/', '/tijdlijn/', '/tijdlijn/gemeente-groningen/', '/organisatie/',
  '/organisatie/gemeente-groningen/', '/persoon/', '/jaar/', '/jaar/2025/', '/soort/', '/draad/',
  '/zoeken/', '/over/', '/verantwoording/', '/dossier/',
  // The English interface (languages.test.mjs tests the switch between them).
  '/en/', '/en/documenten/', '/en/zoeken/', '/en/over/', '/en/tijdlijn/', '/en/weglakkingen/',
  '/en/dossier/', '/en/verantwoording/', '/en/organisatie/', '/en/persoon/', '/en/gronden/',
  '/en/jaar/', '/en/soort/', '/en/draad/', `/en${EMAIL}`, `/en${PRINTED}`, `/en${LETTER}`];

let browser;
let server;
serveSite(join(repo, 'public'), (b, s) => {
  browser = b;
  server = s;
});

/** Opens a page and records everything that went wrong on it. */
const open = (path, options) => openPage(browser, server, path, options);

const barTitles = (page) => page.$$eval('mark.redaction', (bars) => bars.map((b) => b.title));

test('the email and its printed PDF: one message, two sources, linked both ways', async () => {
  for (const [path, other] of [[EMAIL, PRINTED], [PRINTED, EMAIL]]) {
    const { page, close } = await open(path);
    const links = await page.$$eval('dt:text-is("Zelfde bericht") + dd a', (as) => as.map((a) => new URL(a.href).pathname));
    assert.deepEqual(links, [other], `${path} links to ${other}`);
    await close();
  }
});

test('every redaction bar of the email pages names its ground', async () => {
  for (const path of [EMAIL, PRINTED]) {
    const { page, close } = await open(path);
    // Fold out the earlier messages: their headers hold bars too.
    await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
    const titles = await barTitles(page);
    assert.ok(titles.length >= 11, `${path}: ${titles.length} bars, one at least for each of the 11 boxes`);
    const bare = titles.filter((t) => !/op grond van 5\./.test(t));
    assert.deepEqual(bare, [], `${path}: bars without their ground`);
    await close();
  }
});

test('redaction counts: boxes, not people; one message counted once', async () => {
  const { page, close } = await open('/weglakkingen/');
  const intro = await page.textContent('main');
  // 5 addresses in the Cc header, 3 in the quoted header (each written as name and
  // address, one box), 3 in the body: 11 boxes in one email; its printed copy is not
  // counted again.
  assert.match(intro, /In 1 document staan samen 11 weggelakte vakken/);
  assert.match(intro, /geen personen/);
  assert.match(intro, /1 pdf-kopie niet meegeteld/);
  await close();
  const email = await open(EMAIL);
  assert.match(await email.page.textContent('#weggelakt + p'), /11 weggelakte vakken/);
  await email.close();
});

test('timeline: a merged event quotes each sentence once', async () => {
  const { page, close } = await open('/tijdlijn/');
  const repeats = await page.$$eval('li.event', (events) => events.flatMap((e) => {
    const quotes = [...e.querySelectorAll('blockquote')].map((q) => q.textContent.trim());
    return quotes.filter((q, i) => quotes.indexOf(q) !== i);
  }));
  assert.deepEqual(repeats, []);
  const merged = await page.$$eval('li.event', (events) => events.filter((e) => /documenten:/.test(e.textContent)).length);
  assert.ok(merged > 0, 'the sample has merged events');
  await close();
});

test('sitemap, robots.txt and the Atom feed use absolute addresses and parse', async () => {
  const { page, close } = await open('/');
  const get = (path) => page.evaluate(async (p) => (await fetch(p)).text(), path);
  const robots = await get('/robots.txt');
  assert.match(robots, /^Sitemap: https?:\/\/[^/\s]+\/sitemap\.xml$/m);
  for (const [path, selector] of [['/sitemap.xml', 'loc'], ['/atom.xml', 'entry > id, entry > link, feed > id, feed > link'], ['/en/atom.xml', 'entry > id, entry > link, feed > id, feed > link']]) {
    const text = await get(path);
    const { broken, values } = await page.evaluate(([t, s]) => {
      const doc = new DOMParser().parseFromString(t, 'application/xml');
      const values = [...doc.querySelectorAll(s)].map((e) => e.getAttribute('href') ?? e.textContent);
      return { broken: doc.querySelector('parsererror') !== null, values };
    }, [text, selector]);
    assert.equal(broken, false, `${path} is well-formed XML`);
    assert.ok(values.length > 5, `${path} has addresses`);
    assert.deepEqual(values.filter((v) => !/^https?:\/\//.test(v)), [], `${path}: every address absolute`);
  }
  const feed = await get('/atom.xml');
  assert.equal((feed.match(/<entry>/g) ?? []).length, 7, 'a feed entry per dated document');
  for (const required of ['<updated>', '<author>', '<title>']) assert.ok(feed.includes(required), required);
  await close();
});

test('internal links keep their trailing slash; the facets are linked and answer', async () => {
  const reached = new Set();
  for (const path of PAGES) {
    const { page, close } = await open(path);
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== new URL(server.url).origin) continue;
      reached.add(url.pathname);
      const last = url.pathname.split('/').pop();
      assert.ok(url.pathname.endsWith('/') || last.includes('.'), `${path} links to ${url.pathname} without its slash`);
    }
    await close();
  }
  for (const facet of ['/gronden/', '/jaar/', '/persoon/', '/soort/', '/draad/', '/dossier/']) {
    assert.ok(reached.has(facet), `something links to ${facet}`);
  }
});

test('link previews: Open Graph title, description and absolute address', async () => {
  const { page, close } = await open(LETTER);
  const og = await page.$$eval('meta[property^="og:"]', (ms) => Object.fromEntries(ms.map((m) => [m.getAttribute('property'), m.content])));
  assert.equal(og['og:title'], (await page.textContent('h1')).trim());
  assert.equal(og['og:type'], 'article');
  assert.match(og['og:url'], /^https?:\/\/[^/]+\/documenten\/340eaa168fa6e008\/$/);
  assert.match(og['og:description'], /PDF van 6 oktober 2025/);
  await close();
});

test('phone (390 px): no sideways scrolling, padding kept, no accessibility findings', async () => {
  for (const path of PAGES) {
    const { page, close } = await open(path, { viewport: { width: 390, height: 844 } });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `${path} is ${width} px wide`);
    const padding = await page.$eval('main', (m) => parseFloat(getComputedStyle(m).paddingTop));
    assert.ok(padding > 0, `${path}: main keeps its padding`);
    assert.deepEqual(await axeFindings(page), [], `${path}: axe-core findings`);
    await close();
  }
});

test('desktop (1280 px): no accessibility findings on any page', async () => {
  for (const path of PAGES) {
    const { page, close } = await open(path, { viewport: { width: 1280, height: 900 } });
    assert.deepEqual(await axeFindings(page), [], `${path}: axe-core findings`);
    await close();
  }
});

test('phone: the hidden sort buttons take no keyboard focus; the numbers say what they count', async () => {
  const { page, close } = await open('/documenten/', { viewport: { width: 390, height: 844 } });
  const focusable = await page.$$eval('th button', (bs) => bs.filter((b) => b.tabIndex >= 0).length);
  assert.equal(focusable, 0);
  await close();
  const desk = await open('/documenten/');
  assert.ok(await desk.page.$$eval('th button', (bs) => bs.every((b) => b.tabIndex === 0)), 'focusable on a desktop');
  await desk.close();
  const counts = await open('/weglakkingen/', { viewport: { width: 390, height: 844 } });
  const label = await counts.page.$eval('td.num[data-label="Vakken"]', (td) => getComputedStyle(td, '::before').content);
  assert.match(label, /Vakken/);
  await counts.close();
});

test('printing an email prints its folded messages', async () => {
  const { page, close } = await open(EMAIL);
  await page.emulateMedia({ media: 'print' });
  // checkVisibility(): a closed <details> keeps its content laid out but not rendered.
  const folded = await page.$$eval('details.message:not([open]) p', (ps) => ps.map((p) => p.checkVisibility()));
  assert.ok(folded.length > 0, 'the email has folded paragraphs');
  assert.ok(folded.every(Boolean), 'every folded paragraph is printed');
  assert.equal(await page.$eval('.site-header nav', (n) => getComputedStyle(n).display), 'none');
  await page.emulateMedia({ media: 'screen' });
  const hidden = await page.$$eval('details.message:not([open]) p', (ps) => ps.filter((p) => p.checkVisibility()).length);
  assert.equal(hidden, 0, 'on screen they stay folded');
  await close();
});

test('the original opens in the browser at the page of a paragraph or a redaction', async () => {
  const { page, close } = await open(LETTER);
  const open_ = await page.getAttribute('a.button:has-text("Origineel openen")', 'href');
  assert.match(open_, /\.pdf$/);
  assert.equal(await page.getAttribute('a.button:has-text("Origineel openen")', 'download'), null, 'opens, not only downloads');
  const pages = await page.$$eval('.page-marker a.pdf-page', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(pages.length >= 5);
  pages.forEach((href, i) => assert.equal(href, `${open_}#page=${i + 1}`));
  // Every paragraph has an address of its own, under its page.
  const ids = await page.$$eval('section.text p[id]', (ps) => ps.map((p) => p.id));
  assert.ok(ids.length > 10 && ids.every((id) => /^pagina-\d+-alinea-\d+$/.test(id)), 'paragraph anchors');
  const pdf = await page.evaluate(async (href) => (await fetch(href)).headers.get('content-type'), open_);
  assert.match(pdf, /application\/pdf/);
  await close();
  const printed = await open(PRINTED);
  const redactionPages = await printed.page.$$eval('.redaction-summary a[href*="#page="]', (as) => as.map((a) => a.getAttribute('href').split('#')[1]));
  assert.deepEqual(redactionPages, ['page=1', 'page=2']);
  await printed.close();
});

test('copy a citation: title, body, date, address and the page pointed at', async () => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(new URL(`${LETTER}#pagina-3-alinea-2`, server.url).href);
  await page.click('button[data-cite]');
  const shown = await page.textContent('[data-citation]');
  assert.match(shown, /^Beantwoording vragen ex art\. 36 RvO over Jeugdbescherming Noord\. .+, 6 oktober 2025, pagina 3\. http:\/\/127\.0\.0\.1:\d+\/documenten\/340eaa168fa6e008\/#pagina-3-alinea-2$/);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shown);
  await context.close();
});

test('take the data away: JSON Lines and CSV for the archive and per document', async () => {
  const { page, close } = await open('/documenten/');
  const get = (path) => page.evaluate(async (p) => { const r = await fetch(p); return { status: r.status, text: await r.text() }; }, path);
  const all = await get('/documenten/documenten.jsonl');
  assert.equal(all.status, 200);
  const records = all.text.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(records.length, 7);
  assert.ok(records.every((r) => r.id && r.text !== undefined && Array.isArray(r.redactions)));
  const table = await get('/documenten/documenten.csv');
  const rows = table.text.trim().split('\n');
  assert.match(rows[0], /^id,titel,datum,/);
  assert.equal(rows.length, 8, 'a header and a row per document (no line breaks in cells)');
  await close();
  const doc = await open(EMAIL);
  const hrefs = await doc.page.$$eval('dt:text-is("Gegevens") + dd a', (as) => as.map((a) => new URL(a.href).pathname));
  assert.deepEqual(hrefs.slice(0, 2), [`${EMAIL}gegevens-0d885a497a798702.jsonl`, `${EMAIL}gegevens-0d885a497a798702.csv`]);
  const own = await doc.page.evaluate(async (p) => (await fetch(p)).text(), hrefs[0]);
  assert.deepEqual(JSON.parse(own), records.find((r) => r.id === '0d885a497a798702'));
  await doc.close();
});

test('a facet page saves its originals as one ZIP', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(new URL('/jaar/2025/', server.url).href);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-zip-from]')]);
  assert.equal(download.suggestedFilename(), 'jaar-2025.zip');
  const path = await download.path();
  // Python's zipfile checks every entry's CRC: the archive is a real ZIP.
  assert.match(execFileSync('python3', ['-m', 'zipfile', '-t', path], { encoding: 'utf8' }), /Done testing/);
  const bytes = readFileSync(path);
  // The end record names every file; each entry's data is the original, byte for byte.
  const count = bytes.readUInt16LE(bytes.length - 22 + 10);
  assert.equal(count, 7);
  const names = [];
  let at = 0;
  while (bytes.readUInt32LE(at) === 0x04034b50) {
    const size = bytes.readUInt32LE(at + 18);
    const nameLength = bytes.readUInt16LE(at + 26);
    names.push(bytes.subarray(at + 30, at + 30 + nameLength).toString('utf8'));
    at += 30 + nameLength + size;
  }
  assert.equal(names.length, 7);
  assert.ok(names.includes('spoedoverleg-bo-jbn.eml') && names.includes('spoedoverleg-bo-jbn.pdf'));
  assert.match(await page.textContent('#zip-status'), /7 originelen/);
  await context.close();
});

test('the dossier page says what the release holds: here no request, decision or inventory list', async () => {
  const { page, close } = await open('/dossier/');
  assert.equal((await page.textContent('h1')).trim(), 'Besluit en inventaris');
  // The sample archive has letters and an email, no request, no besluit and no inventory
  // list; the page says so instead of showing empty headings (realworld lists: Rust tests).
  assert.match(await page.textContent('main'), /geen document van het type besluit en geen inventarislijst/);
  await close();
});

test('document page: the text where a reader looks first, the facts beside or after it', async () => {
  for (const path of [LETTER, EMAIL]) {
    const desk = await open(path, { viewport: { width: 1280, height: 900 } });
    const box = (selector) => desk.page.$eval(selector, (e) => { const r = e.getBoundingClientRect(); return { top: r.top + window.scrollY, left: r.left, right: r.right }; });
    // Before: the text began 1,964 (letter) to 2,631 px (printed email) down, under the facts.
    const text = await box('section.text');
    const facts = await box('aside.doc-facts');
    assert.ok(text.top < 500, `${path}: the text starts ${Math.round(text.top)} px down at 1280 px`);
    assert.ok(facts.left >= text.right, `${path}: the facts stand beside the text`);
    // The table of contents reaches the text and the facts.
    const toc = await desk.page.$$eval('nav.doc-toc a', (as) => as.map((a) => a.getAttribute('href')));
    for (const target of toc) assert.equal(await desk.page.locator(target).count(), 1, `${path}: ${target} exists`);
    assert.ok(toc.includes('#tekst') && toc.includes('#gegevens'));
    await desk.close();
    const phone = await open(path, { viewport: { width: 390, height: 844 } });
    const order = await phone.page.evaluate(() => {
      const top = (s) => document.querySelector(s).getBoundingClientRect().top + window.scrollY;
      return { text: top('section.text'), facts: top('aside.doc-facts') };
    });
    assert.ok(order.text < order.facts, `${path}: on a phone the facts come after the text`);
    // Before: 3,479 to 4,472 px.
    assert.ok(order.text < 800, `${path}: the text starts ${Math.round(order.text)} px down at 390 px`);
    await phone.close();
  }
});
