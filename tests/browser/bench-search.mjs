// Search benchmark, Openbaar beside Pagefind on the same corpus (run by scripts/bench-search,
// which builds both sites first). Both sites are served by the same nginx and queried in
// headless Chromium, a fresh browser context (empty cache) per cold query; a warm query is
// a second query on the same page. Printed per query and system: bytes of index data
// (what travels, headers included), fetches, sequential rounds, and the time from the
// start of navigation (cold) or from pressing Enter (warm) to the results on screen, on
// localhost and under a simulated 50 ms / 10 Mbit/s network. The runtime (code a browser
// caches after the first visit) is counted apart from the index data.
//
//   node bench-search.mjs --openbaar SITE --pagefind SITE --corpus TXT_DIR [--builds FILE] [--queries N]
// (BENCH_DEBUG=1 lists every request of a cold query.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startNginx, launchChromium } from './server.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
for (const need of ['openbaar', 'pagefind', 'corpus']) {
  if (!args[need]) throw new Error(`usage: node bench-search.mjs --openbaar SITE --pagefind SITE --corpus TXT_DIR [--builds FILE]`);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

// --- Queries, chosen from the corpus by document frequency (the same on every run) ---
function chooseQueries(dir) {
  const df = new Map();
  const bigrams = new Map();
  // Only the body: the .txt header (Datum:, Onderwerp:) is not in the HTML pages.
  for (const name of readdirSync(dir).sort()) {
    const text = readFileSync(join(dir, name), 'utf8').split('\n').slice(3).join(' ').toLowerCase();
    const words = text.match(/\p{L}+/gu) || [];
    for (const w of new Set(words)) if (w.length >= 5) df.set(w, (df.get(w) || 0) + 1);
    const pairs = new Set();
    for (let i = 1; i < words.length; i++) if (words[i - 1].length >= 6 && words[i].length >= 6) pairs.add(`${words[i - 1]} ${words[i]}`);
    for (const p of pairs) bigrams.set(p, (bigrams.get(p) || 0) + 1);
  }
  const docs = readdirSync(dir).length;
  const nearest = (map, target, taken) => [...map.entries()]
    .filter(([w]) => !taken.has(w))
    .sort((a, b) => Math.abs(a[1] - target) - Math.abs(b[1] - target) || (a[0] < b[0] ? -1 : 1))[0];
  const taken = new Set();
  const words = [0.3, 0.15, 0.08, 0.04, 0.02, 0.01, 0.005, 0.002, 0.0008, 0.0002].map((share) => {
    const [w, n] = nearest(df, Math.max(1, Math.round(share * docs)), taken);
    taken.add(w);
    return { word: w, df: n };
  });
  const [phraseA, phraseB] = [0.01, 0.003].map((share) => {
    const [p] = nearest(bigrams, Math.max(2, Math.round(share * docs)), taken);
    taken.add(p);
    return p;
  });
  const w = words.map((x) => x.word);
  const one = (q) => ({ openbaar: q, pagefind: { q } });
  const queries = [];
  for (let i = 0; i < w.length; i++) queries.push({ kind: 'one word', cold: one(w[i]), warm: one(w[(i + 1) % w.length]), df: words[i].df });
  queries.push({ kind: 'two words', cold: one(`${w[1]} ${w[3]}`), warm: one(`${w[2]} ${w[4]}`) });
  queries.push({ kind: 'phrase', cold: one(`"${phraseA}"`), warm: one(`"${phraseB}"`) });
  const filtered = (word, year) => ({ openbaar: `${word} jaar:${year}`, pagefind: { q: word, jaar: String(year) } });
  queries.push({ kind: 'filtered', cold: filtered(w[2], 2023), warm: filtered(w[3], 2021) });
  return queries;
}

// --- One system in one browser context ---
const systems = {
  openbaar: {
    root: args.openbaar,
    url: (base, q) => new URL(`/zoeken/?q=${encodeURIComponent(q)}`, base).href,
    runtime: (path) => /\/zoeken\/(search-worker|search|highlight)\.js$|\.wasm(\.gz)?$/.test(path),
    data: (path) => path.startsWith('/zoeken/index/'),
    async waitCold(page) {
      await page.waitForFunction(() => /document/.test(document.querySelector('[data-status]')?.textContent || ''), null, { polling: 5, timeout: 120000 });
    },
    // As a reader does it (the words in the box, the form sent), in one call into the page
    // like Pagefind's below: Playwright's fill and press wait for the box to be stable
    // (animation frames) first, which on a loaded machine took hundreds of milliseconds
    // that were not the search's.
    async runWarm(page, q) {
      await page.evaluate((q) => new Promise((resolve) => {
        const status = document.querySelector('[data-status]');
        const done = () => new URL(location.href).searchParams.get('q') === q && /document/.test(status.textContent);
        new MutationObserver((_, observer) => { if (done()) { observer.disconnect(); resolve(); } })
          .observe(status, { childList: true, characterData: true, subtree: true });
        document.querySelector('#zoekvraag').value = q;
        document.querySelector('#zoekvraag').form.requestSubmit();
      }), q);
    },
    // "3.478 documenten": the page writes thousands with a dot (nl-NL).
    count: (page) => page.evaluate(() => Number((document.querySelector('[data-status]').textContent.match(/\d[\d.]*/) || ['0'])[0].replace(/\./g, ''))),
  },
  pagefind: {
    root: args.pagefind,
    url: (base, q) => new URL(`/bench-search.html?q=${encodeURIComponent(q.q)}${q.jaar ? `&jaar=${q.jaar}` : ''}`, base).href,
    runtime: (path) => /^\/pagefind\/(pagefind[^/]*\.js|wasm\.[^/]*\.pagefind)$/.test(path),
    data: (path) => path.startsWith('/pagefind/') && !/\.js$/.test(path) && !/^\/pagefind\/wasm\./.test(path),
    async waitCold(page) {
      await page.waitForFunction(() => /document/.test(document.getElementById('status').textContent), null, { polling: 5, timeout: 120000 });
    },
    async runWarm(page, q) {
      await page.evaluate((q) => window.runQuery(q.q, q.jaar), q);
    },
    count: (page) => page.evaluate(() => Number(document.getElementById('status').textContent.match(/\d+/)[0])),
  },
};

// Sequential rounds: a request is one round after every request that had finished before
// it began (requests in flight together share a round).
function rounds(requests) {
  const sorted = [...requests].sort((a, b) => a.start - b.start);
  const depth = [];
  sorted.forEach((r, i) => {
    let d = 1;
    for (let j = 0; j < i; j++) if (sorted[j].end <= r.start) d = Math.max(d, depth[j] + 1);
    depth.push(d);
  });
  return depth.length ? Math.max(...depth) : 0;
}

function summarise(system, requests) {
  const pick = (test) => requests.filter((r) => test(r.path));
  const sum = (rs) => rs.reduce((n, r) => n + r.bytes, 0);
  const runtime = pick(system.runtime);
  const data = pick(system.data);
  return { runtimeBytes: sum(runtime), dataBytes: sum(data), fetches: runtime.length + data.length, dataFetches: data.length, rounds: rounds(requests) };
}

async function measure(browser, name, server, query, throttled) {
  const system = systems[name];
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (throttled) {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 50, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 });
  }
  let requests = [];
  const pending = [];
  context.on('requestfinished', (request) => pending.push((async () => {
    const sizes = await request.sizes();
    const timing = request.timing();
    requests.push({
      path: new URL(request.url()).pathname,
      bytes: sizes.responseBodySize + sizes.responseHeadersSize,
      start: timing.startTime,
      end: timing.startTime + Math.max(timing.responseEnd, 0),
    });
  })()));
  const settle = async () => { await Promise.all(pending); pending.length = 0; const r = requests; requests = []; return r; };
  let t0 = Date.now();
  await page.goto(system.url(server.url, query.cold[name]));
  await system.waitCold(page);
  const coldMs = Date.now() - t0;
  const coldCount = await system.count(page);
  const coldRequests = await settle();
  if (process.env.BENCH_DEBUG) for (const r of coldRequests) console.log(`  ${name} cold ${r.path} ${r.bytes}`);
  const cold = { ...summarise(system, coldRequests), ms: coldMs, count: coldCount };
  t0 = Date.now();
  await system.runWarm(page, query.warm[name]);
  const warmMs = Date.now() - t0;
  const warmCount = await system.count(page);
  const warmRequests = await settle();
  if (process.env.BENCH_DEBUG) {
    for (const r of warmRequests) console.log(`  ${name} warm ${r.path} ${r.bytes} at ${Math.round(r.start)}-${Math.round(r.end)}`);
    if (name === 'openbaar') console.log(`  openbaar warm ${warmMs} ms: ${await page.evaluate(() => document.querySelector('[data-search]').dataset.timeline)}`);
  }
  const warm = { ...summarise(system, warmRequests), ms: warmMs, count: warmCount };
  await context.close();
  return { cold, warm };
}

// --- Static figures: runtime, files ---
function walk(dir) {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = walk(path);
      files += sub.files;
      bytes += sub.bytes;
    } else {
      files += 1;
      bytes += statSync(path).size;
    }
  }
  return { files, bytes };
}

const queries = chooseQueries(args.corpus).slice(0, Number(args.queries || Infinity));
console.log('queries (document frequency in the corpus for one-word queries):');
for (const q of queries) console.log(`  ${q.kind.padEnd(9)} cold ${JSON.stringify(q.cold.openbaar)}${q.df ? ` (${q.df} docs)` : ''}, warm ${JSON.stringify(q.warm.openbaar)}`);

const servers = { openbaar: await startNginx(args.openbaar), pagefind: await startNginx(args.pagefind) };
const browser = await launchChromium();
const results = {};
for (const throttled of [false, true]) {
  for (const q of queries) {
    for (const name of ['openbaar', 'pagefind']) {
      const key = `${name} ${throttled ? 'slow' : 'local'}`;
      (results[key] ||= []).push({ query: q, ...(await measure(browser, name, servers[name], q, throttled)) });
    }
  }
}
await browser.close();
await servers.openbaar.stop();
await servers.pagefind.stop();

// --- Report ---
console.log('\nper query, localhost (O = Openbaar, P = Pagefind; data = index data only; ms noisy on a shared machine):');
console.log(`${'kind'.padEnd(10)}${'query'.padEnd(34)}${'results O/P'.padStart(13)}${'cold data O/P'.padStart(22)}${'fetches O/P'.padStart(13)}${'rounds O/P'.padStart(12)}${'warm data O/P'.padStart(22)}${'warm fetches'.padStart(14)}`);
const local = { o: results['openbaar local'], p: results['pagefind local'] };
local.o.forEach((o, i) => {
  const p = local.p[i];
  console.log(`${o.query.kind.padEnd(10)}${o.query.cold.openbaar.slice(0, 33).padEnd(34)}${`${o.cold.count}/${p.cold.count}`.padStart(13)}${`${kb(o.cold.dataBytes)} / ${kb(p.cold.dataBytes)}`.padStart(22)}${`${o.cold.fetches}/${p.cold.fetches}`.padStart(13)}${`${o.cold.rounds}/${p.cold.rounds}`.padStart(12)}${`${kb(o.warm.dataBytes)} / ${kb(p.warm.dataBytes)}`.padStart(22)}${`${o.warm.fetches}/${p.warm.fetches}`.padStart(14)}`);
});

const runtimeOf = (rows) => median(rows.map((r) => r.cold.runtimeBytes));
const table = [];
const row = (label, f) => table.push([label, f('openbaar'), f('pagefind')]);
const pick = (name, net, kind) => results[`${name} ${net}`].filter((r) => !kind || r.query.kind === kind);
row('runtime, first visit (transfer)', (n) => kb(runtimeOf(pick(n, 'local'))));
for (const kind of ['one word', 'two words', 'phrase', 'filtered']) {
  row(`${kind}: cold data (median)`, (n) => `${kb(median(pick(n, 'local', kind).map((r) => r.cold.dataBytes)))} in ${median(pick(n, 'local', kind).map((r) => r.cold.dataFetches))} fetches, ${median(pick(n, 'local', kind).map((r) => r.cold.rounds))} rounds`);
  row(`${kind}: warm data (median)`, (n) => `${kb(median(pick(n, 'local', kind).map((r) => r.warm.dataBytes)))} in ${median(pick(n, 'local', kind).map((r) => r.warm.dataFetches))} fetches`);
}
row('first visit, runtime + one-word cold data (median)', (n) => kb(median(pick(n, 'local', 'one word').map((r) => r.cold.runtimeBytes + r.cold.dataBytes))));
for (const net of ['local', 'slow']) {
  const label = net === 'local' ? 'localhost' : '50 ms, 10 Mbit/s';
  row(`time to results, ${label}, cold (median, all queries)`, (n) => `${median(pick(n, net).map((r) => r.cold.ms))} ms`);
  row(`time to results, ${label}, warm (median, all queries)`, (n) => `${median(pick(n, net).map((r) => r.warm.ms))} ms`);
}
const sites = { openbaar: walk(args.openbaar), pagefind: walk(args.pagefind) };
const bundles = { openbaar: walk(join(args.openbaar, 'zoeken', 'index')), pagefind: walk(join(args.pagefind, 'pagefind')) };
row('search bundle: files, size', (n) => `${bundles[n].files} files, ${(bundles[n].bytes / 1048576).toFixed(1)} MB`);
row('whole site: files', (n) => `${sites[n].files}`);
if (args.builds) {
  const builds = JSON.parse(readFileSync(args.builds, 'utf8'));
  row('build: wall time, peak memory', (n) => `${builds[n].seconds} s, ${(builds[n].maxKb / 1048576).toFixed(2)} GB`);
}
console.log('\n| | Openbaar | Pagefind |\n|---|---|---|');
for (const [label, o, p] of table) console.log(`| ${label} | ${o} | ${p} |`);
