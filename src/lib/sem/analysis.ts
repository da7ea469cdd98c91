/**
 * From finished chains (and an ML fit) to the SEM experiments' result: summary table,
 * thinned traces, posterior predictive residuals, effects, the ML comparison, the UF1~~FOR
 * sign record and the path diagram. Pure apart from the Rng it is handed.
 */
import { hdi } from '../bayes/diagnostics';
import type { ChainResult } from '../bayes/sampler';
import { columnDraws, samplerHealth, summariseColumn } from '../bayes/summary';
import { toRows, type Matrix } from '../linalg';
import { quantile } from '../metrics';
import type { Rng } from '../random';
import { roundSig } from '../round';
import type { ParameterGroup, SemResult, SummaryRowResult } from '../results/sem';
import type { SemDescription } from './description';
import { pathDiagram, type DiagramEstimate } from './diagram';
import { effects, pathMatrix } from './effects';
import type { MlFit } from './ml';
import type { SemModel } from './model';
import { describeInterceptPrior, describePrior } from './priors';
import { usedPriors } from './spec';
import { predictiveResiduals } from './predictive';

export interface SemAnalysisInput {
  readonly specName: 'original' | 'identified';
  readonly syntax: string;
  readonly model: SemModel;
  readonly chains: readonly ChainResult[];
  readonly warmup: number;
  readonly adaptDelta: number;
  readonly initRadius: number;
  readonly maxTreeDepth: number;
  readonly tracePoints: number;
  readonly predictiveSets: number;
  /** sample size of each predictive data set */
  readonly n: number;
  /** the population correlation the residuals are taken against */
  readonly truth: Matrix;
  /** ML fit of the identified model on the same sample, and on the population covariance */
  readonly ml: MlFit;
  readonly mlPopulation: MlFit;
  readonly notes: readonly string[];
  readonly rng: Rng;
}

const sig = (x: number, d = 5) => roundSig(x, d);
const finiteOrNull = (x: number, d = 4) => (Number.isFinite(x) ? roundSig(x, d) : null);
const roundRows = (m: Matrix, d = 4) => toRows(m).map((r) => r.map((v) => sig(v, d)));

export function groupOf(name: string, d: SemDescription): ParameterGroup {
  if (name.includes('=~')) return 'loading';
  if (/^[^~]+~1$/.test(name)) return 'intercept';
  if (/^[^~]+~[^~]+$/.test(name)) return 'path';
  const m = /^([^~]+)~~([^~]+)$/.exec(name);
  if (!m) return 'auxiliary';
  const latent = d.latents.includes(m[1]);
  if (m[1] === m[2]) return latent ? 'latent-variance' : 'residual-variance';
  return latent ? 'latent-covariance' : 'residual-covariance';
}

/** Every column's draws over all chains, by name. */
type Pooled = ReadonlyMap<string, Float64Array>;

const meanOf = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / v.length;
const sdOf = (v: Float64Array, mean = meanOf(v)) => Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1));

/** Step 1: the summary table (ArviZ's columns), and the pooled draws behind it. */
function summaryTable(chains: readonly ChainResult[], d: SemDescription): { summary: SummaryRowResult[]; pooled: Pooled } {
  const pooled = new Map<string, Float64Array>();
  const summary = chains[0].columns.map((name): SummaryRowResult => {
    const per = columnDraws(chains, name);
    const all = new Float64Array(per.reduce((s, c) => s + c.length, 0));
    let o = 0;
    for (const c of per) {
      all.set(c, o);
      o += c.length;
    }
    pooled.set(name, all);
    const row = summariseColumn(name, per);
    return {
      name,
      group: groupOf(name, d),
      mean: sig(row.mean),
      sd: sig(row.sd),
      'hdi_3%': sig(row['hdi_3%']),
      'hdi_97%': sig(row['hdi_97%']),
      mcse_mean: finiteOrNull(row.mcse_mean, 3),
      ess_bulk: finiteOrNull(row.ess_bulk, 5),
      ess_tail: finiteOrNull(row.ess_tail, 5),
      r_hat: finiteOrNull(row.r_hat, 5),
    };
  });
  return { summary, pooled };
}

/** Step 2: sampler health and the extremes of the diagnostics. */
function samplerRecord(input: SemAnalysisInput, summary: readonly SummaryRowResult[]): SemResult['sampler'] {
  const { chains } = input;
  const health = samplerHealth(chains, input.maxTreeDepth);
  const finite = (xs: (number | null)[]) => xs.filter((v): v is number => v !== null);
  const rhats = finite(summary.map((r) => r.r_hat));
  const bulk = finite(summary.map((r) => r.ess_bulk));
  const tail = finite(summary.map((r) => r.ess_tail));
  return {
    chains: health.chains,
    warmup: input.warmup,
    drawsPerChain: health.drawsPerChain,
    adaptDelta: input.adaptDelta,
    initRadius: input.initRadius,
    divergences: health.divergences,
    warmupDivergences: chains.reduce((s, c) => s + c.warmupDivergences, 0),
    treeDepthHits: health.treeDepthHits,
    maxTreeDepth: health.maxTreeDepth,
    stepSize: health.stepSize.map((v) => sig(v, 4)),
    meanAcceptStat: health.meanAcceptStat.map((v) => sig(v, 4)),
    ebfmi: health.ebfmi.map((v) => finiteOrNull(v)),
    gradientEvaluations: health.gradientEvaluations,
    maxRhat: rhats.length ? Math.max(...rhats) : null,
    minEssBulk: bulk.length ? Math.min(...bulk) : null,
    minEssTail: tail.length ? Math.min(...tail) : null,
  };
}

/** Step 3: evenly thinned draws per chain, for trace and rank plots. */
function thinnedTraces(chains: readonly ChainResult[], tracePoints: number): SemResult['traces'] {
  const columns = chains[0].columns;
  const every = Math.max(1, Math.floor(chains[0].numDraws / tracePoints));
  const values = chains.map((c) =>
    columns.map((_, j) => {
      const out: number[] = [];
      for (let i = 0; i < c.numDraws; i += every) out.push(sig(c.draws[i * columns.length + j], 4));
      return out;
    }),
  );
  return { every, columns: [...columns], values };
}

/** The i-th pooled draw as a lookup by parameter name. */
const drawAt = (pooled: Pooled, i: number) => (name: string) => {
  const v = pooled.get(name);
  if (!v) throw new Error(`analysis: no column '${name}' in the draws`);
  return v[i];
};

/**
 * Step 4: posterior predictive check on evenly spaced draws. Σ_y is not stored with the draws,
 * so it is rebuilt from each draw's lavaan-style values.
 */
function predictiveCheck(input: SemAnalysisInput, pooled: Pooled): Pick<SemResult, 'predictive' | 'srmr'> {
  const total = pooled.get(input.chains[0].columns[0])!.length;
  const sets = Math.min(input.predictiveSets, total);
  const sigmas: Float64Array[] = [];
  for (let s = 0; s < sets; s++) sigmas.push(impliedFromDraw(input.model, drawAt(pooled, Math.floor(((s + 0.5) * total) / sets))));
  const check = predictiveResiduals(sigmas, input.n, input.truth, input.rng);
  const per = check.srmrPerSet;
  const perMean = per.reduce((s, v) => s + v, 0) / per.length;
  const perSd = Math.sqrt(per.reduce((s, v) => s + (v - perMean) ** 2, 0) / Math.max(1, per.length - 1));
  return {
    predictive: {
      sets: check.sets,
      n: check.n,
      meanCorrelation: roundRows(check.meanCorrelation),
      meanResidual: roundRows(check.meanResidual),
      srmrPerSet: { mean: sig(perMean, 4), sd: sig(perSd, 4), lower: sig(quantile(per, 0.03), 4), upper: sig(quantile(per, 0.97), 4) },
    },
    srmr: sig(check.srmr, 4),
  };
}

/** Step 5: direct, indirect and total effects per draw, as posterior means with 94% HDIs. */
function effectsSummary(model: SemModel, pooled: Pooled): SemResult['effects'] {
  const d = model.description;
  const m = d.latents.length;
  const total = pooled.values().next().value!.length;
  const drawsOf = { direct: [] as Float64Array[], indirect: [] as Float64Array[], total: [] as Float64Array[] };
  for (let i = 0; i < total; i++) {
    const e = effects(pathMatrix(d, model.spec.pathPlacement, drawAt(pooled, i)), m);
    drawsOf.direct.push(e.direct);
    drawsOf.indirect.push(e.indirect);
    drawsOf.total.push(e.total);
  }
  const intervalMatrix = (list: Float64Array[]) => {
    const mean: number[][] = [];
    const lower: number[][] = [];
    const upper: number[][] = [];
    for (let i = 0; i < m; i++) {
      mean.push([]);
      lower.push([]);
      upper.push([]);
      for (let j = 0; j < m; j++) {
        const v = Float64Array.from(list, (x) => x[i * m + j]);
        const [lo, hi] = v.every((x) => x === v[0]) ? [v[0], v[0]] : hdi(v, 0.94);
        mean[i].push(sig(meanOf(v), 4));
        lower[i].push(sig(lo, 4));
        upper[i].push(sig(hi, 4));
      }
    }
    return { mean, lower, upper };
  };
  return { latents: [...d.latents], direct: intervalMatrix(drawsOf.direct), indirect: intervalMatrix(drawsOf.indirect), total: intervalMatrix(drawsOf.total) };
}

/** Step 6 (identified spec): each shared parameter's posterior mean against its ML estimate, in posterior sds. */
function mlComparisonOf(input: SemAnalysisInput, summary: readonly SummaryRowResult[], pooled: Pooled): SemResult['mlComparison'] {
  if (input.specName !== 'identified') return null;
  const mlByName = new Map(input.ml.parameters.map((p) => [p.name, p] as const));
  const rows = summary
    .filter((r) => r.group !== 'auxiliary' && mlByName.has(r.name))
    .map((r) => {
      const ml = mlByName.get(r.name)!;
      const post = pooled.get(r.name)!;
      const mean = meanOf(post);
      const sd = sdOf(post, mean);
      return { name: r.name, posteriorMean: sig(mean), posteriorSd: sig(sd), ml: sig(ml.estimate), mlSe: finiteOrNull(ml.se), z: sig((mean - ml.estimate) / sd, 3) };
    });
  const maxAbsZ = Math.max(...rows.map((r) => Math.abs(r.z)));
  return { rows, maxAbsZ: sig(maxAbsZ, 3), allWithin2Sd: maxAbsZ <= 2 };
}

/** Step 7: the sign of the (first) residual covariance — ML on the sample and in the population, and the posterior. */
function residualCovarianceSignOf(input: SemAnalysisInput, pooled: Pooled): SemResult['residualCovarianceSign'] {
  const rc = input.model.description.residualCovariances[0];
  const rcName = rc ? rc.name : '';
  const rhoName = rc ? `rho[${rc.a},${rc.b}]` : '';
  const ml = (name: string) => input.ml.parameters.find((p) => p.name === name);
  const pop = (name: string) => input.mlPopulation.parameters.find((p) => p.name === name);
  const post = rc ? pooled.get(rcName)! : new Float64Array([0]);
  return {
    name: rcName,
    mlEstimate: sig(ml(rcName)?.estimate ?? 0),
    mlSe: sig(ml(rcName)?.se ?? 0),
    mlCorrelation: sig(ml(rhoName)?.estimate ?? 0),
    populationEstimate: sig(pop(rcName)?.estimate ?? 0),
    populationCorrelation: sig(pop(rhoName)?.estimate ?? 0),
    posteriorMean: sig(meanOf(post)),
    posteriorProbNegative: sig(post.filter((v) => v < 0).length / post.length, 4),
  };
}

/** Step 8: the path diagram with posterior (and, identified, ML) estimates on its edges. */
function diagramOf(input: SemAnalysisInput, summary: readonly SummaryRowResult[]): SemResult['diagram'] {
  const { model } = input;
  const rowByName = new Map(summary.map((r) => [r.name, r] as const));
  const mlByName = new Map(input.ml.parameters.map((p) => [p.name, p] as const));
  const estimateOf = (name: string): DiagramEstimate | null => {
    const r = rowByName.get(name);
    if (!r) return null;
    const ml = input.specName === 'identified' ? mlByName.get(name) : undefined;
    return { mean: r.mean, lower: r['hdi_3%'], upper: r['hdi_97%'], ml: ml ? sig(ml.estimate) : null, mlSe: ml ? finiteOrNull(ml.se) : null };
  };
  const latentPairs = summary.filter((r) => r.group === 'latent-covariance').map((r) => r.name.split('~~') as [string, string]);
  const diagram = pathDiagram(model.description, model.spec.pathPlacement, estimateOf, latentPairs);
  return {
    ...diagram,
    nodes: diagram.nodes.map((nd) => ({ ...nd, x: sig(nd.x, 4), y: sig(nd.y, 4) })),
    edges: [...diagram.edges],
    levels: { ...diagram.levels },
  };
}

/** The structural choices and the priors the model uses, in words. */
function specificationOf(model: SemModel): SemResult['specification'] {
  const priors: Record<string, string> = {};
  for (const [k, v] of Object.entries(usedPriors(model.spec))) priors[k] = k === 'intercept' ? describeInterceptPrior(v) : describePrior(v);
  const { pathPlacement, latentCovariance, residualCovariance, meanStructure } = model.spec;
  return { pathPlacement, latentCovariance, residualCovariance, meanStructure, priors };
}

function mlRecord(ml: MlFit): SemResult['ml'] {
  return {
    spec: 'identified',
    converged: ml.converged,
    parameters: ml.parameters.map((p) => ({ name: p.name, estimate: sig(p.estimate), se: finiteOrNull(p.se) })),
    fit: Object.fromEntries(Object.entries(ml.fit).map(([k, v]) => [k, Number.isInteger(v) ? v : sig(v)])) as SemResult['ml']['fit'],
  };
}

export function analyseSemRun(input: SemAnalysisInput): SemResult {
  const { model } = input;
  const d = model.description;
  const { summary, pooled } = summaryTable(input.chains, d);
  return {
    spec: input.specName,
    n: input.n,
    observed: [...d.observed],
    latents: [...d.latents],
    syntax: input.syntax,
    specification: specificationOf(model),
    notes: [...input.notes],
    summary,
    sampler: samplerRecord(input, summary),
    traces: thinnedTraces(input.chains, input.tracePoints),
    ...predictiveCheck(input, pooled),
    effects: effectsSummary(model, pooled),
    ml: mlRecord(input.ml),
    mlComparison: mlComparisonOf(input, summary, pooled),
    residualCovarianceSign: residualCovarianceSignOf(input, pooled),
    diagram: diagramOf(input, summary),
  };
}

/**
 * Σ_y for one posterior draw given its constrained values. The draw stores lavaan-style
 * parameters, which determine Σ_y directly: Λ from loadings, B from paths, Ψ_ζ and Ψ from the
 * (co)variances.
 */
export function impliedFromDraw(model: SemModel, value: (name: string) => number): Float64Array {
  const d = model.description;
  const { p, m } = model;
  const lambda = new Float64Array(p * m);
  for (const l of d.loadings) lambda[l.row * m + l.col] = l.fixed ?? value(l.name);
  const B = pathMatrix(d, model.spec.pathPlacement, value);
  const psiZeta = new Float64Array(m * m);
  d.latents.forEach((a, i) =>
    d.latents.forEach((b, j) => {
      if (i === j) psiZeta[i * m + i] = value(`${a}~~${a}`);
      else if (j < i) {
        const name = [`${a}~~${b}`, `${b}~~${a}`].find((nm) => model.parameters.some((blk) => blk.name === nm));
        if (name) psiZeta[i * m + j] = psiZeta[j * m + i] = value(name);
      }
    }),
  );
  const psi = new Float64Array(p * p);
  d.observed.forEach((o, i) => (psi[i * p + i] = value(`${o}~~${o}`)));
  for (const c of d.residualCovariances) psi[c.i * p + c.j] = psi[c.j * p + c.i] = value(c.name);
  // Σ = Λ A Ψ_ζ Aᵀ Λᵀ + Ψ with A = (I − B)⁻¹ = I + total effects
  const A = effects(B, m).total;
  for (let i = 0; i < m; i++) A[i * m + i] += 1;
  const phi = new Float64Array(m * m);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) s += A[i * m + a] * psiZeta[a * m + b] * A[j * m + b];
      phi[i * m + j] = s;
    }
  const sigma = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      let s = psi[i * p + j];
      for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) s += lambda[i * m + a] * phi[a * m + b] * lambda[j * m + b];
      sigma[i * p + j] = s;
    }
  return sigma;
}
