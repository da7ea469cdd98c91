import { beforeAll, describe, expect, it } from 'vitest';
import { POPULATION, simulatePopulation } from '../../../src/lib/data';
import { createRng } from '../../../src/lib/random';
import { PLAIN_SPEC, auditVae, createVae, histograms, latentAudit, summariseSets } from '../../../src/lib/vae';
import { tfReady } from './setup';

beforeAll(tfReady);

describe('bootstrap audit', () => {
  it('puts data from the true distribution near zero residual, with a sensible 5–95% range', () => {
    const rng = createRng(1);
    const s = summariseSets(POPULATION.correlation, 50, () => simulatePopulation(rng, 2000));
    expect(s.perSet).toHaveLength(50);
    expect(s.srmrQ05).toBeLessThanOrEqual(s.srmr);
    expect(s.srmr).toBeLessThanOrEqual(s.srmrQ95);
    expect(s.srmr).toBeLessThan(0.03); // sampling noise only, ≈ 1/√2000 per correlation
    expect(Math.max(...Array.from(s.meanResidual.data, Math.abs))).toBeLessThan(0.02);
  });

  it('sees an untrained VAE’s missing structure: residual ≈ the true correlations', () => {
    const m = createVae(PLAIN_SPEC, createRng(2));
    const a = auditVae(m, { truth: POPULATION.correlation, sets: 10, setSize: 500 }, createRng(3));
    expect(a.srmr).toBeGreaterThan(0.15);
  });
});

describe('latent audit', () => {
  it('counts no active dimension when the encoder mean ignores the input', () => {
    const m = createVae(PLAIN_SPEC, createRng(4));
    m.params['encHead.W'].fill(0);
    const x = simulatePopulation(createRng(5), 300);
    expect(latentAudit(m, x).activeDims).toBe(0);
    const fresh = latentAudit(createVae(PLAIN_SPEC, createRng(4)), x);
    expect(fresh.meanVariance).toHaveLength(8);
    expect(fresh.threshold).toBe(0.01);
  });
});

describe('histograms', () => {
  it('share edges between test and generated data and count every observed value once', () => {
    const a = simulatePopulation(createRng(6), 100);
    const b = simulatePopulation(createRng(7), 150);
    a.data[0] = NaN; // missing test cell: ignored
    const h = histograms(POPULATION.names, a, b, 10);
    expect(h).toHaveLength(12);
    expect(h[0].edges).toHaveLength(11);
    expect(h[0].test.reduce((s, c) => s + c, 0)).toBe(99);
    expect(h[0].generated.reduce((s, c) => s + c, 0)).toBe(150);
  });
});
