// Search benchmark: the runtime's size, the bundle's size and file count, and for a cold
// and a warm query the bytes fetched, the number of fetches and of sequential steps.
// Run by scripts/bench-search after scripts/build.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startNginx, launchChromium } from './server.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const site = process.argv[2] || join(repo, 'public');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const size = (file) => {
  const bytes = readFileSync(file);
  return [bytes.length, gzipSync(bytes, { level: 9 }).length];
};

const runtime = ['openbaar-search.wasm', 'search-worker.js', 'search.js'].map((f) => [f, ...size(join(site, 'zoeken', f))]);
for (const [name, raw, gz] of runtime) console.log(`runtime ${name}: ${kb(raw)} raw, ${kb(gz)} gzipped`);
// What the browser fetches: the indexer's own gzipped copy of the module.
console.log(`runtime as published: openbaar-search.wasm.gz ${kb(statSync(join(site, 'zoeken', 'openbaar-search.wasm.gz')).size)}`);
const total = runtime.reduce((a, [, raw, gz]) => [a[0] + raw, a[1] + gz], [0, 0]);
console.log(`runtime total: ${kb(total[0])} raw, ${kb(total[1])} gzipped`);

const bundleDir = join(site, 'zoeken', 'index');
const files = readdirSync(bundleDir);
const bundleBytes = files.reduce((n, f) => n + statSync(join(bundleDir, f)).size, 0);
console.log(`bundle: ${files.length} files, ${kb(bundleBytes)}, largest ${kb(Math.max(...files.map((f) => statSync(join(bundleDir, f)).size)))}`);

const server = await startNginx(site);
const browser = await launchChromium();
const page = await browser.newPage();
const query = async (q) => {
  await page.goto(new URL(`/zoeken/?q=${encodeURIComponent(q)}`, server.url).href);
  await page.waitForFunction(() => /document/.test(document.querySelector('[data-status]').textContent));
  return ['fetches', 'steps', 'bytes'].map((k) => page.getAttribute('[data-search]', `data-${k}`));
};
const [coldF, coldS, coldB] = await Promise.all(await query('gemeente'));
console.log(`cold one-word query: ${kb(Number(coldB))} fetched in ${coldF} fetches, ${coldS} sequential steps (runtime included)`);
// Warm: the same page, a new query, after the worker has what it fetched.
await page.fill('#zoekvraag', 'certificaat');
await page.press('#zoekvraag', 'Enter');
await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'certificaat');
await page.waitForFunction(() => /document/.test(document.querySelector('[data-status]').textContent));
const warm = await Promise.all(['fetches', 'steps', 'bytes'].map((k) => page.getAttribute('[data-search]', `data-${k}`)));
console.log(`warm query: ${kb(Number(warm[2]))} fetched in ${warm[0]} fetches, ${warm[1]} sequential steps`);
await browser.close();
await server.stop();
