/**
 * The committed configurations follow the brief (/work/shared/essay-spec.md, sections 3–10).
 * Each fact of the brief is stated once here, as the outside truth, and checked against every
 * experiment of its family in the catalogue: a new VAE experiment is checked without a new line.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE, family } from '../../../src/lib/experiments';
import { ORIGINAL_N } from '../../../src/lib/data';

// Brief §4: Adam 1e-3, batch 32, 80/20 split, early stopping on test loss, patience 10,
// improvement threshold 1e-4, at most 1000 epochs. §6: the masked VAE at 1e-4, same early stopping.
const BRIEF_TRAINING = { batchSize: 32, testFraction: 0.2, patience: 10, minDelta: 1e-4, maxEpochs: 1000 };
const BRIEF_LEARNING_RATE = { plain: 1e-3, masked: 1e-4 };
// §5: each fit is audited on 1000 generated data sets.
const BRIEF_AUDIT_SETS = 1000;
// §4, §6, §7: the sizes and missing shares the essay fits.
const BRIEF_VAE_FITS = [
  { model: 'plain', n: 500, missingFraction: 0 },
  { model: 'plain', n: 1000, missingFraction: 0 },
  { model: 'plain', n: 10000, missingFraction: 0 },
  { model: 'masked', n: 5000, missingFraction: 0.2 },
  { model: 'masked', n: 25000, missingFraction: 0.2 },
  { model: 'plain', n: 10000, missingFraction: 0.2 }, // mean-imputed
];
// §8–9: n = 500, complete and with 10% missing.
const BRIEF_MVN = [
  { n: 500, missingFraction: 0 },
  { n: 500, missingFraction: 0.1 },
];
// §10: n = 263; 4 chains of 10 000 draws after 2000 tuning steps, target acceptance 0.95; 300 predictive sets.
const BRIEF_SEM = { n: ORIGINAL_N, chains: 4, draws: 10_000, warmup: 2000, adaptDelta: 0.95, predictiveSets: 300 };

describe('the full configurations follow the brief', () => {
  it('trains every VAE with the brief’s settings and learning rate for its network, and audits it on 1000 sets', () => {
    const vae = family('vae');
    expect(vae.length).toBeGreaterThanOrEqual(BRIEF_VAE_FITS.length);
    for (const d of vae) {
      expect(d.config, d.id).toMatchObject({ ...BRIEF_TRAINING, learningRate: BRIEF_LEARNING_RATE[d.config.model], auditSets: BRIEF_AUDIT_SETS });
      // spread across seeds needs several seeds: at least five, as the notes compare
      expect(d.config.replicates, d.id).toBeGreaterThanOrEqual(5);
      // the plain VAE takes complete data: imputed when cells are missing
      if (d.config.model === 'plain' && d.config.missingFraction > 0) expect(d.config.imputation, d.id).not.toBe('none');
    }
  });

  it('fits every size and missing share the brief names', () => {
    const fits = family('vae').map((d) => ({ model: d.config.model, n: d.config.n, missingFraction: d.config.missingFraction }));
    for (const f of BRIEF_VAE_FITS) expect(fits).toContainEqual(f);
    const mvn = family('mvn').map((d) => ({ n: d.config.n, missingFraction: d.config.missingFraction }));
    for (const f of BRIEF_MVN) expect(mvn).toContainEqual(f);
  });

  it('samples every SEM as the original did', () => {
    const sem = family('sem');
    // the brief's two fits are there; any further SEM (a prior variant, say) is held to the same settings
    expect(sem.map((d) => d.id)).toEqual(expect.arrayContaining(['sem-identified-263', 'sem-original-263']));
    for (const d of sem) expect(d.config, d.id).toMatchObject(BRIEF_SEM);
  });

  it('keeps the quick configurations small and the seeds apart', () => {
    for (const d of family('vae')) expect(d.quickConfig.maxEpochs, d.id).toBeLessThan(d.config.maxEpochs);
    expect(CATALOGUE['sem-identified-263'].quickConfig.draws).toBeLessThan(BRIEF_SEM.draws);
    // replicate fits must not share a seed across experiments of one family (their spreads would not be independent)
    const seeds = family('vae').map((d) => d.config.seed);
    expect(new Set(seeds).size).toBe(seeds.length);
  });
});
