/**
 * sem-original-priors-263 must differ from sem-identified-263 in the two priors only, or
 * section 10 cannot read the difference between them as the effect of the prior change.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INDICATORS, simulatePopulation } from '../../../src/lib/data';
import { createRng } from '../../../src/lib/random';
import { sufficientStats } from '../../../src/lib/sem/likelihood';
import { semJobSpec } from '../../../src/lib/sem/register';
import { PRIOR_SETS } from '../../../src/lib/sem/spec';
import { loadEnvelope, loadResult } from '../../../src/data/results';
import declaration from '../../../src/lib/experiments/sem-original-priors-263';
import identifiedDeclaration from '../../../src/lib/experiments/sem-identified-263';

describe('sem-original-priors-263', () => {
  const priors = loadResult('sem-original-priors-263');
  const identified = loadResult('sem-identified-263');
  const original = loadResult('sem-original-263');

  it('is declared with the identified fit\'s config, so sample, settings and chain seeds are the same', () => {
    expect(declaration.config).toEqual(identifiedDeclaration.config);
    expect(declaration.inputs).toEqual(identifiedDeclaration.inputs);
    expect(loadEnvelope('sem-original-priors-263').configHash).toBe(loadEnvelope('sem-identified-263').configHash);
  });

  it('fits the identified structure with the original\'s loading and residual-sd priors and every other prior unchanged', () => {
    expect(priors.spec).toBe('identified');
    expect(priors.specification.pathPlacement).toBe(identified.specification.pathPlacement);
    expect(priors.specification.latentCovariance).toBe(identified.specification.latentCovariance);
    expect(priors.specification.residualCovariance).toBe(identified.specification.residualCovariance);
    expect(priors.specification.meanStructure).toBe(identified.specification.meanStructure);
    const p = priors.specification.priors as Record<string, string>;
    const id = identified.specification.priors as Record<string, string>;
    const og = original.specification.priors as Record<string, string>;
    expect(p.loading).toBe(og.loading);
    expect(p.residualScale).toBe(og.residualScale);
    expect(p.loading).not.toBe(id.loading);
    expect(p.residualScale).not.toBe(id.residualScale);
    for (const k of Object.keys(id).filter((k) => k !== 'loading' && k !== 'residualScale')) expect(p[k], k).toBe(id[k]);
  });

  it('saw the same sample: the ML fits, which use no prior, are identical', () => {
    expect(priors.n).toBe(identified.n);
    expect(priors.ml.fit.chisq).toBe(identified.ml.fit.chisq);
    expect(priors.ml.parameters).toEqual(identified.ml.parameters);
  });
});

describe('runSemExperiment\'s prior set', () => {
  const syntax = readFileSync(new URL('../../../content/models/job-satisfaction.lav', import.meta.url), 'utf8');
  const stats = sufficientStats(simulatePopulation(createRng(7), 60), INDICATORS);

  it('leaves the default job exactly as before (so sem-original-263 and sem-identified-263 run the same chains)', () => {
    for (const spec of ['original', 'identified'] as const) expect(semJobSpec(syntax, stats, spec, PRIOR_SETS.default)).toEqual(semJobSpec(syntax, stats, spec));
  });

  it('puts exactly the original\'s loading and residual-scale priors into the job for the \'original\' set', () => {
    const job = semJobSpec(syntax, stats, 'identified', PRIOR_SETS.original);
    expect(Object.keys(job.priors ?? {}).sort()).toEqual(['loading', 'residualScale']);
  });
});
