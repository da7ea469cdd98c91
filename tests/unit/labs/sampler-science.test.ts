import { INDICATORS, POPULATION, simulatePopulation } from '../../../src/lib/data';
import { identity } from '../../../src/lib/linalg';
import { residual, srmr } from '../../../src/lib/metrics';
import { createRng } from '../../../src/lib/random';
import { buildModel } from '../../../src/lib/bayes/registry';
import { runChain } from '../../../src/lib/bayes/sampler';
import { columnDraws } from '../../../src/lib/bayes/summary';
import { tapModel } from '../../../src/islands/sampler-lab/tap';
import { analyseChains, convergeHere } from '../../../src/islands/sampler-lab/analysis';
import { TRACED } from '../../../src/islands/sampler-lab/controls';
import { labData } from '../../../src/islands/sampler-lab/data';
import { validateSampler } from '../../../src/islands/sampler-lab/controls';
import { analyseSemChains, checkSyntax, semJob, semTraced } from '../../../src/islands/sampler-lab/sem';
import '../../../src/lib/sem/register';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const settings = { numWarmup: 30, numDraws: 20 };

/**
 * The SRMR of a model that sets every correlation to zero (truth against the identity, 0.26):
 * what a fit that learnt none of the joint structure scores. A posterior mean fitted to rows of
 * the population must beat it; the sampling floor at n = 40 (about 0.085·√(100/40) ≈ 0.13, from
 * sampling-floor's n = 100 and SRMR's 1/√n scaling) says by how much to expect.
 */
const INDEPENDENCE_SRMR = srmr(residual(POPULATION.correlation, identity(POPULATION.correlation.rows)));

describe('the sampler lab on the bayes library', () => {
  const x = simulatePopulation(createRng(3), 40);
  const spec = { kind: 'mvn', x, names: INDICATORS } as const;

  it('a tapped model samples exactly the same chain and streams the traced draws', () => {
    const plain = runChain(buildModel(spec), settings, 9, 0);
    const seen: number[][] = [];
    const tapped = runChain(tapModel(buildModel(spec), TRACED, (v) => seen.push(v)), settings, 9, 0);
    expect(Array.from(tapped.draws)).toEqual(Array.from(plain.draws));
    expect(seen).toHaveLength(settings.numDraws);
    TRACED.forEach((name, k) => expect(seen.map((row) => row[k])).toEqual(Array.from(columnDraws([plain], name)[0])));
  });

  it('drops generated quantities (no draw of every missing cell)', () => {
    const withMissing = labData({ rows: 40, missingFraction: 0.2, seed: 1 });
    const m = buildModel({ kind: 'mvn', x: withMissing, names: INDICATORS });
    expect(m.generated?.length ?? 0).toBeGreaterThan(0);
    const t = tapModel(m, TRACED, () => {});
    expect(t.generated).toBeUndefined();
    expect(() => tapModel(m, ['nope[0]'], () => {})).toThrow('nope[0]');
  });

  it('analyses chains into R-hat, ESS, divergences and a symmetric residual with its SRMR', async () => {
    const chains = [0, 1].map((c) => runChain(tapModel(buildModel(spec), [], () => {}), settings, 5, c));
    const o = await analyseChains(chains, convergeHere);
    // split R-hat is a ratio of variance estimates, near 1 for any chains that mix; only noise
    // takes it below 1, and at 2 × 20 draws not by 0.1. Finite ESS proves the draws were summarised.
    expect(o.maxRhat).toBeGreaterThan(0.9);
    expect(o.minEssBulk).toBeGreaterThan(0);
    expect(o.draws).toBe(40);
    expect(o.residual).toHaveLength(12);
    for (let i = 0; i < 12; i++) {
      expect(o.residual[i][i]).toBe(0);
      for (let j = 0; j < 12; j++) expect(o.residual[i][j]).toBe(o.residual[j][i]);
    }
    // above zero: 40 rows cannot pin 66 correlations; below the independence model's SRMR: it learnt
    // the structure (measured 0.14 at this seed, near the floor of ≈ 0.13 for n = 40)
    expect(o.srmr).toBeGreaterThan(0);
    expect(o.srmr).toBeLessThan(INDEPENDENCE_SRMR);
  });

  it('the lab data has the asked rows and fraction of missing cells, the same each time', () => {
    const c = { rows: 100, missingFraction: 0.1, chains: 1, draws: 10, warmup: 10, seed: 263 };
    const a = labData(c);
    expect(a.rows).toBe(100);
    expect(a.data.filter(Number.isNaN).length).toBe(120);
    expect(Array.from(labData(c).data)).toEqual(Array.from(a.data));
  });
});

describe('the sampler lab SEM option', () => {
  const essay = readFileSync(path.resolve('content/models/job-satisfaction.lav'), 'utf8');
  const raw = (over: Record<string, string> = {}) => ({ rows: '263', missing: '0', chains: '1', draws: '40', adaptDelta: '0.95', model: 'sem-custom', syntax: essay, ...over });

  it('accepts the essay model and refuses missing cells for the SEM', () => {
    expect(validateSampler(raw()).ok).toBe(true);
    const v = validateSampler(raw({ missing: '10' }));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.missing).toContain('complete data');
  });

  it('shows a parse error at its line, quoting it', () => {
    const broken = essay.replace('DTP ~ CTS', 'DTP ~ CTS +');
    const line = broken.split('\n').findIndex((l) => l.startsWith('DTP ~ CTS +')) + 1;
    const c = checkSyntax(broken);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.line).toBeGreaterThanOrEqual(line);
    const v = validateSampler(raw({ syntax: broken }));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.syntax).toMatch(/Line \d+: “/);
    const unknown = checkSyntax('F =~ JW1 + JW2 + NOPE');
    expect(unknown.ok).toBe(false);
  });

  it('samples the SEM through the registry, traces paths, and analyses the implied correlation', async () => {
    const x = labData({ rows: 263, missingFraction: 0, seed: 1 });
    const job = semJob(x, essay, 'sem-identified');
    const c = checkSyntax(essay);
    if (!c.ok) throw new Error(c.message);
    const traced = semTraced(c.description);
    expect(traced.slice(0, 2)).toEqual(['DTP~CTS', 'SWB~CTS']);
    const seen: number[][] = [];
    const chain = runChain(tapModel(buildModel(job), traced, (v) => seen.push(v)), { numWarmup: 40, numDraws: 20 }, 3, 0);
    expect(seen).toHaveLength(20);
    const o = await analyseSemChains([chain], job, convergeHere);
    expect(o.names).toHaveLength(12);
    // the SEM's implied correlation, 263 rows, 20 draws: also below what independence scores
    // (measured 0.065; the floor at n = 263 is about 0.05)
    expect(o.srmr).toBeGreaterThan(0);
    expect(o.srmr).toBeLessThan(INDEPENDENCE_SRMR);
    expect(Number.isFinite(o.minEssBulk)).toBe(true);
  });
});
