import { prepareLabData, labSpec } from '../../../src/islands/vae-lab/prepare';
import { prepareData } from '../../../precompute/experiments/vae-common';
import { vaeConfigs } from '../../../src/lib/experiments/vae-family';

describe('the VAE lab data', () => {
  it('matches the precompute pipeline for the same seed and size (plain, imputed, masked)', () => {
    const cases = [
      { arch: 'plain', model: 'plain', missingFraction: 0, imputation: 'none' },
      { arch: 'imputed', model: 'plain', missingFraction: 0.2, imputation: 'mean-train-split' },
      { arch: 'masked', model: 'masked', missingFraction: 0.2, imputation: 'none' },
    ] as const;
    for (const c of cases) {
      const { config } = vaeConfigs({ model: c.model, n: 300, quickN: 300, missingFraction: c.missingFraction, imputation: c.imputation, seed: 11 });
      const theirs = prepareData(config, 11);
      const mine = prepareLabData({ arch: c.arch, rows: 300, missingFraction: c.missingFraction, seed: 11 });
      expect(Array.from(mine.train.data)).toEqual(Array.from(theirs.train.data));
      expect(Array.from(mine.test.data)).toEqual(Array.from(theirs.test.data));
      expect(mine.missingCells).toBe(theirs.missingCells);
    }
  });

  it('gives the plain and imputed VAEs complete data and the masked one its missing cells', () => {
    const imputed = prepareLabData({ arch: 'imputed', rows: 200, missingFraction: 0.3, seed: 1 });
    expect(imputed.train.data.some(Number.isNaN)).toBe(false);
    const masked = prepareLabData({ arch: 'masked', rows: 200, missingFraction: 0.3, seed: 1 });
    expect(masked.train.data.some(Number.isNaN)).toBe(true);
    expect(masked.train.rows + masked.test.rows).toBe(200);
    expect(masked.test.rows).toBe(40);
  });

  it('uses the essay architecture with the reader’s latent size', () => {
    expect(labSpec({ arch: 'masked', latent: 3 })).toMatchObject({ kind: 'masked', latentDim: 3, dropout: 0.2 });
    expect(labSpec({ arch: 'imputed', latent: 8 })).toMatchObject({ kind: 'plain', latentDim: 8, dropout: 0 });
  });
});
