import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { references } from '../../../src/data/bibliography';
import { valueAt } from '../../../src/data/results';
import { resultSchemas } from '../../../src/data/schemas';
import { listExperimentIds } from '../../../precompute/registry';

const sectionsDir = path.resolve('content/sections');
const mdx = [path.resolve('content/abstract.mdx'), ...readdirSync(sectionsDir).filter((f) => f.endsWith('.mdx')).map((f) => path.join(sectionsDir, f))];
const text = mdx.map((f) => readFileSync(f, 'utf8')).join('\n');

describe('the essay and its results', () => {
  it('resolves every <Value of="id:path"> in the sections to a number in a baked result', () => {
    const refs = [...text.matchAll(/<Value\s+of="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(20);
    const missing = refs.filter((ref) => {
      const [id, p] = ref.split(':');
      try {
        return typeof valueAt(id, p) !== 'number';
      } catch {
        return true;
      }
    });
    expect(missing).toEqual([]);
  });

  it('fails loudly, naming the problem, when a referenced result or path is absent', () => {
    expect(() => valueAt('no-such-result', 'srmr')).toThrow(/Unknown result "no-such-result"/);
    expect(() => valueAt('sample-263', 'no.such.path')).toThrow(/has no "no"/);
  });

  it('has a schema on the site for every experiment the runner knows', async () => {
    const ids = await listExperimentIds();
    expect(ids.filter((id) => !(id in resultSchemas))).toEqual([]);
  });
});

describe('references', () => {
  it('holds the sources the essay must cite, and every entry is cited somewhere', () => {
    const keys = [...references().keys()];
    for (const k of ['forde2025', 'vehkalahti2019', 'houghton2007', 'kingma2014', 'hoffman2014', 'betancourt2017', 'lewandowski2009', 'vehtari2021', 'talts2018', 'rosseel2012']) {
      expect(keys).toContain(k);
    }
    const cited = new Set([...text.matchAll(/<Cite\s+k="([^"]+)"/g)].flatMap((m) => m[1].split(',').map((s) => s.trim())));
    expect(keys.filter((k) => !cited.has(k))).toEqual([]);
    expect([...cited].filter((k) => !keys.includes(k))).toEqual([]);
  });
});
