/**
 * The bibliography (content/references.bib), formatted by citation-js in APA style at build
 * time. An unknown citation key fails the build.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
// @ts-expect-error citation-js ships no type declarations
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';

export interface Reference {
  key: string;
  /** in-text form, e.g. "Forde, 2025" (no parentheses) */
  short: string;
  /** author part alone, e.g. "Forde" or "Hoffman & Gelman", for narrative citations */
  authors: string;
  year: string;
  /** the work's title, and every author as "Given Family" (for citation_reference meta tags) */
  title: string;
  authorList: string[];
  /** the formatted bibliography entry, HTML */
  html: string;
  /** sort key for the references list */
  sortKey: string;
}

interface CslItem {
  id: string;
  author?: { family?: string; given?: string }[];
  issued?: { 'date-parts'?: number[][] };
  title?: string;
}

let cached: Map<string, Reference> | undefined;

function authorsOf(item: CslItem): string {
  const names = (item.author ?? []).map((a) => a.family ?? '');
  if (names.length === 1) return names[0];
  if (names.length === 2) return `${names[0]} & ${names[1]}`;
  return `${names[0]} et al.`;
}

export function references(): Map<string, Reference> {
  if (cached) return cached;
  const bib = readFileSync(path.resolve('content/references.bib'), 'utf8');
  const all = new Cite(bib);
  const map = new Map<string, Reference>();
  for (const item of all.data as CslItem[]) {
    const one = new Cite(item);
    const html = String(one.format('bibliography', { format: 'html', template: 'apa', lang: 'en-US' }))
      .replace(/<div class="csl-bib-body">\s*<div[^>]*class="csl-entry"[^>]*>/, '')
      .replace(/<\/div>\s*<\/div>\s*$/, '')
      .trim();
    const year = String(item.issued?.['date-parts']?.[0]?.[0] ?? 'n.d.');
    const authors = authorsOf(item);
    const authorList = (item.author ?? []).map((a) => [a.given, a.family].filter(Boolean).join(' '));
    map.set(item.id, { key: item.id, short: `${authors}, ${year}`, authors, year, title: item.title ?? '', authorList, html, sortKey: `${authors} ${year}`.toLowerCase() });
  }
  cached = map;
  return map;
}

export function reference(key: string): Reference {
  const ref = references().get(key);
  if (!ref) throw new Error(`Unknown citation key "${key}". Add it to content/references.bib or fix the key. Known: ${[...references().keys()].join(', ')}`);
  return ref;
}
