import { describe, expect, it } from 'vitest';
import { POPULATION } from '../../../src/lib/data';
import { createRng } from '../../../src/lib/random';
import '../../../src/lib/sem/register';
import { runChainJob } from '../../../src/lib/bayes/runner';
import { semResultSchema } from '../../../src/lib/results/sem';
import { analyseSemRun, groupOf, impliedFromDraw } from '../../../src/lib/sem/analysis';
import { fitMl } from '../../../src/lib/sem/ml';
import { pathDiagram } from '../../../src/lib/sem/diagram';
import { effects, pathMatrix } from '../../../src/lib/sem/effects';
import { buildSemModel, IDENTIFIED_SPEC, ORIGINAL_SPEC } from '../../../src/lib/sem/model';
import { predictiveResiduals } from '../../../src/lib/sem/predictive';
import { semJobSpec, semModelFromJob, shiftedModel } from '../../../src/lib/sem/register';
import { parseSemArgs, priorsInWords } from '../../../scripts/sample-sem';
import { parseMvnArgs } from '../../../scripts/sample';
import { ordinalColumns, ordinalNote } from '../../../src/lib/sem/ordinal';
import { fixture, MODEL_TEXT } from './helpers';

const { stats, description } = fixture();

describe('effects', () => {
  it('direct = B, total = (I − B)⁻¹ − I, indirect = total − direct on a chain a → b → c', () => {
    // order a, b, c; B[i, j] = effect of j on i
    const B = Float64Array.from([0, 0, 0, 0.5, 0, 0, 0.2, 0.3, 0]);
    const e = effects(B, 3);
    expect(Array.from(e.direct)).toEqual(Array.from(B));
    expect(e.total[2 * 3 + 0]).toBeCloseTo(0.2 + 0.5 * 0.3, 14); // a → c: direct + via b
    expect(e.indirect[2 * 3 + 0]).toBeCloseTo(0.15, 14);
    expect(e.indirect[1 * 3 + 0]).toBeCloseTo(0, 14);
    expect(e.total[0]).toBeCloseTo(0, 14);
  });

  it('pathMatrix places y ~ x at B[y, x] (intended) or B[x, y] (reversed, as the original did)', () => {
    const value = (name: string) => (name === 'JS~SWB' ? 0.7 : 0);
    const m = description.latents.length;
    const js = description.latents.indexOf('JS');
    const swb = description.latents.indexOf('SWB');
    expect(pathMatrix(description, 'intended', value)[js * m + swb]).toBe(0.7);
    expect(pathMatrix(description, 'reversed', value)[swb * m + js]).toBe(0.7);
  });
});

describe('draw → implied covariance', () => {
  it('rebuilds Σ_y from a draw’s lavaan-style values exactly as the model does (both specs)', () => {
    for (const spec of [IDENTIFIED_SPEC, ORIGINAL_SPEC]) {
      const model = buildSemModel(description, stats, spec);
      const rng = createRng(11);
      const theta = model.initialPoint().map((v) => v + 0.3 * rng.normal());
      const values = model.constrain(theta);
      const sigma = impliedFromDraw(model, (name) => values[name][0]);
      const expected = model.implied(theta).sigma;
      for (let k = 0; k < sigma.length; k++) expect(sigma[k]).toBeCloseTo(expected[k], 12);
    }
  });

  it('groups parameters by lavaan operator', () => {
    expect(groupOf('CTS=~ST', description)).toBe('loading');
    expect(groupOf('JS~SWB', description)).toBe('path');
    expect(groupOf('CTS~~CTS', description)).toBe('latent-variance');
    expect(groupOf('JS~~SWB', description)).toBe('latent-covariance');
    expect(groupOf('ST~~ST', description)).toBe('residual-variance');
    expect(groupOf('UF1~~FOR', description)).toBe('residual-covariance');
    expect(groupOf('rho[UF1,FOR]', description)).toBe('auxiliary');
  });
});

describe('posterior predictive residuals', () => {
  it('are near zero when the predictive covariance is the truth, and the mean residual has a smaller SRMR than single sets', () => {
    const sets = Array.from({ length: 40 }, () => POPULATION.covariance.data);
    const check = predictiveResiduals(sets, 263, POPULATION.correlation, createRng(3));
    expect(check.srmr).toBeLessThan(0.03);
    const meanPerSet = check.srmrPerSet.reduce((s, v) => s + v, 0) / check.srmrPerSet.length;
    expect(check.srmr).toBeLessThan(meanPerSet);
  });

  it('shows a structural misfit: a diagonal covariance leaves the true correlations as residuals', () => {
    const p = POPULATION.covariance.rows;
    const diag = POPULATION.covariance.data.map((v, k) => (Math.floor(k / p) === k % p ? v : 0));
    const check = predictiveResiduals([diag, diag], 263, POPULATION.correlation, createRng(4));
    expect(check.meanResidual.data[1 * p + 0]).toBeGreaterThan(0.5); // JW1–JW2 correlation 0.668 unexplained
  });
});

describe('path diagram', () => {
  const est = (name: string) => ({ mean: name.length, lower: null, upper: null, ml: null, mlSe: null });

  it('lays latents out by causal depth and keeps every loading, path and covariance', () => {
    const dgm = pathDiagram(description, 'intended', est);
    expect(dgm.levels).toEqual({ CTS: 0, DTP: 1, SWB: 2, JS: 3 });
    expect(dgm.nodes.filter((n) => n.kind === 'latent')).toHaveLength(4);
    expect(dgm.nodes.filter((n) => n.kind === 'indicator')).toHaveLength(12);
    expect(dgm.edges.filter((e) => e.kind === 'loading')).toHaveLength(12);
    expect(dgm.edges.filter((e) => e.kind === 'loading' && e.fixed).map((e) => e.to)).toEqual(['EBA', 'DA1', 'UF1', 'JW1']);
    expect(dgm.edges.find((e) => e.name === 'JS~SWB')).toMatchObject({ from: 'SWB', to: 'JS', kind: 'path' });
    expect(dgm.edges.find((e) => e.kind === 'residual-covariance')).toMatchObject({ from: 'UF1', to: 'FOR' });
    for (const n of dgm.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.x).toBeLessThanOrEqual(1);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeLessThanOrEqual(1);
    }
  });

  it('draws the original’s reversed paths pointing the way its B placed them', () => {
    const dgm = pathDiagram(description, 'reversed', est, [['JS', 'SWB']]);
    expect(dgm.edges.find((e) => e.name === 'JS~SWB')).toMatchObject({ from: 'JS', to: 'SWB' });
    expect(dgm.edges.filter((e) => e.kind === 'latent-covariance')).toHaveLength(1);
  });
});

describe('sem model kind (chain jobs)', () => {
  it('a shifted model has the same density, moved by its origin', () => {
    const base = semModelFromJob({ ...semJobSpec(MODEL_TEXT, stats, 'identified'), origin: 'zero' });
    const origin = base.initialPoint();
    const shifted = shiftedModel(base, origin);
    const g1 = new Float64Array(base.dim);
    const g2 = new Float64Array(base.dim);
    const t = origin.map((v) => v + 0.1);
    expect(shifted.logDensityAndGradient(t.map((v, i) => v - origin[i]), g2)).toBe(base.logDensityAndGradient(t, g1));
    expect(Array.from(g2)).toEqual(Array.from(g1));
  });

  it('round-trips through structured clone (what worker threads do)', () => {
    const job = structuredClone(semJobSpec(MODEL_TEXT, stats, 'original'));
    const model = semModelFromJob(job);
    expect(model.dim).toBe(37);
    expect(Number.isFinite(model.logDensityAndGradient(new Float64Array(model.dim), new Float64Array(model.dim)))).toBe(true);
  });
});

describe('sample-sem CLI arguments', () => {
  it('parses defaults and switches', () => {
    const o = parseSemArgs(['--model', 'sem', '--syntax', 'm.lav', '--data', 'd.csv', '--ml']);
    expect(o).toMatchObject({ spec: 'identified', priors: 'default', chains: 4, warmup: 2000, draws: 10_000, adaptDelta: 0.95, ml: true });
    expect(parseSemArgs(['--syntax=m.lav', '--data', 'd.csv', '--priors', 'original']).priors).toBe('original');
  });

  it('names the bad option and what to do', () => {
    expect(() => parseSemArgs(['--syntax', 'm.lav'])).toThrow(/--data <file.csv> is required/);
    expect(() => parseSemArgs(['--syntax', 'm.lav', '--data', 'd.csv', '--spec', 'both'])).toThrow(/'identified' or 'original'/);
    expect(() => parseSemArgs(['--syntax', 'm.lav', '--data', 'd.csv', '--priors', 'strong'])).toThrow(/--priors must be 'default' or 'original', got 'strong'/);
    expect(() => parseSemArgs(['--syntax', 'm.lav', '--data', 'd.csv', '--adapt-delta', '1.2'])).toThrow(/strictly between 0 and 1/);
    expect(() => parseSemArgs(['--syntax', 'm.lav', '--data', 'd.csv', '--bogus', '1'])).toThrow(/unknown option --bogus; the options are --model/);
    expect(() => parseSemArgs(['--syntax', 'm.lav', '--data', 'd.csv', '--chains', '2.5'])).toThrow(/--chains must be an integer ≥ 1, got '2.5'/);
    expect(() => parseSemArgs(['--syntax', 'm.lav', '--data'])).toThrow(/--data needs a value/);
    expect(() => parseSemArgs(['--syntax', '--data', 'd.csv'])).toThrow(/--syntax needs a value, but the next argument is another option/);
    expect(() => parseSemArgs(['--syntax', 'm.lav', '--data', 'd.csv', '--ml=yes'])).toThrow(/--ml is a switch and takes no value/);
    expect(() => parseSemArgs(['m.lav'])).toThrow(/unexpected argument 'm.lav'/);
  });

  it('records the priors a run uses, by block: --priors original puts back N(1, 0.5) loadings and InverseGamma(3, 4) residual sds', () => {
    const original = priorsInWords({ spec: 'identified', priors: 'original' });
    const corrected = priorsInWords({ spec: 'identified', priors: 'default' });
    expect(original).toMatchObject({ loading: 'Normal(1, 0.5)', residualScale: 'InverseGamma(3, 4)', path: 'Normal(0, 1)' });
    expect(corrected).toMatchObject({ loading: 'Normal(1, 2)', residualScale: 'HalfNormal(1)' });
    expect(corrected.intercept).toMatch(/^Normal\(x̄, 2.5·s\)/);
    expect(priorsInWords({ spec: 'original', priors: 'default' }).intercept).toBeUndefined(); // zero means: no intercept prior
  });
});

describe('ordinal answers', () => {
  const x = { rows: 4, cols: 3, data: Float64Array.from([1, 0.5, 3, 2, 1.5, NaN, 5, 2.5, 4, 4, 3, 1]) };
  it('finds columns of a few integer values (missing cells ignored) and says what treating them as continuous assumes', () => {
    const cols = ordinalColumns(x, ['a', 'b', 'c']);
    expect(cols).toEqual([
      { name: 'a', levels: [1, 2, 4, 5] },
      { name: 'c', levels: [1, 3, 4] },
    ]);
    const note = ordinalNote(cols)!;
    expect(note).toMatch(/a \(4 values, 1–5\), c \(3 values, 1–4\)/);
    expect(note).toMatch(/treats them as continuous/);
    expect(note).toMatch(/as few as 3 categories/);
  });
  it('stays silent for continuous data and for integers with many levels', () => {
    expect(ordinalNote(ordinalColumns(x, ['a', 'b', 'c'], [1]))).toBeNull();
    const counts = { rows: 20, cols: 1, data: Float64Array.from({ length: 20 }, (_, i) => i) };
    expect(ordinalColumns(counts, ['n'])).toEqual([]);
  });
});

describe('sample CLI (mvn) arguments', () => {
  it('parses with node:util parseArgs and explains mistakes', () => {
    expect(parseMvnArgs(['--model', 'mvn', '--data', 'd.csv'])).toMatchObject({ data: 'd.csv', chains: 4, missing: 'marginal', adaptDelta: 0.8 });
    expect(() => parseMvnArgs(['--model', 'mvn', '--data', 'd.csv', '--missing', 'drop'])).toThrow(/--missing must be 'marginal' or 'parameters', got 'drop'/);
    expect(() => parseMvnArgs(['--data', 'd.csv'])).toThrow(/--model is required/);
    expect(() => parseMvnArgs(['--model', 'mvn', '--data', 'd.csv', '--syntax', 'm.lav'])).toThrow(/unknown option --syntax/);
  });
});

describe('analyseSemRun', () => {
  it('turns short chains into a result the schema accepts, with intercepts grouped and the mean structure and priors recorded', () => {
    const { stats, description } = fixture();
    const job = semJobSpec(MODEL_TEXT, stats, 'identified');
    const settings = { numWarmup: 40, numDraws: 40, adaptDelta: 0.9, initRadius: 1 };
    const chains = [0, 1].map((chain) => runChainJob({ model: job as never, settings, seed: 3, chain }));
    const ml = fitMl(description, stats);
    const result = analyseSemRun({
      specName: 'identified',
      syntax: MODEL_TEXT,
      model: semModelFromJob(job),
      chains,
      warmup: 40,
      adaptDelta: 0.9,
      initRadius: 1,
      maxTreeDepth: 10,
      tracePoints: 10,
      predictiveSets: 5,
      n: 263,
      truth: POPULATION.correlation,
      ml,
      mlPopulation: ml,
      notes: [],
      rng: createRng(1),
    });
    expect(() => semResultSchema.parse(result)).not.toThrow();
    expect(result.summary.filter((r) => r.group === 'intercept').map((r) => r.name)).toEqual(description.observed.map((o) => `${o}~1`));
    expect(result.summary.filter((r) => r.group === 'path')).toHaveLength(6);
    expect(result.specification.meanStructure).toBe('intercepts');
    expect(result.specification.priors.intercept).toMatch(/^Normal\(x̄, 2.5·s\)/);
    expect(result.mlComparison!.rows).toHaveLength(43);
    expect(result.traces.every).toBe(4); // 10 trace points from 40 draws
    expect(result.traces.values[0][0]).toHaveLength(10);
  });
});
