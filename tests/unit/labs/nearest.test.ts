import { bakedVaeConfig, nearestBaked, parseBakedTable } from '../../../src/islands/vae-lab/nearest';
import { BAKED_VAE } from '../../../src/islands/vae-lab/baked-table';
import { VAE_EXPERIMENT_IDS, family } from '../../../src/lib/experiments';
import { prepareLabData } from '../../../src/islands/vae-lab/prepare';
import { prepareData } from '../../../precompute/experiments/vae-common';
import { bakedUrl, fetchBaked } from '../../../src/islands/vae-lab/baked';

describe('nearest baked configuration', () => {
  it('knows every VAE experiment', () => {
    expect(BAKED_VAE.map((b) => b.id)).toEqual([...VAE_EXPERIMENT_IDS]);
  });

  it('describes each experiment so that the lab, given that description, prepares the very data the experiment trained on', () => {
    for (const d of family('vae')) {
      const b = BAKED_VAE.find((x) => x.id === d.id)!;
      expect(b.rows).toBe(d.config.n);
      expect(b.missingFraction).toBe(d.config.missingFraction);
      const lab = prepareLabData({ arch: b.arch, rows: b.rows, missingFraction: b.missingFraction, seed: d.config.seed });
      const theirs = prepareData(d.config, d.config.seed);
      expect(lab.train.rows, d.id).toBe(theirs.train.rows);
      expect(lab.missingCells, d.id).toBe(theirs.missingCells);
      // first and last training rows, NaN (missing) included: same simulation, mask, split and imputation
      const edge = (m: { data: Float64Array | Float32Array; cols: number; rows: number }) => [...m.data.subarray(0, m.cols), ...m.data.subarray((m.rows - 1) * m.cols)].map(String);
      expect(edge(lab.train), d.id).toEqual(edge(theirs.train));
    }
  });

  it('maps model and imputation to the lab architecture', () => {
    expect(bakedVaeConfig('a', { model: 'plain', imputation: 'none', n: 10, missingFraction: 0 }).arch).toBe('plain');
    expect(bakedVaeConfig('b', { model: 'plain', imputation: 'mean-train-split', n: 10, missingFraction: 0.2 }).arch).toBe('imputed');
    expect(bakedVaeConfig('c', { model: 'masked', imputation: 'none', n: 10, missingFraction: 0.2 })).toEqual({ id: 'c', arch: 'masked', rows: 10, missingFraction: 0.2 });
  });

  it('reads the table the page hands over, dropping malformed entries', () => {
    expect(parseBakedTable(JSON.stringify(BAKED_VAE))).toEqual(BAKED_VAE);
    expect(parseBakedTable('not json')).toEqual([]);
    expect(parseBakedTable(undefined)).toEqual([]);
    expect(parseBakedTable(JSON.stringify([{ id: 'x', arch: 'other', rows: 1, missingFraction: 0 }, BAKED_VAE[0]]))).toEqual([BAKED_VAE[0]]);
  });

  it('keeps the architecture and picks the nearest size on a log scale', () => {
    expect(nearestBaked({ arch: 'plain', rows: 100, missingFraction: 0 }, BAKED_VAE)?.id).toBe('vae-plain-500');
    expect(nearestBaked({ arch: 'plain', rows: 800, missingFraction: 0 }, BAKED_VAE)?.id).toBe('vae-plain-1000');
    // 3000 is nearer 1000 than 10 000 on a log scale (×3 against ×3.3)
    expect(nearestBaked({ arch: 'plain', rows: 3000, missingFraction: 0 }, BAKED_VAE)?.id).toBe('vae-plain-1000');
    expect(nearestBaked({ arch: 'plain', rows: 5000, missingFraction: 0 }, BAKED_VAE)?.id).toBe('vae-plain-10000');
    expect(nearestBaked({ arch: 'masked', rows: 100, missingFraction: 0.4 }, BAKED_VAE)?.id).toBe('vae-masked-5000');
    expect(nearestBaked({ arch: 'imputed', rows: 200, missingFraction: 0.05 }, BAKED_VAE)?.id).toBe('vae-imputed-10000');
  });

  it('falls back to another architecture only when its own has no baked result', () => {
    const only = BAKED_VAE.filter((b) => b.arch !== 'imputed');
    expect(nearestBaked({ arch: 'imputed', rows: 5000, missingFraction: 0.2 }, only)?.id).toBe('vae-masked-5000');
    expect(nearestBaked({ arch: 'plain', rows: 5000, missingFraction: 0 }, [])).toBeNull();
  });
});

describe('fetching a baked result', () => {
  const respond = (status: number, body: unknown) => (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

  it('builds the URL under the site base', () => {
    expect(bakedUrl('/', 'vae-plain-500')).toBe('/results/vae-plain-500.json');
    expect(bakedUrl('/essay', 'vae-plain-500')).toBe('/essay/results/vae-plain-500.json');
  });

  it('turns a missing, failing or malformed file into a message, not an exception', async () => {
    const missing = await fetchBaked('/', 'vae-plain-500', respond(404, {}));
    expect(missing).toEqual({ ok: false, message: expect.stringContaining('not available yet') });
    expect((await fetchBaked('/', 'vae-plain-500', respond(500, {}))).ok).toBe(false);
    const bad = await fetchBaked('/', 'vae-plain-500', respond(200, { result: { id: 'vae-plain-500' } }));
    expect(bad).toEqual({ ok: false, message: expect.stringContaining('schema') });
    const offline = await fetchBaked('/', 'vae-plain-500', (async () => {
      throw new TypeError('network down');
    }) as unknown as typeof fetch);
    expect(offline).toEqual({ ok: false, message: expect.stringContaining('network down') });
  });
});
