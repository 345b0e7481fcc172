// Long lists in pages: the sample archive (seven documents) built with page_size = 2, so the
// document list has four pages (the last with one) and a facet page lists its two newest documents and links to the search
// for the rest. Needs the release binary and the search runtime (scripts/build).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSite } from './sites.mjs';
import { openPage } from './pages.mjs';

let server;
let browser;
buildSite({
  config: (text) => {
    assert.match(text, /^page_size = \d+$/m, 'config.toml sets page_size');
    return text.replace(/^page_size = \d+$/m, 'page_size = 2');
  },
}, (b, s) => {
  browser = b;
  server = s;
});

const titles = (page) => page.$$eval('table.documents tbody td[data-label="Titel"]', (cells) => cells.map((c) => c.textContent.trim()));
const links = (page) => page.$$eval('table.documents tbody td[data-label="Titel"] a', (as) => as.map((a) => a.getAttribute('href')));
const dates = (page) => page.$$eval('table.documents tbody td[data-label="Datum"]', (cells) => cells.map((c) => c.dataset.sort));

test('the document list comes in pages with addresses of their own, newest first throughout', async () => {
  const seen = [];
  const seenDates = [];
  let path = '/documenten/';
  for (const number of [1, 2, 3, 4]) {
    const { page, close } = await openPage(browser, server, path);
    const expected = number < 4 ? 2 : 1;
    assert.equal((await titles(page)).length, expected, `${path} lists ${expected} documents`);
    seen.push(...await links(page));
    seenDates.push(...await dates(page));
    assert.match(await page.textContent('nav.pager'), new RegExp(`Pagina ${number} van 4`));
    assert.equal(await page.getAttribute('nav.pager a[aria-current="page"]', 'href'),
      number === 1 ? '/documenten/' : `/documenten/pagina/${number}/`);
    assert.equal(await page.locator('table[data-sortable]').count(), 0,
      'a list in pages is not sorted in the browser (it would sort one page only)');
    if (number < 4) {
      path = await page.getAttribute('nav.pager a[rel="next"]', 'href');
      assert.equal(path, `/documenten/pagina/${number + 1}/`);
    } else {
      assert.equal(await page.locator('nav.pager a[rel="next"]').count(), 0, 'the last page has no next');
    }
    await close();
  }
  assert.equal(new Set(seen).size, 7, 'every document once over the four pages');
  const known = seenDates.filter(Boolean);
  assert.deepEqual(known, [...known].sort().reverse(), 'newest first across pages');
  // Page 1 of the list is the list itself; its paginated address sends there.
  const { page, close } = await openPage(browser, server, '/documenten/pagina/1/');
  await page.waitForURL(/\/documenten\/$/);
  await close();
});

test('the English document list comes in the same pages, and the switch keeps the page', async () => {
  const dutch = [];
  for (const number of [1, 2, 3, 4]) {
    const path = number === 1 ? '/documenten/' : `/documenten/pagina/${number}/`;
    const { page, close } = await openPage(browser, server, path);
    dutch.push(...await links(page));
    await close();
  }
  const english = [];
  let path = '/en/documenten/';
  for (const number of [1, 2, 3, 4]) {
    const { page, close } = await openPage(browser, server, path);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    english.push(...await page.$$eval('table.documents tbody td[data-label="Title"] a', (as) => as.map((a) => a.getAttribute('href'))));
    assert.match(await page.textContent('nav.pager'), new RegExp(`Page ${number} of 4`));
    assert.equal(await page.getAttribute('nav.pager a[aria-current="page"]', 'href'),
      number === 1 ? '/en/documenten/' : `/en/documenten/pagina/${number}/`);
    // The switch leads to the same page of the Dutch list.
    assert.equal(await page.getAttribute('a.lang-switch', 'href'), number === 1 ? '/documenten/' : `/documenten/pagina/${number}/`);
    if (number < 4) {
      path = await page.getAttribute('nav.pager a[rel="next"]', 'href');
      assert.equal(path, `/en/documenten/pagina/${number + 1}/`);
    } else {
      assert.equal(await page.locator('nav.pager a[rel="next"]').count(), 0, 'the last page has no next');
    }
    await close();
  }
  // The same documents in the same order, each row linking to the document's English page.
  assert.deepEqual(english, dutch.map((href) => `/en${href}`), 'the same documents in the same order, page by page');
  const { page, close } = await openPage(browser, server, '/documenten/pagina/3/');
  assert.equal(await page.getAttribute('a.lang-switch', 'href'), '/en/documenten/pagina/3/');
  await close();
});

test('the home page still lists the newest documents', async () => {
  const { page, close } = await openPage(browser, server, '/');
  const home = await titles(page);
  assert.equal(home.length, 7, 'the ten newest, here all seven');
  const list = await openPage(browser, server, '/documenten/');
  assert.deepEqual(home.slice(0, 2), await titles(list.page), 'in the order of the list');
  await list.close();
  await close();
});

test('a facet page lists its newest documents and sends to the search for all', async () => {
  const { page, close } = await openPage(browser, server, '/jaar/2025/');
  assert.equal((await titles(page)).length, 2);
  assert.match(await page.textContent('main'), /7 documenten, nieuwste eerst\. Hier staan de nieuwste 2/);
  const link = page.locator('a', { hasText: 'alle 7 doorbladeren en sorteren in Zoeken' });
  assert.equal(await link.getAttribute('href'), '/zoeken/?jaar=2025&sorteer=nieuw');
  await close();
});

test('the pages of a list fit a phone screen', async () => {
  const { page, close } = await openPage(browser, server, '/documenten/pagina/2/', { viewport: { width: 390, height: 844 } });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
  const box = await page.locator('nav.pager a[rel="next"]').boundingBox();
  assert.ok(box.height >= 44 && box.width >= 44, 'the next link is a finger-sized target');
  await close();
});
