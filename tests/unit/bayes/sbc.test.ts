/**
 * Quick simulation-based calibration (Talts et al. 2018) of the whole pipeline — prior draws,
 * model code, gradients, NUTS, adaptation — on a small LKJ MVN (p = 3, n = 20).
 * 300 replications; each keeps 99 draws (297 thinned by 3), so ranks take 100 values,
 * pooled into 10 bins of 30 expected counts. Uniformity: Pearson χ² (9 df) per quantity,
 * failing below p = 0.001 (nine quantities: ~1% family-wise false alarm; seeds are fixed,
 * so the outcome is deterministic). The fuller run is `npm run sbc`.
 * Negative control: simulating data with σ inflated by 1.5 must be caught.
 */
import { describe, expect, it } from 'vitest';
import { runSbc } from '../../../src/lib/bayes/sbc';

const base = { p: 3, n: 20, warmup: 150, draws: 297, thin: 3, bins: 10 } as const;

describe('simulation-based calibration, mvn p = 3, n = 20', () => {
  it('rank histograms are uniform', () => {
    const r = runSbc({ ...base, replications: 300, seed: 20261125 });
    r.quantities.forEach((q, i) => {
      expect(r.pValues[i], `${q}: ${r.histograms[i].join(' ')}`).toBeGreaterThan(0.001);
    });
  }, 300_000); // 300 replications take ~40 s on a quiet core, past 120 s on a loaded machine
  it('a miscalibrated simulator (data σ × 1.5) is detected', () => {
    const r = runSbc({ ...base, replications: 50, seed: 7, dataScale: 1.5 });
    const sigmaP = r.quantities.map((q, i) => (q.startsWith('sigma') ? r.pValues[i] : 1));
    expect(Math.min(...sigmaP)).toBeLessThan(1e-4);
  });
});
