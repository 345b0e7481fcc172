// A site of its own for a test file: the repository's config, theme and hand-written
// pages around an archive, built by the release binary into a temporary folder, served
// by nginx and opened in one Chromium. Needs the release binary and the search runtime
// (scripts/build).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { before, after } from 'node:test';
import { startNginx, launchChromium } from './server.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = join(repo, 'target', 'release', 'openbaar');

/**
 * Before the tests of a file: builds the sample archive (plus `extraFiles`, { name: text },
 * in a copy of it) with config.toml as `config(text)` returns it, serves the site and
 * launches Chromium; hands both to `use(browser, server)`. After them: stops both and
 * deletes the site.
 */
export function buildSite({ config = (text) => text, extraFiles = {} }, use) {
  let site;
  let server;
  let browser;
  before(async () => {
    assert.ok(existsSync(binary), `${binary} is missing: run scripts/build`);
    site = mkdtempSync(join(tmpdir(), 'openbaar-site-'));
    chmodSync(site, 0o755); // nginx's workers read it as another user
    writeFileSync(join(site, 'config.toml'), config(readFileSync(join(repo, 'config.toml'), 'utf8')));
    mkdirSync(join(site, 'content'));
    mkdirSync(join(site, 'templates'));
    for (const name of readdirSync(join(repo, 'content')).filter((n) => n.endsWith('.md'))) {
      cpSync(join(repo, 'content', name), join(site, 'content', name));
    }
    // The English listings of the facets (static pages).
    cpSync(join(repo, 'content', 'facetten'), join(site, 'content', 'facetten'), { recursive: true });
    symlinkSync(join(repo, 'themes'), join(site, 'themes'));
    let archive = join(repo, 'archive');
    if (Object.keys(extraFiles).length) {
      archive = join(site, 'archive');
      cpSync(join(repo, 'archive'), archive, { recursive: true });
      Object.entries(extraFiles).forEach(([name, text]) => writeFileSync(join(archive, name), text));
    }
    execFileSync(binary, ['build', '--config', join(site, 'config.toml'), '--archive', archive,
      '--output', join(site, 'public'),
      '--search-runtime', join(repo, 'target', 'wasm32-unknown-unknown', 'wasm', 'openbaar_search_wasm.wasm')],
    { stdio: 'pipe' });
    server = await startNginx(join(site, 'public'));
    browser = await launchChromium();
    use(browser, server);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (site) rmSync(site, { recursive: true, force: true });
  });
}
