/**
 * The VAE lab's objective and MIWAE controls (issue 12 item 7): their defaults are the essay's
 * experiment configs' (no retyped numbers), the controls validate as the training library does,
 * and a MIWAE run finds MIWAE's baked result to compare with.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, family } from '../../../src/lib/experiments';
import { defaultObjective } from '../../../src/lib/vae/loss';
import { MIWAE_FIELD, VAE_ARCHS, essayObjective, validateVae } from '../../../src/islands/vae-lab/controls';
import { ESSAY_LEARNING_RATE, labTrainSettings } from '../../../src/islands/vae-lab/settings';
import { BAKED_TABLE, BAKED_VAE } from '../../../src/islands/vae-lab/baked-table';
import { nearestBaked } from '../../../src/islands/vae-lab/nearest';
import { labSpec, prepareLabData } from '../../../src/islands/vae-lab/prepare';
import { fetchBaked } from '../../../src/islands/vae-lab/baked';
import { trainOptionsFor } from '../../../precompute/experiments/vae-common';
import { valueAt } from '../../../src/data/results';

const fields = (over: Record<string, string> = {}) => ({ rows: '1000', missing: '20', latent: '12', learningRate: '0.001', epochs: '50', samples: '20', ...over });

describe('the lab’s objective and MIWAE defaults are the experiments’', () => {
  it('starts each architecture at the objective its essay experiments trained with', () => {
    for (const d of family('vae')) {
      const arch = BAKED_VAE.find((b) => b.id === d.id)!.arch;
      const c = d.config as { model: 'plain' | 'masked'; objective?: 'cell-mean' | 'observed-sum' };
      expect(essayObjective(arch), d.id).toBe(c.objective ?? defaultObjective(c.model));
    }
    const miwae = CATALOGUE['vae-miwae-5000'].config;
    expect(essayObjective('miwae')).toBe(miwae.objective ?? defaultObjective(miwae.model));
  });

  it('starts K and MIWAE’s learning rate at vae-miwae-5000’s, and trains MIWAE as that experiment does', () => {
    const c = CATALOGUE['vae-miwae-5000'].config;
    expect(VAE_ARCHS.map((a) => a.value)).toContain('miwae');
    expect(MIWAE_FIELD.initial).toBe(c.importanceSamples);
    expect(ESSAY_LEARNING_RATE.miwae).toBe(c.learningRate);
    const v = validateVae({ arch: 'miwae', objective: essayObjective('miwae'), fromBaked: false, fields: fields({ samples: String(MIWAE_FIELD.initial), learningRate: String(ESSAY_LEARNING_RATE.miwae), epochs: String(c.maxEpochs > 300 ? 300 : c.maxEpochs) }) });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    // the experiment leaves its objective to the library's default; the lab names it
    expect(labTrainSettings(v.config)).toEqual({ ...trainOptionsFor({ ...c, maxEpochs: v.config.maxEpochs }), objective: c.objective ?? defaultObjective('miwae') });
    expect(labSpec(v.config)).toMatchObject({ kind: 'miwae', latentDim: 12, dropout: 0 });
    // MIWAE reads the mask: its data keep their missing cells
    expect(prepareLabData({ ...v.config, rows: 200 }).train.data.some(Number.isNaN)).toBe(true);
  });

  it('trains the masked VAE with the original’s average by default, and with the sum when the reader asks', () => {
    const avg = validateVae({ arch: 'masked', fromBaked: false, fields: fields() });
    const sum = validateVae({ arch: 'masked', objective: 'observed-sum', fromBaked: false, fields: fields() });
    expect(avg.ok && avg.config.objective).toBe('cell-mean');
    expect(sum.ok && labTrainSettings(sum.config).objective).toBe('observed-sum');
    // K belongs to MIWAE only
    expect(sum.ok && sum.config.importanceSamples).toBeNull();
    expect(sum.ok && 'importanceSamples' in labTrainSettings(sum.config)).toBe(false);
  });
});

describe('the lab refuses what the training library refuses, beside the control', () => {
  it('MIWAE with the averaged objective', () => {
    const v = validateVae({ arch: 'miwae', objective: 'cell-mean', fromBaked: false, fields: fields() });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(Object.keys(v.errors)).toEqual(['objective']);
  });

  it('MIWAE without a whole K in range, naming the range', () => {
    for (const k of ['0', '2.5', '', '51']) {
      const v = validateVae({ arch: 'miwae', objective: 'observed-sum', fromBaked: false, fields: fields({ samples: k }) });
      expect(v.ok, k).toBe(false);
      if (!v.ok) expect(v.errors.samples).toContain('1–50');
    }
  });

  it('an objective that does not exist', () => {
    const v = validateVae({ arch: 'masked', objective: 'median', fromBaked: false, fields: fields() });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.objective).toContain('observed-sum');
  });
});

describe('MIWAE’s baked result', () => {
  it('is in the table the page gets, is the nearest for a MIWAE run, and parses when fetched', async () => {
    const near = nearestBaked({ arch: 'miwae', rows: 1000, missingFraction: 0.2, objective: 'observed-sum' }, BAKED_TABLE);
    expect(near?.id).toBe('vae-miwae-5000');
    const body = JSON.parse(readFileSync('public/results/vae-miwae-5000.json', 'utf8'));
    const r = await fetchBaked('/', 'vae-miwae-5000', (async () => new Response(JSON.stringify(body), { status: 200 })) as unknown as typeof fetch);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.result.config.model).toBe('miwae');
  });

  it('a masked run is compared with the masked fit of its own objective: the summed one with the ablation-selected fit', () => {
    const fixed = BAKED_TABLE.find((b) => b.id === 'vae-masked-fixed-5000');
    expect(fixed).toMatchObject({ arch: 'masked', objective: (valueAt('vae-masked-fixed-5000', 'config') as { objective: string }).objective });
    expect(fixed?.objective).toBe('observed-sum');
    expect(nearestBaked({ arch: 'masked', rows: 1000, missingFraction: 0.2, objective: 'observed-sum' }, BAKED_TABLE)?.id).toBe('vae-masked-fixed-5000');
    expect(nearestBaked({ arch: 'masked', rows: 1000, missingFraction: 0.2, objective: 'cell-mean' }, BAKED_TABLE)?.id).toBe('vae-masked-5000');
  });
});
