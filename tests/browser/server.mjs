// Serves a folder with a real static web server for the browser tests: nginx (the
// kind of server a USB stick or a VPS would use), on a free loopback port.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, after } from 'node:test';

async function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

async function waitFor(url, tries = 50) {
  for (let i = 0; i < tries; i++) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not come up`);
}

/**
 * Starts nginx on `root`; returns { url, stop, requests }. `requests()` lists what reached
 * the server (only with `{ log: true }`): one { status, method, uri, conditional } per
 * request, in order; a request the browser answered from its cache is not there.
 * `headers` ({ name: value }) are added to every response, as a host's settings would.
 */
export async function startNginx(root, { log = false, headers = {} } = {}) {
  const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find(existsSync);
  if (!nginx) throw new Error('nginx is not installed: run scripts/setup');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'openbaar-nginx-'));
  const conf = join(dir, 'nginx.conf');
  const accessLog = join(dir, 'access.log');
  const logging = log
    ? `log_format requests escape=json '{"status":$status,"method":"$request_method","uri":"$request_uri",'
        '"ifNoneMatch":"$http_if_none_match","ifModifiedSince":"$http_if_modified_since"}';
  access_log ${accessLog} requests;`
    : 'access_log off;';
  // Started by root, nginx serves as `nobody`, who cannot enter a checkout in a private
  // folder (mktemp -d, a home directory): then it serves as the user who started it.
  const user = process.getuid?.() === 0 ? 'user root root;' : '';
  writeFileSync(conf, `
daemon off;
${user}
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  ${logging}
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  gzip on;
  gzip_types text/css application/javascript application/json application/wasm application/octet-stream;
  server {
    listen 127.0.0.1:${port};
    root ${resolve(root)};
    error_page 404 /404.html;
    ${Object.entries(headers).map(([name, value]) => `add_header ${name} "${value}" always;`).join('\n    ')}
  }
}`);
  const child = spawn(nginx, ['-c', conf, '-p', dir], { stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(url);
  return {
    url,
    stop: () => new Promise((done) => { child.once('exit', done); child.kill('SIGTERM'); }),
    requests: () => (existsSync(accessLog) ? readFileSync(accessLog, 'utf8') : '')
      .split('\n').filter(Boolean).map((line) => JSON.parse(line))
      .map(({ status, method, uri, ifNoneMatch, ifModifiedSince }) => ({
        status, method, uri, conditional: Boolean(ifNoneMatch || ifModifiedSince),
      })),
  };
}

/**
 * For a test file: starts nginx over `root` and one Chromium before its tests, hands both
 * to `use(browser, server)`, and stops both after them.
 */
export function serveSite(root, use) {
  let browser;
  let server;
  before(async () => {
    server = await startNginx(root);
    browser = await launchChromium();
    use(browser, server);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
}

/** Launches Debian's headless Chromium with the flags every browser test uses. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export function chromiumPath() {
  const path = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
  if (!path) throw new Error('chromium is not installed: run scripts/setup');
  return path;
}

export function hasCommand(name) {
  try { execFileSync('which', [name], { stdio: 'ignore' }); return true; } catch { return false; }
}

/** Starts Python's static server (no Range support) on `root`; returns { url, stop }. */
export async function startPython(root) {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', resolve(root)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(url);
  return {
    url,
    stop: () => new Promise((done) => { child.once('exit', done); child.kill('SIGTERM'); }),
  };
}
