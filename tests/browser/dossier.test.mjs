// The dossier page with a request among the documents: the sample archive (which has
// none) and one request more, a text file named as a Woo request, built into a
// site of its own. The page lists the request, in both languages; without one it says
// the request is not part of the release (languages.test.mjs, on the sample itself).
// Needs the release binary and the search runtime (scripts/build).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSite } from './sites.mjs';
import { openPage } from './pages.mjs';

let server;
let browser;
buildSite({
  extraFiles: {
    'woo-verzoek-jeugdbescherming.txt': [
      'Woo-verzoek over Jeugdbescherming Noord',
      '',
      'Groningen, 3 maart 2025',
      '',
      'Geachte heer, mevrouw,',
      '',
      'Op grond van de Wet open overheid verzoek ik u alle documenten openbaar te maken over',
      'het toezicht op Jeugdbescherming Noord en Veilig Thuis Groningen in 2024 en 2025.',
      '',
      'Met vriendelijke groet,',
      'een journalist',
      '',
    ].join('\n'),
  },
}, (b, s) => {
  browser = b;
  server = s;
});

test('the dossier lists the request of the release, in both languages', async () => {
  const nl = await openPage(browser, server, '/dossier/');
  const requests = await nl.page.$$eval('[data-requests] a', (as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
  assert.equal(requests.length, 1, 'one request');
  // A text file is titled by its name: found as a request by the name.
  assert.equal(requests[0][0], 'woo-verzoek-jeugdbescherming');
  assert.match(requests[0][1], /^\/documenten\/[0-9a-f]{16}\/$/);
  assert.equal(await nl.page.locator('[data-no-request]').count(), 0, 'no note that it is missing');
  const heading = await nl.page.$eval('[data-requests]', (ul) => ul.previousElementSibling.textContent);
  assert.equal(heading, 'Verzoek');
  // The request's page answers.
  const doc = await openPage(browser, server, requests[0][1]);
  assert.match(await doc.page.textContent('main'), /Op grond van de Wet open overheid verzoek ik u/);
  await doc.close();
  await nl.close();

  const en = await openPage(browser, server, '/en/dossier/');
  assert.equal(await en.page.$eval('[data-requests]', (ul) => ul.previousElementSibling.textContent), 'Request');
  assert.equal(await en.page.textContent('[data-requests] a'), 'woo-verzoek-jeugdbescherming');
  await en.close();
});
