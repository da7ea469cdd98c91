// @ts-check
/**
 * The site's Content-Security-Policy, stated once. The page (a <meta> tag, src/layouts/Page.astro),
 * the static server (scripts/static-server.mjs, as a header) and the README's nginx/Caddy lines
 * (checked by tests/unit/site/csp.test.ts) all carry exactly this.
 *
 * Scripts, workers, WebAssembly and fetches come from the site itself only; nothing a reader
 * loads into a lab can reach another host or run as script. Styles may be inline (Astro inlines
 * the stylesheet; KaTeX and Plot write style attributes); images may be data: URIs (the
 * build-time PNG panels). 'wasm-unsafe-eval' is what lets WebAssembly compile, not eval().
 */
const DIRECTIVES = [
  ["default-src", "'self'"],
  ["script-src", "'self' 'wasm-unsafe-eval'"],
  ["worker-src", "'self'"],
  ["connect-src", "'self'"],
  ["img-src", "'self' data:"],
  ["style-src", "'self' 'unsafe-inline'"],
  ["font-src", "'self'"],
  ["object-src", "'none'"],
  ["base-uri", "'self'"],
  ["form-action", "'self'"],
];

/** The policy as a <meta http-equiv> tag can carry it (browsers ignore frame-ancestors there). */
export const CSP = DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

/** The policy as an HTTP header: the same, plus refusing to be framed by another site. */
export const CSP_HEADER = `${CSP}; frame-ancestors 'self'`;
