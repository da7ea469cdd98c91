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
import { describePrior } from './priors';
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
  if (/^[^~]+~[^~]+$/.test(name)) return 'path';
  const m = /^([^~]+)~~([^~]+)$/.exec(name);
  if (!m) return 'auxiliary';
  const latent = d.latents.includes(m[1]);
  if (m[1] === m[2]) return latent ? 'latent-variance' : 'residual-variance';
  return latent ? 'latent-covariance' : 'residual-covariance';
}

export function analyseSemRun(input: SemAnalysisInput): SemResult {
  const { model, chains } = input;
  const d = model.description;
  const columns = chains[0].columns;
  const health = samplerHealth(chains, input.maxTreeDepth);

  // ---- summary -------------------------------------------------------------------
  const pooled = new Map<string, Float64Array>();
  const summary: SummaryRowResult[] = columns.map((name) => {
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
  const finite = (xs: (number | null)[]) => xs.filter((v): v is number => v !== null);
  const rhats = finite(summary.map((r) => r.r_hat));
  const bulk = finite(summary.map((r) => r.ess_bulk));
  const tail = finite(summary.map((r) => r.ess_tail));

  // ---- traces --------------------------------------------------------------------
  const drawsPerChain = chains[0].numDraws;
  const every = Math.max(1, Math.floor(drawsPerChain / input.tracePoints));
  const traces = {
    every,
    columns: [...columns],
    values: chains.map((c) =>
      columns.map((_, j) => {
        const out: number[] = [];
        for (let i = 0; i < c.numDraws; i += every) out.push(sig(c.draws[i * columns.length + j], 4));
        return out;
      }),
    ),
  };

  // ---- pooled draws → named values per draw ----------------------------------------
  const total = pooled.get(columns[0])!.length;
  const valueAt = (i: number) => (name: string) => {
    const v = pooled.get(name);
    if (!v) throw new Error(`analysis: no column '${name}' in the draws`);
    return v[i];
  };

  // ---- posterior predictive: evenly spaced draws; Σ_y rebuilt from θ is not stored, so
  // recompute it from the constrained values via the model's own unconstrained point --------
  const sets = Math.min(input.predictiveSets, total);
  const sigmas: Float64Array[] = [];
  for (let s = 0; s < sets; s++) {
    const i = Math.floor(((s + 0.5) * total) / sets);
    sigmas.push(impliedFromDraw(model, valueAt(i)));
  }
  const check = predictiveResiduals(sigmas, input.n, input.truth, input.rng);
  const per = check.srmrPerSet;
  const perMean = per.reduce((s, v) => s + v, 0) / per.length;
  const perSd = Math.sqrt(per.reduce((s, v) => s + (v - perMean) ** 2, 0) / Math.max(1, per.length - 1));

  // ---- effects -------------------------------------------------------------------
  const m = d.latents.length;
  const drawsOf = { direct: [] as Float64Array[], indirect: [] as Float64Array[], total: [] as Float64Array[] };
  for (let i = 0; i < total; i++) {
    const e = effects(pathMatrix(d, model.spec.pathPlacement, valueAt(i)), m);
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
        const mu = v.reduce((s, x) => s + x, 0) / v.length;
        const [lo, hi] = v.every((x) => x === v[0]) ? [v[0], v[0]] : hdi(v, 0.94);
        mean[i].push(sig(mu, 4));
        lower[i].push(sig(lo, 4));
        upper[i].push(sig(hi, 4));
      }
    }
    return { mean, lower, upper };
  };

  // ---- ML ------------------------------------------------------------------------
  const mlByName = new Map(input.ml.parameters.map((p) => [p.name, p] as const));
  const rowByName = new Map(summary.map((r) => [r.name, r] as const));
  let mlComparison: SemResult['mlComparison'] = null;
  if (input.specName === 'identified') {
    const rows = summary
      .filter((r) => r.group !== 'auxiliary' && mlByName.has(r.name))
      .map((r) => {
        const ml = mlByName.get(r.name)!;
        const post = pooled.get(r.name)!;
        const mean = post.reduce((s, v) => s + v, 0) / post.length;
        const sd = Math.sqrt(post.reduce((s, v) => s + (v - mean) ** 2, 0) / (post.length - 1));
        return { name: r.name, posteriorMean: sig(mean), posteriorSd: sig(sd), ml: sig(ml.estimate), mlSe: finiteOrNull(ml.se), z: sig((mean - ml.estimate) / sd, 3) };
      });
    const maxAbsZ = Math.max(...rows.map((r) => Math.abs(r.z)));
    mlComparison = { rows, maxAbsZ: sig(maxAbsZ, 3), allWithin2Sd: maxAbsZ <= 2 };
  }

  // ---- UF1~~FOR sign -------------------------------------------------------------
  const rc = d.residualCovariances[0];
  const rcName = rc ? rc.name : '';
  const rcPost = rc ? pooled.get(rcName)! : new Float64Array([0]);
  const rcMl = mlByName.get(rcName);
  const rcPop = input.mlPopulation.parameters.find((p) => p.name === rcName);
  const rhoName = rc ? `rho[${rc.a},${rc.b}]` : '';
  const residualCovarianceSign = {
    name: rcName,
    mlEstimate: sig(rcMl?.estimate ?? 0),
    mlSe: sig(rcMl?.se ?? 0),
    mlCorrelation: sig(mlByName.get(rhoName)?.estimate ?? 0),
    populationEstimate: sig(rcPop?.estimate ?? 0),
    populationCorrelation: sig(input.mlPopulation.parameters.find((p) => p.name === rhoName)?.estimate ?? 0),
    posteriorMean: sig(rcPost.reduce((s, v) => s + v, 0) / rcPost.length),
    posteriorProbNegative: sig(rcPost.filter((v) => v < 0).length / rcPost.length, 4),
  };

  // ---- diagram -------------------------------------------------------------------
  const estimateOf = (name: string): DiagramEstimate | null => {
    const r = rowByName.get(name);
    if (!r) return null;
    const ml = input.specName === 'identified' ? mlByName.get(name) : undefined;
    return { mean: r.mean, lower: r['hdi_3%'], upper: r['hdi_97%'], ml: ml ? sig(ml.estimate) : null, mlSe: ml ? finiteOrNull(ml.se) : null };
  };
  const latentPairs = summary.filter((r) => r.group === 'latent-covariance').map((r) => r.name.split('~~') as [string, string]);
  const diagram = pathDiagram(d, model.spec.pathPlacement, estimateOf, latentPairs);
  const round3 = (x: number) => sig(x, 4);

  const priors: Record<string, string> = {};
  for (const [k, v] of Object.entries(model.spec.priors)) priors[k] = describePrior(v);

  return {
    spec: input.specName,
    n: input.n,
    observed: [...d.observed],
    latents: [...d.latents],
    syntax: input.syntax,
    specification: {
      pathPlacement: model.spec.pathPlacement,
      latentCovariance: model.spec.latentCovariance,
      residualCovariance: model.spec.residualCovariance,
      priors,
    },
    notes: [...input.notes],
    summary,
    sampler: {
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
    },
    traces,
    predictive: {
      sets: check.sets,
      n: check.n,
      meanCorrelation: roundRows(check.meanCorrelation),
      meanResidual: roundRows(check.meanResidual),
      srmrPerSet: { mean: sig(perMean, 4), sd: sig(perSd, 4), lower: sig(quantile(per, 0.03), 4), upper: sig(quantile(per, 0.97), 4) },
    },
    srmr: sig(check.srmr, 4),
    effects: { latents: [...d.latents], direct: intervalMatrix(drawsOf.direct), indirect: intervalMatrix(drawsOf.indirect), total: intervalMatrix(drawsOf.total) },
    ml: {
      spec: 'identified',
      converged: input.ml.converged,
      parameters: input.ml.parameters.map((p) => ({ name: p.name, estimate: sig(p.estimate), se: finiteOrNull(p.se) })),
      fit: Object.fromEntries(Object.entries(input.ml.fit).map(([k, v]) => [k, Number.isInteger(v) ? v : sig(v)])) as SemResult['ml']['fit'],
    },
    mlComparison,
    residualCovarianceSign,
    diagram: {
      ...diagram,
      nodes: diagram.nodes.map((nd) => ({ ...nd, x: round3(nd.x), y: round3(nd.y) })),
      edges: [...diagram.edges],
      levels: { ...diagram.levels },
    },
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
