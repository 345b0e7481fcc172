// The interface in two languages, in headless Chromium: Dutch first (at /), English at /en/.
// The switch on every page leads to the same page in the other language where it has one
// (facet terms are Dutch only: their switch leads to the English list); a document's page
// has an English version with English words around the Dutch document,
// the English pages speak English (labels, dates, the search's own words), the dossier
// says whether the release holds its request, and the Atom feed dates each document by its
// release; the English feed lists the same documents by their English pages. Accessibility (axe-core) of the English pages is in reading.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { serveSite } from './server.mjs';
import { openPage } from './pages.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let browser;
let server;
serveSite(join(repo, 'public'), (b, s) => {
  browser = b;
  server = s;
});

const open = (path, options) => openPage(browser, server, path, options);
const path = (page) => new URL(page.url()).pathname;
const ENGLISH_MONTHS = /\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/;
const DUTCH_MONTHS = /\b(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}\b/;

// Pages with a translation: the switch leads to it, and back.
const PAIRS = [
  ['/', '/en/'],
  ['/documenten/', '/en/documenten/'],
  ['/zoeken/', '/en/zoeken/'],
  ['/over/', '/en/over/'],
  ['/tijdlijn/', '/en/tijdlijn/'],
  ['/weglakkingen/', '/en/weglakkingen/'],
  ['/dossier/', '/en/dossier/'],
  ['/verantwoording/', '/en/verantwoording/'],
  ['/organisatie/', '/en/organisatie/'],
  ['/persoon/', '/en/persoon/'],
  ['/gronden/', '/en/gronden/'],
  ['/jaar/', '/en/jaar/'],
  ['/soort/', '/en/soort/'],
  ['/draad/', '/en/draad/'],
];

test('the language switch leads to the same page in the other language, both ways', async () => {
  for (const [dutch, english] of PAIRS) {
    const { page, close } = await open(dutch);
    assert.equal(await page.getAttribute('html', 'lang'), 'nl', `${dutch} is Dutch`);
    assert.equal(await page.locator('a.lang-switch').count(), 1, `${dutch} has one switch`);
    assert.equal(await page.getAttribute('a.lang-switch', 'hreflang'), 'en');
    await Promise.all([page.waitForNavigation(), page.click('a.lang-switch')]);
    assert.equal(path(page), english, `the switch on ${dutch}`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en', `${english} is English`);
    assert.equal(await page.textContent('a.lang-switch'), 'Nederlands');
    await Promise.all([page.waitForNavigation(), page.click('a.lang-switch')]);
    assert.equal(path(page), dutch, `the switch on ${english}`);
    await close();
  }
});

test('pages without a translation lead to the nearest English page', async () => {
  for (const [dutch, english] of [
    ['/jaar/2025/', '/en/jaar/'],
    ['/gronden/5-1-2e/', '/en/gronden/'],
    ['/tijdlijn/gemeente-groningen/', '/en/tijdlijn/'],
  ]) {
    const { page: p, close: done } = await open(dutch);
    await Promise.all([p.waitForNavigation(), p.click('a.lang-switch')]);
    assert.equal(path(p), english, `the switch on ${dutch}`);
    await done();
  }
});

test('English pages speak English: menus, headings, labels and dates', async () => {
  const { page, close } = await open('/en/');
  const menu = await page.$$eval('header nav a', (as) => as.map((a) => a.textContent.trim()));
  assert.deepEqual(menu, ['Home', 'Documents', 'Timeline', 'Organisations', 'Redactions', 'About']);
  const footer = await page.$$eval('footer nav a', (as) => as.map((a) => a.textContent.trim()));
  assert.deepEqual(footer, ['Decision and inventory', 'Document types', 'Years', 'People', 'Refusal grounds', 'Email threads']);
  assert.equal(await page.textContent('h2#kerncijfers'), 'The archive in figures');
  const stats = await page.$$eval('.stats dt', (dts) => dts.map((d) => d.textContent));
  assert.ok(stats.includes('Documents') && stats.includes('Email'), stats.join(', '));
  // Every link of the English menus stays in English.
  const links = await page.$$eval('header nav a, footer nav a', (as) => as.map((a) => new URL(a.href).pathname));
  assert.ok(links.every((l) => l.startsWith('/en/')), links.join(' '));
  const dates = await page.$$eval('tbody time', (ts) => ts.map((t) => t.textContent));
  assert.ok(dates.length > 0 && dates.every((d) => ENGLISH_MONTHS.test(d)), dates.join(', '));
  await close();

  const list = await open('/en/documenten/');
  const headings = await list.page.$$eval('thead th', (ths) => ths.map((t) => t.textContent.trim()));
  assert.deepEqual(headings, ['Date', 'Title', 'Kind', 'Pages']);
  assert.equal(await list.page.locator('tbody tr').count(), 7, 'every document of the sample');
  const listDates = await list.page.$$eval('tbody time', (ts) => ts.map((t) => t.textContent));
  assert.ok(listDates.every((d) => ENGLISH_MONTHS.test(d)), listDates.join(', '));
  // Rows link to the English document pages, which exist (reading.test.mjs checks links).
  const first = await list.page.getAttribute('tbody tr a', 'href');
  assert.match(first, /^\/en\/documenten\/[0-9a-f]{16}\/$/);
  await list.close();

  const dutch = await open('/documenten/');
  const dutchDates = await dutch.page.$$eval('tbody time', (ts) => ts.map((t) => t.textContent));
  assert.ok(dutchDates.every((d) => DUTCH_MONTHS.test(d)), dutchDates.join(', '));
  await dutch.close();

  for (const [url, heading] of [['/en/weglakkingen/', 'By ground'], ['/en/tijdlijn/', 'Events'], ['/en/verantwoording/', 'Could not be read']]) {
    const { page: p, close: done } = await open(url);
    const h2 = await p.$$eval('main h2', (hs) => hs.map((h) => h.textContent.trim()));
    assert.ok(h2.includes(heading), `${url}: ${h2.join(' | ')}`);
    await done();
  }
  const timeline = await open('/en/tijdlijn/');
  const times = await timeline.page.$$eval('li.item time', (ts) => ts.map((t) => t.textContent));
  assert.ok(times.length > 0 && times.every((d) => ENGLISH_MONTHS.test(d)), times.join(', '));
  await timeline.page.waitForSelector('form.timeline-filters:not([hidden])');
  assert.match(await timeline.page.textContent('[data-count]'), /^\d+ of \d+ shown$/);
  await timeline.close();

  const facets = await open('/en/persoon/');
  assert.equal(await facets.page.textContent('h1'), 'People');
  const terms = await facets.page.$$eval('ul.terms a', (as) => as.map((a) => new URL(a.href).pathname));
  assert.ok(terms.length > 0 && terms.every((t) => t.startsWith('/persoon/')), terms.join(' '));
  await facets.close();
});

// Waits until the search page shows its answer.
async function settled(page) {
  await page.waitForFunction(() => {
    const root = document.querySelector('[data-search]');
    return !root.hasAttribute('aria-busy') && root.querySelector('[data-status]').textContent !== '';
  });
}

test('the English search finds documents and speaks English', async () => {
  const { page, close } = await open('/en/zoeken/?q=jeugdbescherming');
  await settled(page);
  const status = await page.textContent('[data-status]');
  assert.match(status, /^\d+ documents? with all the words/, status);
  assert.ok(await page.locator('[data-results] li').count() > 0, 'results are shown');
  const facetHeadings = await page.$$eval('[data-facets] h2, [data-facets] h3', (hs) => hs.map((h) => h.textContent));
  assert.equal(facetHeadings[0], 'Refine');
  assert.ok(facetHeadings.includes('Organisation'), facetHeadings.join(', '));
  // A facet becomes a chip in English; a date range too, with an English date.
  await page.click('[data-facets] section[aria-label="Organisation"] button');
  await settled(page);
  const chip = await page.textContent('[data-chip]');
  assert.match(chip, /^Organisation: /);
  assert.match(await page.getAttribute('[data-chip]', 'aria-label'), /^Remove filter Organisation: /);
  assert.equal(await page.textContent('.chips-heading'), 'Active filters');
  await page.fill('#vanaf', '2024-01-01');
  await page.dispatchEvent('#vanaf', 'change');
  await settled(page);
  const chips = await page.$$eval('[data-chip]', (cs) => cs.map((c) => c.textContent));
  assert.ok(chips.some((c) => c.startsWith('Date: from 1 January 2024')), chips.join(' | '));
  const labels = await page.$$eval('main form label', (ls) => ls.map((l) => l.textContent.trim()));
  assert.deepEqual(labels, ['Search all documents', 'Order', 'Per page', 'From', 'up to and including']);
  // The ZIP button of the search speaks English too.
  assert.match(await page.textContent('[data-zip] button'), /^Originals of /);
  // Results link to the English document pages, which are found.
  const href = await page.getAttribute('[data-results] h2 a', 'href');
  assert.match(href, /^\/en\/documenten\/[0-9a-f]{16}\/\?/);
  // The documents stay Dutch, and say so to a screen reader.
  assert.equal(await page.getAttribute('[data-results] h2 a', 'lang'), 'nl');

  // The switch keeps the search.
  const kept = new URL(await page.getAttribute('a.lang-switch', 'href'), server.url);
  assert.equal(kept.pathname, '/zoeken/');
  assert.equal(kept.searchParams.get('q'), 'jeugdbescherming');
  assert.equal(kept.searchParams.get('vanaf'), '2024-01-01');
  await close();

  const empty = await open('/en/zoeken/');
  await settled(empty.page);
  assert.equal(await empty.page.textContent('[data-status]'), 'Type a search.');
  await empty.close();
});

test('an English search result opens the English page of the document', async () => {
  const { page, close } = await open('/en/zoeken/?q=jeugdbescherming');
  await settled(page);
  const title = await page.textContent('[data-results] h2 a');
  await Promise.all([page.waitForNavigation(), page.click('[data-results] h2 a')]);
  assert.match(path(page), /^\/en\/documenten\/[0-9a-f]{16}\/$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.textContent('h1'), title);
  // The words searched for are marked in the (Dutch) text, as on the Dutch page.
  await page.waitForSelector('.doc-main mark');
  await close();
});

test('a document page in English: English words around the Dutch document, a switch both ways', async () => {
  const { page: list, close: done } = await open('/documenten/');
  const ids = await list.$$eval('tbody tr a', (as) => as.map((a) => new URL(a.href).pathname.split('/')[2]));
  await done();
  assert.equal(ids.length, 7);
  for (const id of ids) {
    const dutch = `/documenten/${id}/`;
    const english = `/en/documenten/${id}/`;
    const { page, close } = await open(dutch);
    // The document's own words: its paragraphs, without what a redaction bar says.
    const documentText = (p) => p.$$eval('.doc-main p:not(.page-marker):not(.notice):not(.muted)', (ps) => ps.map((el) => {
      const copy = el.cloneNode(true);
      copy.querySelectorAll('mark .visually-hidden').forEach((s) => s.remove());
      return copy.textContent;
    }));
    const dutchText = await documentText(page);
    assert.ok(dutchText.length > 0, dutch);
    const title = await page.textContent('h1');
    // Both versions name each other in the head, for search engines.
    const alternates = async (p) => Object.fromEntries(await p.$$eval('link[rel=alternate][hreflang]',
      (ls) => ls.map((l) => [l.hreflang, new URL(l.href).pathname])));
    assert.deepEqual(await alternates(page), { nl: dutch, en: english }, dutch);
    await Promise.all([page.waitForNavigation(), page.click('a.lang-switch')]);
    assert.equal(path(page), english, `the switch on ${dutch}`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.deepEqual(await alternates(page), { nl: dutch, en: english }, english);
    // The document itself is unchanged, and marked Dutch.
    assert.equal(await page.textContent('h1'), title);
    assert.equal(await page.getAttribute('h1', 'lang'), 'nl');
    assert.deepEqual(await documentText(page), dutchText, `${english}: the same text`);
    // ... marked Dutch, with the words around it (headings, page markers, headers) English.
    assert.equal(await page.getAttribute('.doc-main section', 'lang'), 'nl');
    assert.match(await page.textContent('#tekst'), /^(Text|Messages)$/);
    assert.equal(await page.getAttribute('#tekst', 'lang'), 'en');
    const main = await page.textContent('.doc-main');
    for (const dutchWord of ['Pagina ', 'in de pdf', 'Verzonden', 'Eerder bericht', 'weggelakt op grond van', 'tekstlaag']) {
      assert.ok(!main.includes(dutchWord), `${english}: "${dutchWord}" around the text`);
    }
    const bars = await page.$$eval('.doc-main mark.redaction', (ms) => ms.map((m) => m.title));
    assert.ok(bars.every((t) => t.startsWith('Redacted')), bars.join(' | '));
    // The words around it are English: menus, table of contents, facts.
    const menu = await page.$$eval('header nav a', (as) => as.map((a) => a.textContent.trim()));
    assert.deepEqual(menu, ['Home', 'Documents', 'Timeline', 'Organisations', 'Redactions', 'About']);
    assert.equal(await page.textContent('#gegevens'), 'Details');
    const labels = await page.$$eval('.doc-facts dt', (ds) => ds.map((d) => d.textContent));
    assert.ok(labels.includes('Date') && labels.includes('Permanent link'), labels.join(', '));
    const facts = await page.textContent('.doc-facts');
    for (const dutchWord of ['Gegevens', 'Weggelakt', 'Gebeurtenissen', 'Vaste link', 'Bestand in archief', 'Pagina\'s']) {
      assert.ok(!facts.includes(dutchWord), `${english}: "${dutchWord}" in the facts`);
    }
    if (await page.locator('#weggelakt').count()) {
      assert.equal(await page.textContent('#weggelakt'), 'Redacted');
    }
    const dates = await page.$$eval('.doc-facts time, .lead time', (ts) => ts.map((t) => t.textContent));
    assert.ok(dates.every((d) => !DUTCH_MONTHS.test(d)), dates.join(', '));
    // Links from the facts stay in English where there is an English page; the
    // original and the data are the Dutch page's files.
    const links = await page.$$eval('.doc-facts a, .doc-actions a', (as) => as.map((a) => new URL(a.href).pathname));
    for (const link of links) {
      assert.ok(link.startsWith('/en/') || !link.startsWith('/documenten/') || link.startsWith(dutch)
        || /^\/documenten\/documenten\.(jsonl|csv)$/.test(link), `${english}: ${link}`);
    }
    await Promise.all([page.waitForNavigation(), page.click('a.lang-switch')]);
    assert.equal(path(page), dutch, `the switch on ${english}`);
    assert.equal(await page.textContent('#gegevens'), 'Gegevens');
    await close();
  }
});

test('the dossier says whether the release holds its request', async () => {
  // The sample archive has no request among its documents (checked on its files here):
  // the page must say so, in both languages, rather than leave it out silently.
  const sample = readdirSync(join(repo, 'archive'));
  assert.ok(sample.every((f) => !/verzoek/i.test(f)), 'the sample archive names no request');
  const nl = await open('/dossier/');
  assert.match(await nl.page.textContent('[data-no-request]'), /Het verzoek zelf is geen onderdeel van deze openbaarmaking/);
  assert.equal(await nl.page.locator('[data-requests]').count(), 0);
  await nl.close();
  const en = await open('/en/dossier/');
  assert.match(await en.page.textContent('[data-no-request]'), /The request itself is not part of this release/);
  await en.close();
});

// The front matter value `key` of a document's page (content/documenten/<id>/index.md).
function frontMatter(id, key) {
  const text = readFileSync(join(repo, 'content/documenten', id, 'index.md'), 'utf8');
  const m = text.match(new RegExp(`^${key} = "([^"]*)"`, 'm'));
  return m ? m[1] : null;
}

test('the Atom feed dates each document by its release, else by its own date and says so', async () => {
  const feed = readFileSync(join(repo, 'public/atom.xml'), 'utf8');
  const entries = [...feed.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1]);
  assert.ok(entries.length > 0, 'the feed has entries');
  const published = [];
  for (const entry of entries) {
    const id = entry.match(/documenten\/([0-9a-f]{16})\//)[1];
    const released = frontMatter(id, 'released');
    const date = frontMatter(id, 'date');
    const expected = `${released || date}T00:00:00Z`;
    assert.equal(entry.match(/<published>([^<]*)</)[1], expected, `${id}: published`);
    assert.equal(entry.match(/<updated>([^<]*)</)[1], expected, `${id}: updated`);
    const summary = entry.match(/<summary>([^<]*)</)[1];
    assert.match(summary, released ? /Openbaar gemaakt op / : /Datum van openbaarmaking onbekend/, `${id}: ${summary}`);
    published.push(expected);
  }
  // The feed is as new as its newest entry, not the build.
  const updated = feed.match(/<updated>([^<]*)<\/updated>/)[1]; // the feed's own, before any entry
  assert.equal(updated, published.sort().at(-1));
  // And it is served as the site's feed.
  const response = await fetch(new URL('/atom.xml', server.url));
  assert.equal(response.status, 200);
});

test('the English feed lists the same documents as the Dutch one, at their English pages', async () => {
  const entries = (file) => {
    const feed = readFileSync(join(repo, 'public', file), 'utf8');
    return [...feed.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1]);
  };
  const dutch = entries('atom.xml');
  const english = entries('en/atom.xml');
  assert.ok(english.length > 0, 'the English feed has entries');
  const ids = (list, prefix) => list.map((entry) => {
    const link = entry.match(/<link rel="alternate" type="text\/html" href="([^"]*)"/)[1];
    const m = new URL(link, server.url).pathname.match(new RegExp(`^${prefix}documenten/([0-9a-f]{16})/$`));
    assert.ok(m, `${link} is a document page under ${prefix}`);
    return m[1];
  });
  assert.deepEqual(ids(english, '/en/'), ids(dutch, '/'), 'the same documents, in the same order');
  for (const [i, entry] of english.entries()) {
    const summary = entry.match(/<summary>([^<]*)</)[1];
    assert.match(summary, ENGLISH_MONTHS, `English date: ${summary}`);
    assert.doesNotMatch(summary, DUTCH_MONTHS, `no Dutch date: ${summary}`);
    assert.match(summary, /Released on |Release date unknown/, summary);
    // Dated as the Dutch entry: by the release, else by the document's own date.
    assert.equal(entry.match(/<published>([^<]*)</)[1], dutch[i].match(/<published>([^<]*)</)[1]);
  }
  const feed = readFileSync(join(repo, 'public/en/atom.xml'), 'utf8');
  assert.match(feed, /<feed [^>]*xml:lang="en"/);
  // English pages announce the English feed, Dutch pages the Dutch one; both are served.
  const { page, close } = await open('/en/documenten/');
  assert.equal(await page.getAttribute('link[type="application/atom+xml"]', 'href'), '/en/atom.xml');
  assert.equal(await page.getAttribute('main a[href$="atom.xml"]', 'href'), '/en/atom.xml');
  const served = await page.evaluate(async () => (await fetch('/en/atom.xml')).status);
  assert.equal(served, 200);
  await close();
  const nl = await open('/documenten/');
  assert.equal(await nl.page.getAttribute('link[type="application/atom+xml"]', 'href'), '/atom.xml');
  await nl.close();
});
