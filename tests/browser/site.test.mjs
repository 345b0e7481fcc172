// The built sample site (public/) in headless Chromium, served by nginx.
// Every page must load without console errors, failed requests or violations of the
// Content-Security-Policy (csp.test.mjs tests the policy itself).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

/** Opens a page and records everything that went wrong on it. */
const open = (path, options) => openPage(browser, server, path, options);

async function rowTitles(page) {
  return page.$$eval('table.documents tbody tr td[data-label="Titel"]', (cells) => cells.map((c) => c.textContent.trim()));
}

test('home page: what the archive is, counts, latest documents', async () => {
  const { page, close } = await open('/');
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  assert.match(await page.textContent('h1'), /Woo-archief/);
  for (const landmark of ['header', 'nav', 'main', 'footer']) {
    assert.equal(await page.locator(landmark).count() >= 1, true, `has <${landmark}>`);
  }
  const stats = await page.$$eval('.stats div', (els) => Object.fromEntries(els.map((e) => [e.querySelector('dt').textContent, e.querySelector('dd').textContent])));
  assert.equal(stats['Documenten'], '7');
  assert.equal(stats['E-mail'], '1');
  assert.equal(stats['PDF'], '6');
  assert.equal((await rowTitles(page)).length, 7);
  await close();
});

test('document list: all documents, newest first, sortable by column', async () => {
  const { page, close } = await open('/documenten/');
  const dates = await page.$$eval('tbody td[data-label="Datum"]', (cells) => cells.map((c) => c.dataset.sort));
  assert.equal(dates.length, 7);
  const known = dates.filter(Boolean);
  assert.deepEqual(known, [...known].sort().reverse(), 'newest first');
  await page.click('th >> text=Titel');
  const titles = await rowTitles(page);
  assert.deepEqual(titles, [...titles].sort((a, b) => a.localeCompare(b, 'nl')), 'sorted by title');
  assert.equal(await page.getAttribute('th:has-text("Titel")', 'aria-sort'), 'ascending');
  await page.click('th >> text=Datum');
  const ascending = await page.$$eval('tbody td[data-label="Datum"]', (cells) => cells.map((c) => c.dataset.sort).filter(Boolean));
  assert.deepEqual(ascending, [...ascending].sort(), 'oldest first after a click on Datum');
  await close();
});

test('document page: joined text, page markers, metadata, original downloads', async () => {
  const { page, close } = await open('/documenten/');
  await page.click('text=Beantwoording vragen ex art. 36 RvO');
  await page.waitForSelector('article.document');
  const text = await page.textContent('section.text');
  assert.match(text, /nemen wij zeer serieus\./);
  assert.match(text, /jeugdbescherming in Noord-Nederland/);
  assert.doesNotMatch(text, /seri-/);
  assert.equal(await page.locator('.page-marker').count() > 1, true, 'page markers');
  assert.match(await page.textContent('.metadata'), /Bestand in archief/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[download]')]);
  const saved = readFileSync(await download.path());
  const original = readFileSync(join(repo, 'archive', 'beantwoording-vragen-art36-jb-noord.pdf'));
  assert.equal(download.suggestedFilename(), 'beantwoording-vragen-art36-jb-noord.pdf');
  assert.ok(saved.equals(original), 'downloaded bytes equal the original');
  await close();
});

test('a scanned page: its text read by OCR, and the page says so', async () => {
  const { page, close } = await open('/documenten/');
  await page.click('text=ontvangstbevestiging schriftelijke vragen');
  await page.waitForSelector('article.document');
  assert.match(await page.textContent('.page-source'), /tekstherkenning \(OCR\).*zekerheid van \d+%/);
  assert.match(await page.textContent('section.text'), /schriftelijke vragen over Jeugdbescherming Noord/);
  assert.match(await page.textContent('.metadata'), /1 gelezen met tekstherkenning/);
  await close();
});

test('the email page shows its headers', async () => {
  const { page, close } = await open('/documenten/');
  await page.click('td[data-label="Soort"]:has-text("E-mail") >> xpath=.. >> a');
  await page.waitForSelector('article.document');
  const meta = await page.textContent('.metadata');
  assert.match(meta, /Diederik Hommes/);
  assert.match(meta, /28 augustus 2025/);
  assert.match(await page.textContent('section.text'), /coördinatiepunt/);
  await close();
});

test('pages fit a phone screen', async () => {
  for (const path of ['/', '/documenten/', '/over/']) {
    const { page, close } = await open(path, { viewport: { width: 360, height: 740 }, isMobile: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px`);
    await close();
  }
});

test('keyboard: the skip link is first and jumps to the content', async () => {
  const { page, close } = await open('/documenten/');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Naar de inhoud');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'inhoud');
  await close();
});

test('an unknown address gets the 404 page', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(new URL('/bestaat-niet/', server.url).href);
  assert.equal(response.status(), 404);
  assert.match(await page.textContent('h1'), /niet gevonden/);
  await context.close();
});

test('redactions: bars with their ground, a summary, the archive-wide counts', async () => {
  const { page, close } = await open('/documenten/');
  await page.click('td[data-label="Soort"]:has-text("E-mail") >> xpath=.. >> a');
  await page.waitForSelector('article.document');
  const bars = page.locator('section.text p mark.redaction');
  assert.equal(await bars.count(), 3, 'mobile, address and 5.2.1 in the message bodies');
  assert.equal(await page.locator('.metadata mark.redaction').count(), 5, 'five in the Cc header');
  assert.match(await bars.nth(0).getAttribute('title'), /5\.2\.1.*beleidsopvattingen/);
  assert.equal(await page.locator('section.thread details.message').count(), 1, 'the quoted message is folded');
  await page.click('section.thread details.message summary');
  const first = bars.nth(1);
  assert.match(await first.getAttribute('title'), /5\.1\.2e.*persoonlijke levenssfeer/);
  await first.focus();
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('redaction')), true, 'keyboard reaches a bar');
  const text = await page.textContent('section.text');
  assert.doesNotMatch(text.replace(/\[weggelakt[^\]]*\]/g, ''), /5\.1\.2e/, 'codes only inside bars');
  const summary = await page.textContent('.redaction-summary');
  // Boxes, not people: the quoted header's `█ @jbn-vtg.nl <█ @jbn-vtg.nl>` is one box.
  assert.match(summary, /11 weggelakte vakken/);
  assert.match(summary, /3 bij Jeugdbescherming Noord en Veilig Thuis Groningen \(jbn-vtg\.nl\)/);
  await page.click('.redaction-summary a:has-text("5.2.1")');
  await page.waitForSelector('h1:has-text("5.2.1")');
  assert.equal(await page.locator('table.documents tbody tr').count(), 2, 'both copies of the email cite 5.2.1');
  await close();

  const counts = await open('/weglakkingen/');
  const rows = await counts.page.$$eval('#per-grond ~ table tbody tr, section[aria-labelledby="per-grond"] tbody tr', (trs) => trs.map((tr) => tr.textContent.replace(/\s+/g, ' ').trim()));
  // The email once (its printed copy is the same message): 10 boxes in 1 document.
  assert.ok(rows.some((r) => /5\.1\.2e Woo eerbiediging van de persoonlijke levenssfeer 10 1/.test(r)), rows.join(' | '));
  await counts.close();
});

test('metadata: thread view, facets for organisation, person, type and thread', async () => {
  const { page, close } = await open('/documenten/');
  await page.click('td[data-label="Soort"]:has-text("PDF") >> xpath=.. >> a:has-text("RE: Spoedoverleg")');
  await page.waitForSelector('section.thread');
  assert.equal(await page.locator('section.thread .message').count(), 2, 'two messages');
  assert.match(await page.textContent('section.thread article.message .message-header'), /Diederik Hommes/);
  assert.match(await page.textContent('section.thread details.message summary'), /28 augustus 2025 12:39/);
  await page.click('.metadata a:has-text("alle documenten in deze wisseling")');
  await page.waitForSelector('h1:has-text("spoedoverleg bo jbn")');
  assert.equal(await page.locator('table.documents tbody tr').count(), 2, 'the .eml and the printed PDF');
  await close();

  const orgs = await open('/organisatie/');
  const names = await orgs.page.$$eval('ul.terms li a', (as) => as.map((a) => a.textContent));
  assert.equal(names.filter((n) => /Noord/.test(n)).length, 1, `JB Noord once: ${names.join(', ')}`);
  await orgs.page.click('ul.terms a:has-text("Jeugdbescherming Noord")');
  await orgs.page.waitForSelector('table.documents');
  // All but the letter on the Drenthe purchasing region (the scanned letter too, read by OCR).
  assert.equal(await orgs.page.locator('table.documents tbody tr').count(), 6);
  await orgs.close();

  const type = await open('/soort/raadsbrief/');
  assert.equal(await type.page.locator('table.documents tbody tr').count(), 3);
  await type.close();

  const person = await open('/persoon/');
  assert.match(await person.page.textContent('ul.terms'), /Inge C\.J\. Nieuwenhuizen/);
  await person.close();
});

test('timeline: events with sources, filters, exports', async () => {
  const { page, close } = await open('/tijdlijn/');
  const events = page.locator('li.event');
  const total = await events.count();
  assert.ok(total >= 20, `${total} events`);
  const kmi = page.locator('li.event:has(time[datetime="2025-09-16"])');
  assert.equal(await kmi.count(), 1, 'the KMI decision is one event');
  assert.match(await kmi.locator('.sources').textContent(), /2 documenten/);

  // Every source link leads to a document whose text holds the sentence.
  const links = await page.$$eval('li.event', (lis) => lis.map((li) => ({
    sentences: Array.from(li.querySelectorAll('blockquote')).map((b) => b.textContent.trim()),
    hrefs: Array.from(li.querySelectorAll('.sources a')).map((a) => a.href),
  })));
  const texts = new Map();
  for (const { sentences, hrefs } of links) {
    for (const href of hrefs) {
      if (!texts.has(href)) {
        const doc = await page.context().newPage();
        await doc.goto(href);
        texts.set(href, (await doc.textContent('main')).replace(/\s+/g, ' '));
        await doc.close();
      }
    }
    for (const sentence of sentences) {
      const flat = sentence.replace(/\s+/g, ' ');
      assert.ok(hrefs.some((h) => texts.get(h).includes(flat)), `no source holds: ${flat}`);
    }
  }

  // Filters: JavaScript shows the form; choosing hides what does not match.
  assert.equal(await page.locator('form.timeline-filters').isVisible(), true);
  await page.selectOption('select[name="type"]', 'e-mail');
  const shownItems = await page.$$eval('li.item:not([hidden])', (lis) => lis.map((li) => li.dataset.type));
  assert.ok(shownItems.length > 0 && shownItems.every((t) => t === 'e-mail'), shownItems.join(','));
  assert.ok(await page.locator('li.event:not([hidden])').count() < total);
  await page.selectOption('select[name="type"]', '');
  await page.selectOption('select[name="organisation"]', 'Jeugdregio Drenthe');
  const orgs = await page.$$eval('li.event:not([hidden]), li.item:not([hidden])', (lis) => lis.map((li) => li.dataset.organisation));
  assert.ok(orgs.length > 0 && orgs.every((o) => o.split('|').includes('Jeugdregio Drenthe')));

  // Exports.
  const json = await page.evaluate(async () => (await fetch('tijdlijn.json')).json());
  assert.ok(json.events.length >= total);
  assert.ok(json.events.some((e) => e.start_date.year === '2025' && e.start_date.month === '9' && e.start_date.day === '16'));
  const csvText = await page.evaluate(async () => (await fetch('tijdlijn.csv')).text());
  assert.match(csvText.split('\n')[0], /^soort,datum,precisie,tekst,documenten,links/);
  await close();

  const org = await open('/tijdlijn/jeugdregio-drenthe/');
  assert.match(await org.page.textContent('h1'), /Tijdlijn Jeugdregio Drenthe/);
  assert.ok(await org.page.locator('li.event').count() >= 1);
  await org.close();
});

test('the timeline works without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(new URL('/tijdlijn/', server.url).href);
  assert.equal(await page.locator('form.timeline-filters').isVisible(), false, 'no dead form');
  assert.ok(await page.locator('li.event').count() >= 20);
  await context.close();
});
