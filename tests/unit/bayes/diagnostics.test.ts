/**
 * Diagnostics against known answers. Tolerances are a few standard errors of the
 * estimators themselves at these sizes (ESS estimates have ~5–10% relative sd here).
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../src/lib/random';
import { ebfmi, essBulk, essMean, essTail, hdi, normalQuantile, rhat, autocovariance } from '../../../src/lib/bayes/diagnostics';

const iid = (rng: Rng, n: number) => Float64Array.from({ length: n }, () => rng.normal());
function ar1(rng: Rng, n: number, phi: number): Float64Array {
  const x = new Float64Array(n);
  x[0] = rng.normal() / Math.sqrt(1 - phi * phi);
  for (let i = 1; i < n; i++) x[i] = phi * x[i - 1] + rng.normal();
  return x;
}

describe('diagnostics', () => {
  it('normal quantile matches known values', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 10);
  });
  it('autocovariance at lag 0 is the biased variance', () => {
    const x = Float64Array.of(1, 2, 4, 7);
    const m = 3.5;
    expect(autocovariance(x)[0]).toBeCloseTo([1, 2, 4, 7].reduce((s, v) => s + (v - m) ** 2, 0) / 4, 12);
    expect(autocovariance(x)[1]).toBeCloseTo(((1 - m) * (2 - m) + (2 - m) * (4 - m) + (4 - m) * (7 - m)) / 4, 12);
  });
  it('independent draws: ESS ≈ S, R-hat ≈ 1, E-BFMI ≈ 2', () => {
    const rng = createRng(31);
    const chains = Array.from({ length: 4 }, () => iid(rng, 1000));
    expect(essBulk(chains) / 4000).toBeGreaterThan(0.85);
    expect(essBulk(chains) / 4000).toBeLessThan(1.15);
    expect(essMean(chains) / 4000).toBeGreaterThan(0.85);
    expect(essTail(chains) / 4000).toBeGreaterThan(0.75);
    expect(rhat(chains)).toBeLessThan(1.01);
    // For iid energies E-BFMI = Σ(ΔE)² / Σ(E − Ē)² → 2.
    expect(ebfmi(iid(rng, 4000))).toBeCloseTo(2, 1);
  });
  it('AR(1) chains: ESS ≈ S (1 − φ)/(1 + φ)', () => {
    const rng = createRng(32);
    for (const phi of [0.5, 0.9]) {
      const chains = Array.from({ length: 4 }, () => ar1(rng, 5000, phi));
      const expected = (20000 * (1 - phi)) / (1 + phi);
      expect(essMean(chains) / expected).toBeGreaterThan(0.8);
      expect(essMean(chains) / expected).toBeLessThan(1.2);
      expect(essBulk(chains) / expected).toBeGreaterThan(0.8);
      expect(essBulk(chains) / expected).toBeLessThan(1.2);
      expect(rhat(chains)).toBeLessThan(1.01);
    }
  });
  it('R-hat flags a shifted chain and a chain with a different scale', () => {
    const rng = createRng(33);
    const shifted = [iid(rng, 1000), iid(rng, 1000), iid(rng, 1000), iid(rng, 1000).map((v) => v + 1)];
    expect(rhat(shifted)).toBeGreaterThan(1.05); // ≈ 1.08 expected for a 1-sd shift in 1 of 4 chains
    const scaled = [iid(rng, 1000), iid(rng, 1000), iid(rng, 1000), iid(rng, 1000).map((v) => 4 * v)];
    expect(rhat(scaled)).toBeGreaterThan(1.05); // the folded (tail) R-hat catches it
  });
  it('HDI: shortest 94% window', () => {
    const u = Float64Array.from({ length: 1001 }, (_, i) => i / 1000);
    const [lo, hi] = hdi(u, 0.94);
    expect(hi - lo).toBeCloseTo(0.94, 3);
    const rng = createRng(34);
    const exp = Float64Array.from({ length: 20000 }, () => -Math.log(1 - rng.uniform()));
    const [a, b] = hdi(exp, 0.94);
    expect(a).toBeLessThan(0.01); // a skewed density's HDI starts at the mode
    expect(b).toBeCloseTo(-Math.log(0.06), 1);
  });
});
