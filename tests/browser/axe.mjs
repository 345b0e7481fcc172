// Accessibility checks with axe-core (Deque's rules engine, the one browser extensions and
// CI services use), run inside the page under test.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The axe-core violations of the page as it is now, as short lines ("rule: target"), WCAG
 * 2.2 A and AA and best practices. The engine is evaluated through the DevTools protocol,
 * which the page's Content-Security-Policy does not block (a <script> tag would be).
 */
export async function axeFindings(page) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await globalThis.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.flatMap((v) => v.targets.map((t) => `${v.id}: ${t}`));
}
