/**
 * The order of numbered things in the essay. Each section may have a sidecar file beside it,
 * `NN-name.numbers.json`, listing its figures, tables and equations in the order they appear:
 *   { "figures": ["sample-correlation"], "tables": ["sample-rows"], "equations": ["mvn"] }
 * Numbers run through the sections in file-name order, so in-text references ("Figure 3")
 * never drift from the captions, and each section's author edits only their own list. The
 * browser tests check that the built page shows them in exactly this order.
 *
 * Build-time and test-time only (reads the file system).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface Numbers {
  figures: string[];
  tables: string[];
  equations: string[];
}

const SECTIONS_DIR = path.resolve(process.cwd(), 'content', 'sections');

function load(): Numbers {
  const all: Numbers = { figures: [], tables: [], equations: [] };
  const files = readdirSync(SECTIONS_DIR).filter((f) => f.endsWith('.numbers.json')).sort();
  for (const file of files) {
    let raw: Partial<Numbers>;
    try {
      raw = JSON.parse(readFileSync(path.join(SECTIONS_DIR, file), 'utf8')) as Partial<Numbers>;
    } catch (err) {
      throw new Error(`content/sections/${file} is not valid JSON: ${(err as Error).message}`);
    }
    for (const kind of ['figures', 'tables', 'equations'] as const) {
      for (const id of raw[kind] ?? []) {
        if (all[kind].includes(id)) throw new Error(`${kind.slice(0, -1)} id "${id}" is listed twice (again in content/sections/${file})`);
        all[kind].push(id);
      }
    }
  }
  return all;
}

const numbers = load();
export const figures: readonly string[] = numbers.figures;
export const tables: readonly string[] = numbers.tables;
export const equations: readonly string[] = numbers.equations;

function numberOf(list: readonly string[], kind: string, id: string): number {
  const i = list.indexOf(id);
  if (i < 0) throw new Error(`Unknown ${kind} "${id}": list it, in page order, in its section's content/sections/NN-name.numbers.json`);
  return i + 1;
}

export const figureNumber = (id: string) => numberOf(figures, 'figure', id);
export const tableNumber = (id: string) => numberOf(tables, 'table', id);
export const equationNumber = (id: string) => numberOf(equations, 'equation', id);
