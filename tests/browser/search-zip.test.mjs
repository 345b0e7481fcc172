// The search page's "Originelen als ZIP", in headless Chromium: the ZIP holds the original
// of every result of the search (all its pages, not only the one shown), in the order of
// the results, byte for byte the files of archive/; the caps say what they left out; a
// failed fetch names its file; keyboard, phone width and axe-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
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

// Every hit of `query`, in order, from `openbaar search` over the same bundle.
function nativeIds(query) {
  const args = ['search', query, '--json', '--bundle', join(publicDir, 'zoeken/index')];
  const out = execFileSync(join(repo, 'target/release/openbaar'), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const results = JSON.parse(out);
  assert.equal(results.hits.length, results.total, 'openbaar search lists every hit');
  return results.hits.map((h) => h.id);
}

// The records of the build, by id: their file name and where the original is in archive/.
function records() {
  const lines = readFileSync(join(publicDir, 'documenten', 'documenten.jsonl'), 'utf8').trim().split('\n');
  return new Map(lines.map((line) => JSON.parse(line)).map((r) => [r.id, r]));
}

// The entries of a ZIP as Python's zipfile reads them (it checks every CRC): name, size, sha256.
function zipEntries(path) {
  const script = 'import zipfile, sys, json, hashlib\n'
    + 'z = zipfile.ZipFile(sys.argv[1])\n'
    + 'print(json.dumps([[i.filename, i.file_size, hashlib.sha256(z.read(i)).hexdigest()] for i in z.infolist()]))';
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }));
}
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

async function open(path, { viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const problems = [];
  await watchViolations(context, (v) => problems.push(`CSP ${v.directive}: ${v.blocked} at ${v.source}`));
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(new URL(path, server.url).href);
  await page.waitForFunction(() => {
    const root = document.querySelector('[data-search]');
    return !root.hasAttribute('aria-busy') && /document|Typ|lukt/.test(root.querySelector('[data-status]').textContent);
  });
  return { context, page, problems };
}

// Presses the button (by keyboard) and returns the download and the status it ends with.
async function zipByKeyboard(page) {
  await page.focus('[data-zip] button');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  await page.waitForFunction(() => /^(Klaar|Niet)/.test(document.querySelector('[data-zip-status]').textContent));
  return { download, status: await page.textContent('[data-zip-status]') };
}

test('the ZIP of a search holds the originals of all its results, byte for byte', async () => {
  const query = 'gemeente';
  const ids = nativeIds(query);
  assert.ok(ids.length >= 3, `"${query}" finds several documents in the sample (${ids.length})`);
  // Two results a page: the ZIP must still hold all of them.
  const { context, page, problems } = await open(`/zoeken/?q=${query}&aantal=2`);
  assert.equal(await page.$$eval('[data-results] li', (li) => li.length), 2);
  assert.equal(await page.textContent('[data-zip] button'), `Originelen van alle ${ids.length} resultaten als ZIP`);
  assert.match(await page.textContent('[data-zip-note]'), /Alle pagina's met resultaten/);
  // The worker is asked two results at a time, so the ZIP's list takes several questions.
  await page.$eval('[data-zip]', (box) => { box.dataset.batch = '2'; });
  const { download, status } = await zipByKeyboard(page);
  assert.equal(download.suggestedFilename(), 'originelen-gemeente.zip');
  const entries = zipEntries(await download.path());
  const byId = records();
  const expected = ids.map((id) => {
    const record = byId.get(id);
    const original = join(repo, 'archive', record.source);
    assert.ok(existsSync(original), `${original} is in archive/`);
    const bytes = readFileSync(original);
    return [record.file_name, bytes.length, sha256(bytes)];
  });
  assert.deepEqual(entries, expected);
  assert.match(status, new RegExp(`^Klaar: ${ids.length} originelen in originelen-gemeente\\.zip \\(`));
  assert.doesNotMatch(status, /Niet erin/);
  // Progress ended at every file; focus stayed on the button.
  assert.match(await page.textContent('[data-zip-count]'), new RegExp(`^${ids.length} van ${ids.length} bestanden`));
  assert.equal(await page.evaluate(() => document.activeElement === document.querySelector('[data-zip] button')), true);
  assert.equal(await page.isHidden('[data-zip] progress'), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the caps say what they left out; a failed original is named', async () => {
  const query = 'gemeente';
  const ids = nativeIds(query);
  const byId = records();
  const { context, page, problems } = await open(`/zoeken/?q=${query}`);
  // At most two files: the first two results, and the rest named as left out.
  await page.$eval('[data-zip]', (box) => { box.dataset.maxFiles = '2'; });
  let { download, status } = await zipByKeyboard(page);
  assert.deepEqual(zipEntries(await download.path()).map(([name]) => name), ids.slice(0, 2).map((id) => byId.get(id).file_name));
  assert.match(status, new RegExp(`Niet erin: ${ids.length - 2} resultaten na de eerste 2 niet \\(grens 2 bestanden\\)`));
  // A byte cap below the first two files together: only the first.
  const first = readFileSync(join(repo, 'archive', byId.get(ids[0]).source)).length;
  await page.$eval('[data-zip]', (box, cap) => { box.dataset.maxBytes = String(cap); }, first + 1);
  ({ download, status } = await zipByKeyboard(page));
  assert.deepEqual(zipEntries(await download.path()).map(([name]) => name), [byId.get(ids[0]).file_name]);
  assert.match(status, /1 resultaat niet omdat de ZIP anders groter wordt dan/);
  // An original the server cannot give: no ZIP, and the message names the file.
  await page.$eval('[data-zip]', (box) => { delete box.dataset.maxBytes; delete box.dataset.maxFiles; });
  const missing = byId.get(ids[1]);
  await page.route(`**/documenten/${ids[1]}/*`, (route) => route.fulfill({ status: 404, body: 'weg' }));
  await page.click('[data-zip] button');
  await page.waitForFunction(() => /^Niet gelukt/.test(document.querySelector('[data-zip-status]').textContent));
  assert.equal(await page.textContent('[data-zip-status]'), `Niet gelukt: ${missing.file_name}: HTTP 404`);
  assert.equal(await page.getAttribute('[data-zip] button', 'aria-disabled'), null, 'the button works again');
  assert.deepEqual(problems.filter((p) => !/404/.test(p)), []);
  await context.close();
});

test('without a search there is no ZIP button', async () => {
  const { context, page, problems } = await open('/zoeken/');
  assert.equal(await page.isHidden('[data-zip]'), true);
  await context.close();
  assert.deepEqual(problems, []);
});

for (const width of [1280, 390]) {
  test(`the search page with its ZIP at ${width} px: no sideways scrolling, no axe-core findings`, async () => {
    const { context, page, problems } = await open('/zoeken/?q=gemeente&aantal=2', { viewport: { width, height: 800 } });
    assert.equal(await page.isVisible('[data-zip] button'), true);
    assert.deepEqual(await axeFindings(page), []);
    await zipByKeyboard(page);
    assert.deepEqual(await axeFindings(page), []);
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(scroll <= client, `no sideways scrolling at ${width} px (${scroll} > ${client})`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
