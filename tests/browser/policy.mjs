// The Content-Security-Policy every page of the site carries (in a <meta>, from
// themes/openbaar/templates/partials/csp.html), and a watcher for what it blocks.

/** The policy, directive by directive: what the site needs and nothing else. */
export const POLICY = {
  'default-src': ["'none'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'"],
  'connect-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'form-action': ["'self'"],
  'base-uri': ["'none'"],
  'object-src': ["'none'"],
};

/** A policy's text as { directive: [sources] }. */
export function parsePolicy(text) {
  return Object.fromEntries(text.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0])
    .map(([name, ...sources]) => [name.toLowerCase(), sources]));
}

/**
 * Reports every `securitypolicyviolation` event of every page of `context` (to be called
 * before its first page opens) through `report(violation)`, where a violation is
 * { directive, blocked, sample, source, url }.
 */
export async function watchViolations(context, report) {
  await context.exposeBinding('__openbaarViolation', (_source, violation) => report(violation));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__openbaarViolation({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        sample: e.sample,
        source: `${e.sourceFile}:${e.lineNumber}`,
        url: e.documentURI,
      });
    });
  });
}

/** A console message that is about the policy (Chromium logs every violation). */
export function aboutPolicy(message) {
  return /Content.Security.Policy/i.test(message.text());
}
