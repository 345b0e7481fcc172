// The share of a document that is blacked out: the sample archive (whose PDFs have no
// drawn redaction boxes) and one PDF more whose page shows a grey box with a white ground
// and a black box, as a release prints them, built into a site of its own. The share
// shows on the document's page and on /weglakkingen/, on a phone (390 px) without
// sideways scrolling. Needs the release binary and the search runtime (scripts/build).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSite } from './sites.mjs';
import { openPage } from './pages.mjs';

/** A one-page PDF of 400 x 200 points drawing `content` (MuPDF mends the missing xref). */
function onePage(content) {
  return [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >> endobj',
    `4 0 obj << /Length ${content.length + 1} >> stream`,
    content,
    'endstream endobj',
    '5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n');
}

const letter = onePage([
  'BT 3 Tr /F1 10 Tf 40 150 Td (Beste EXECS [EE], dank voor uw bericht over de jeugdzorg.) Tj ET',
  '0.42 g 68 146 56.5 14 re f',
  '1 g BT /F1 8 Tf 80 149.5 Td (5.1.2e) Tj ET',
  '0 g 40 88 80 12 re f',
].join(' '));

let server;
let browser;
buildSite({ extraFiles: { 'brief-met-weglakkingen.pdf': letter } }, (b, s) => {
  browser = b;
  server = s;
});

const phone = { viewport: { width: 390, height: 844 } };

async function noSidewaysScroll(page, path) {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(scroll <= client, `${path} scrolls sideways on a phone: ${scroll} > ${client}`);
}

test('the redactions page lists the share per document with labelled numbers on a phone', async () => {
  const opened = await openPage(browser, server, '/weglakkingen/', phone);
  const { page } = opened;
  const summary = await page.textContent('#zwart ~ [data-share]');
  assert.match(summary, /[\d,]+ %/, summary);
  const rows = await page.$$eval('table.shares tbody tr', (trs) => trs.map((tr) => tr.innerText));
  assert.equal(rows.length, 1, `one PDF with boxes: ${rows}`);
  // About (791 + 960) / 80,000 points: 2,2 %, of which 5.1.2e about 1 %.
  assert.match(rows[0], /\n2,\d %\n/, rows[0]);
  assert.match(rows[0], /5\.1\.2e \d,\d %/, rows[0]);
  // The header row is hidden on a phone: the number says what it is.
  const label = await page.$eval('table.shares tbody td:nth-child(3)', (td) => getComputedStyle(td, '::before').content);
  assert.match(label, /Zwart/, label);
  await noSidewaysScroll(page, '/weglakkingen/');
  const href = await page.getAttribute('table.shares a', 'href');
  await opened.close();

  const english = await openPage(browser, server, '/en/weglakkingen/', phone);
  assert.match(await english.page.textContent('table.shares tbody tr'), /2\.\d%/);
  await noSidewaysScroll(english.page, '/en/weglakkingen/');
  await english.close();

  const doc = await openPage(browser, server, new URL(href, server.url).pathname, phone);
  const share = await doc.page.textContent('#weggelakt ~ [data-share]');
  assert.match(share, /Zwart gemaakt: 2,\d % van de oppervlakte/, share);
  assert.ok(await doc.page.isVisible('#weggelakt ~ [data-share]'));
  await noSidewaysScroll(doc.page, href);
  await doc.close();
});
