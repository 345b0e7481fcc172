// The Content-Security-Policy of the built site (public/). Every page carries it and
// nothing in the HTML needs more: no inline script, no on…= handler, no style attribute,
// no data: or javascript: URL. In headless Chromium, served by nginx, every page loads
// without a violation and every kind of page still does its work. And search keeps what
// never changes: a second visit fetches no chunk of the index again, and asks the server
// only whether hot.bin (and the runtime) changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative, sep } from 'node:path';
import { startNginx, launchChromium } from './server.mjs';
import { POLICY, parsePolicy, watchViolations, aboutPolicy } from './policy.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const publicDir = join(repo, 'public');
let server;
let browser;

before(async () => {
  server = await startNginx(publicDir);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// ---- The HTML as built -------------------------------------------------------------

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

/** The start tags of an HTML text: { name, attrs: Map, at }. Text and attribute values are
 * escaped by the templates, so a `<` in them never starts a tag. */
function startTags(html) {
  const tag = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
  const attr = /([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;
  return Array.from(html.matchAll(tag), (m) => ({
    name: m[1].toLowerCase(),
    at: m.index,
    attrs: new Map(Array.from(m[2].matchAll(attr), (a) => [a[1].toLowerCase(), (a[2] || '').replace(/^["']|["']$/g, '')])),
  }));
}

/** What in one HTML text the policy forbids or does not cover. */
function scan(html) {
  const problems = [];
  const tags = startTags(html);
  const policies = tags.filter((t) => t.name === 'meta' && (t.attrs.get('http-equiv') || '').toLowerCase() === 'content-security-policy');
  if (policies.length !== 1) {
    problems.push(`${policies.length} Content-Security-Policy <meta> tags`);
  } else {
    const [meta] = policies;
    try {
      assert.deepEqual(parsePolicy(meta.attrs.get('content').replace(/&#x27;|&#39;/g, "'")), POLICY);
    } catch {
      problems.push(`policy is not the site's: ${meta.attrs.get('content')}`);
    }
    const first = tags.find((t) => ['script', 'link', 'style', 'img'].includes(t.name));
    if (first && first.at < meta.at) problems.push(`<${first.name}> before the policy`);
  }
  for (const t of tags) {
    for (const [name, value] of t.attrs) {
      if (/^on/.test(name)) problems.push(`<${t.name} ${name}="${value}">`);
      if (name === 'style') problems.push(`<${t.name} style="${value}">`);
      if (['href', 'src', 'action', 'formaction', 'srcset', 'data', 'poster'].includes(name) && /^\s*(javascript|data|blob):/i.test(value)) {
        problems.push(`<${t.name} ${name}="${value}">`);
      }
    }
    if (['style', 'base', 'object', 'embed', 'iframe'].includes(t.name)) problems.push(`<${t.name}>`);
  }
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (m[2].trim() !== '') problems.push(`inline script: ${m[2].trim().slice(0, 60)}`);
    if (!/\ssrc\s*=/i.test(m[1])) problems.push(`<script${m[1]}> without src`);
  }
  return problems;
}

test('the scan finds what the policy forbids', () => {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${Object.entries(POLICY).map(([d, s]) => `${d} ${s.join(' ')}`).join('; ')}">`;
  assert.deepEqual(scan(`<head>${meta}<script src="/a.js" defer></script></head><p title="onclick=x">a &lt;script&gt; b</p>`), []);
  assert.deepEqual(scan(`<head>${meta}</head><body><script>alert(1)</script><a href="javascript:x()">a</a>`
    + `<p style="color:red" onClick='x()'>b</p><link rel="icon" href="data:,"></body>`), [
    '<a href="javascript:x()">',
    '<p style="color:red">',
    '<p onclick="x()">',
    '<link href="data:,">',
    'inline script: alert(1)',
    '<script> without src',
  ]);
  assert.deepEqual(scan('<head><script src="/a.js"></script></head>'), ['0 Content-Security-Policy <meta> tags']);
});

test('every built page carries the policy and has no inline script, handler or style', () => {
  const files = htmlFiles(publicDir);
  assert.ok(files.length >= 40, `${files.length} pages`);
  const problems = files.flatMap((file) => scan(readFileSync(file, 'utf8')).map((p) => `${relative(publicDir, file)}: ${p}`));
  assert.deepEqual(problems, []);
});

// ---- In the browser ----------------------------------------------------------------

/** Opens a page in a fresh browser context and records every violation, console error
 * and failed request. `close()` asserts there were none. */
async function visit(path, { status = 200 } = {}) {
  const context = await browser.newContext({ acceptDownloads: true });
  const problems = [];
  await watchViolations(context, (v) => problems.push(`violation of ${v.directive}: ${v.blocked} ${v.sample} at ${v.source} on ${v.url}`));
  const page = await context.newPage();
  page.on('console', (m) => {
    // The browser logs the 404 of the page itself; a missing subresource is a response below.
    if (status === 404 && /status of 404/.test(m.text())) return;
    if (m.type() === 'error' || aboutPolicy(m)) problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !(status === 404 && r.request().isNavigationRequest())) problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  const response = await page.goto(new URL(path, server.url).href);
  assert.equal(response.status(), status, `${path} answers ${status}`);
  await expectPolicy(page);
  return {
    context,
    page,
    problems,
    async close() {
      await settle(page);
      assert.deepEqual(problems, [], `no violations or errors on ${path}`);
      await context.close();
    },
  };
}

/** The page the browser shows is under the site's policy. */
async function expectPolicy(page) {
  const policy = await page.$$eval('meta[http-equiv="Content-Security-Policy"]', (ms) => ms.map((m) => m.content));
  assert.equal(policy.length, 1, `one policy on ${page.url()}`);
  assert.deepEqual(parsePolicy(policy[0]), POLICY);
}

/** Lets queued violation events and their reports arrive. */
async function settle(page) {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 50))));
}

async function searchResults(page) {
  await page.waitForFunction(() => /document|lukt/.test(document.querySelector('[data-status]').textContent));
  assert.doesNotMatch(await page.textContent('[data-status]'), /lukt/, 'the search works');
  return page.$$eval('[data-results] h2 a', (as) => as.map((a) => a.getAttribute('href')));
}

test('the policy is enforced, and its violations are seen', async () => {
  // The control for every "no violations" below: what the policy forbids is blocked, and
  // reported both as an event and on the console.
  const { page, problems, context } = await visit('/over/');
  const effects = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inline = true';
    document.body.append(script);
    const p = document.createElement('p');
    p.setAttribute('style', 'color: rgb(255, 0, 0)');
    document.body.append(p);
    const img = document.createElement('img');
    img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
    document.body.append(img);
    let fetched = true;
    try { await fetch('http://127.0.0.2:9/'); } catch { fetched = false; }
    return { inline: window.__inline === true, red: getComputedStyle(p).color === 'rgb(255, 0, 0)', fetched };
  });
  assert.deepEqual(effects, { inline: false, red: false, fetched: false });
  await settle(page);
  const directives = problems.filter((p) => p.startsWith('violation')).map((p) => p.match(/^violation of (\S+):/)[1]).sort();
  assert.deepEqual(directives, ['connect-src', 'img-src', 'script-src-elem', 'style-src-attr']);
  assert.ok(problems.some((p) => p.startsWith('console') && /Content Security Policy/.test(p)), 'Chromium says so on the console');
  await context.close();
});

test('every built page loads without a violation or an error', async () => {
  const context = await browser.newContext();
  const problems = [];
  await watchViolations(context, (v) => problems.push(`violation of ${v.directive}: ${v.blocked} at ${v.source} on ${v.url}`));
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || aboutPolicy(m)) problems.push(`console ${m.type()} on ${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`); });
  for (const file of htmlFiles(publicDir)) {
    const path = `/${relative(publicDir, file).split(sep).join('/')}`.replace(/index\.html$/, '');
    const url = new URL(path, server.url).href;
    const response = await page.goto(url);
    assert.equal(response.status(), 200, path);
    // A redirect page (an alias, a paginator's first page) moves on by itself: check the
    // page it lands on, once it is there.
    if (/http-equiv="refresh"/i.test(readFileSync(file, 'utf8'))) {
      await page.waitForURL((u) => u.href !== url);
      await page.waitForLoadState('load');
    }
    await expectPolicy(page);
  }
  await settle(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('home: the header search form submits to the search page, which finds documents', async () => {
  const v = await visit('/');
  assert.match(await v.page.textContent('h1'), /Woo-archief/);
  await v.page.fill('#zoek-kop', 'jeugdbeschermer');
  await v.page.press('#zoek-kop', 'Enter');
  await v.page.waitForURL(/\/zoeken\/\?q=jeugdbeschermer/);
  assert.ok((await searchResults(v.page)).length >= 3);
  await v.close();
});

test('search: results, facets, and a result opens its document with the words marked', async () => {
  const v = await visit('/zoeken/?q=jeugdbeschermer');
  assert.ok((await searchResults(v.page)).length >= 3, 'results');
  const facet = v.page.locator('[data-facet^="type:"]').first();
  const type = (await facet.getAttribute('data-facet')).slice('type:'.length);
  await facet.click();
  await v.page.waitForFunction((t) => new URL(location.href).searchParams.get('type') === t, type);
  assert.ok((await searchResults(v.page)).length >= 1);
  const types = await v.page.$$eval('[data-results] li p.muted', (ps) => ps.map((p) => p.textContent));
  assert.ok(types.every((t) => t.includes(type)), `the facet filters: ${types.join(' | ')}`);
  await v.page.click('[data-results] h2 a');
  await v.page.waitForSelector('article.document mark.hit');
  await expectPolicy(v.page);
  await v.close();
});

test('document list: sorting by a column works', async () => {
  const v = await visit('/documenten/');
  await v.page.click('th >> text=Titel');
  const titles = await v.page.$$eval('tbody td[data-label="Titel"]', (cells) => cells.map((c) => c.textContent.trim()));
  assert.equal(titles.length, 7);
  assert.deepEqual(titles, [...titles].sort((a, b) => a.localeCompare(b, 'nl')));
  assert.equal(await v.page.getAttribute('th:has-text("Titel")', 'aria-sort'), 'ascending');
  await v.close();
});

test('document page: the original downloads', async () => {
  const v = await visit('/documenten/');
  await v.page.click('text=Beantwoording vragen ex art. 36 RvO');
  await v.page.waitForSelector('article.document');
  await expectPolicy(v.page);
  const href = await v.page.getAttribute('a[download]', 'href');
  const [download] = await Promise.all([v.page.waitForEvent('download'), v.page.click('a[download]')]);
  const served = readFileSync(join(publicDir, new URL(href, v.page.url()).pathname));
  assert.ok(readFileSync(await download.path()).equals(served), 'the downloaded bytes are the original');
  await v.close();
});

test('timeline: the filter script shows the form and filters', async () => {
  const v = await visit('/tijdlijn/');
  assert.equal(await v.page.locator('form.timeline-filters').isVisible(), true, 'the script ran');
  const total = await v.page.locator('li.event').count();
  await v.page.selectOption('select[name="type"]', 'e-mail');
  const shown = await v.page.$$eval('li.item:not([hidden])', (lis) => lis.map((li) => li.dataset.type));
  assert.ok(shown.length > 0 && shown.every((t) => t === 'e-mail'), shown.join(','));
  assert.ok(await v.page.locator('li.event:not([hidden])').count() < total);
  assert.match(await v.page.textContent('[data-count]'), /getoond/);
  // The exports are fetched from the same origin.
  const json = await v.page.evaluate(async () => (await fetch('tijdlijn.json')).json());
  assert.ok(json.events.length >= total);
  await v.close();
});

test('redactions and taxonomy pages', async () => {
  const v = await visit('/weglakkingen/');
  assert.ok(await v.page.locator('section[aria-labelledby="per-grond"] tbody tr').count() >= 1);
  await v.page.click('section[aria-labelledby="per-grond"] tbody a:has-text("5.1.2e")');
  await v.page.waitForSelector('h1:has-text("5.1.2e")');
  await expectPolicy(v.page);
  assert.ok(await v.page.locator('table.documents tbody tr').count() >= 1);
  await v.close();

  const orgs = await visit('/organisatie/');
  await orgs.page.click('ul.terms a:has-text("Jeugdbescherming Noord")');
  await orgs.page.waitForSelector('table.documents');
  await expectPolicy(orgs.page);
  await orgs.close();
});

test('an unknown address: the 404 page, under the policy too', async () => {
  const v = await visit('/bestaat-niet/', { status: 404 });
  assert.match(await v.page.textContent('h1'), /niet gevonden/);
  await v.close();
});

// ---- Caching -----------------------------------------------------------------------

const isChunk = (r) => /^\/zoeken\/index\/c-[0-9a-f]+\.bin$/.test(r.uri);
const isHot = (r) => r.uri === '/zoeken/index/hot.bin';

// Whatever the host says: nothing (nginx as it comes, Python's server) or "revalidate
// everything" (Cache-Control: no-cache).
for (const [label, headers] of [['a host without caching headers', {}], ['a host that sends Cache-Control: no-cache', { 'Cache-Control': 'no-cache' }]]) {
  test(`a second visit fetches no chunk again, and revalidates hot.bin (${label})`, async () => {
    const logged = await startNginx(publicDir, { log: true, headers });
    const context = await browser.newContext();
    const problems = [];
    await watchViolations(context, (v) => problems.push(`violation of ${v.directive}: ${v.blocked}`));
    try {
      const search = async (query) => {
        const page = await context.newPage();
        page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
        await page.goto(new URL(`/zoeken/?q=${encodeURIComponent(query)}`, logged.url).href);
        const hits = await searchResults(page);
        await page.close();
        return hits;
      };
      const start = logged.requests().length;
      const firstHits = await search('jeugdbeschermer');
      const first = logged.requests().slice(start);
      assert.ok(firstHits.length >= 3);
      assert.ok(first.filter(isChunk).length >= 1, 'the first search fetches chunks');
      assert.ok(first.filter(isChunk).every((r) => r.status === 200 && !r.conditional));
      assert.equal(first.filter(isHot).length, 1);

      const middle = logged.requests().length;
      const secondHits = await search('jeugdbeschermer');
      const second = logged.requests().slice(middle);
      assert.deepEqual(secondHits, firstHits, 'the same results');
      assert.deepEqual(second.filter(isChunk), [], 'no chunk fetched again');
      assert.deepEqual(second.filter(isHot), [{ status: 304, method: 'GET', uri: '/zoeken/index/hot.bin', conditional: true }],
        'hot.bin revalidated: asked for, unchanged');
      // The runtime keeps its name too, so it is revalidated like hot.bin.
      assert.ok(second.filter((r) => r.uri.startsWith('/zoeken/openbaar-search.wasm')).every((r) => r.conditional && r.status === 304));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      await logged.stop();
    }
  });
}
