/**
 * The Content-Security-Policy is stated once (src/site/csp.mjs); the page's <meta> tag, the
 * static server's header and the README's nginx and Caddy lines must all say exactly that.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSP, CSP_HEADER } from '../../../src/site/csp.mjs';
import { SECURITY_HEADERS } from '../../../scripts/static-server.mjs';

const directives = (policy: string) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

describe('the content security policy', () => {
  it('allows scripts, workers, WebAssembly and fetches from the site itself only', () => {
    const d = directives(CSP);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(d.get('worker-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    // no eval, no inline script, no other host anywhere
    expect(CSP).not.toMatch(/'unsafe-eval'|https?:|\*/);
    expect(d.get('script-src')).not.toContain("'unsafe-inline'");
    // a meta tag cannot carry frame-ancestors (browsers report it as an error)
    expect(d.has('frame-ancestors')).toBe(false);
    expect(directives(CSP_HEADER).get('frame-ancestors')).toEqual(["'self'"]);
  });

  it('is sent as a header by the static server', () => {
    expect(SECURITY_HEADERS['content-security-policy']).toBe(CSP_HEADER);
  });

  it('is the policy in the README’s nginx and Caddy lines', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain(`add_header Content-Security-Policy "${CSP_HEADER}" always;`);
    expect(readme).toContain(`header Content-Security-Policy "${CSP_HEADER}"`);
  });

  it('is the meta tag of every page (the shared shell)', () => {
    const shell = readFileSync('src/layouts/Page.astro', 'utf8');
    expect(shell).toMatch(/<meta http-equiv="Content-Security-Policy" content=\{CSP\} \/>/);
    // before anything it governs: it must come right after the charset
    expect(shell.indexOf('Content-Security-Policy')).toBeLessThan(shell.indexOf('<title>'));
  });
});
