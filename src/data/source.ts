/**
 * Pull a named declaration (with its doc comment) out of a project source file at build
 * time, so the listings readers see are the code that ran.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function extractDeclaration(text: string, symbol: string, file = 'source'): string {
  const decl = new RegExp(`^export (?:async )?(?:function\\*? |const |class |interface |type )${symbol}\\b`, 'm');
  const m = decl.exec(text);
  if (!m) throw new Error(`${file} has no exported declaration named "${symbol}"`);
  // include the doc comment directly above, if any
  let start = m.index;
  const before = text.slice(0, start);
  const doc = /\/\*\*[\s\S]*?\*\/\s*$/.exec(before);
  if (doc) start = doc.index;
  // find the end: the matching brace of the first "{" at depth 0 (or the first ";" at depth 0)
  let depth = 0;
  let opened = false;
  for (let i = m.index; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '(' || c === '[') {
      depth++;
      if (c === '{') opened = true;
    } else if (c === '}' || c === ')' || c === ']') {
      depth--;
      if (depth === 0 && opened && c === '}') {
        const semi = text[i + 1] === ';' ? 1 : 0;
        return text.slice(start, i + 1 + semi).trimEnd();
      }
    } else if (c === ';' && depth === 0) {
      return text.slice(start, i + 1);
    }
  }
  throw new Error(`${file}: could not find the end of "${symbol}"`);
}

export function readDeclaration(file: string, symbol: string): string {
  return extractDeclaration(readFileSync(path.resolve(file), 'utf8'), symbol, file);
}

export interface Listing {
  readonly file: string;
  readonly symbol: string;
  /** anchor on the source-listings page */
  readonly id: string;
  /** the section that shows it (file name of the MDX) */
  readonly section: string;
}

/** The anchor of a listing on the source page: stable, readable, unique per file and symbol. */
export function listingId(file: string, symbol: string): string {
  return `${file.replace(/^src\//, '').replace(/\.ts$/, '').replace(/[^A-Za-z0-9]+/g, '-')}-${symbol}`;
}

/**
 * Every <Source file=… symbol=…> the essay's sections use, in reading order: the listings
 * page shows exactly these, so a listing folded in the essay always has its place there.
 */
export function essayListings(dir = 'content/sections'): Listing[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.mdx')).sort();
  return files.flatMap((section) =>
    [...readFileSync(path.join(dir, section), 'utf8').matchAll(/<Source\b([^>]*)\/>/g)].map((tag) => {
      // attributes in any order
      const attr = (name: string) => new RegExp(`\\b${name}="([^"]+)"`).exec(tag[1])?.[1];
      const file = attr('file');
      const symbol = attr('symbol');
      if (!file || !symbol) throw new Error(`${section}: <Source${tag[1]}/> needs file="…" and symbol="…"`);
      return { file, symbol, id: listingId(file, symbol), section };
    }),
  );
}
