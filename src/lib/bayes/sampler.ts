/**
 * One NUTS chain from start to finish, as Stan's run_adaptive_sampler does it: random
 * inits on (−2, 2), step-size initialisation, warmup with dual averaging and windowed
 * diagonal metric adaptation, then sampling with everything frozen. Pure apart from the
 * clock (wall times are reported separately, under `timing`, so results stay reproducible).
 */
import { createRng, derive } from '../random';
import type { Model } from './model';
import { blockLabels } from './model';
import { nutsInit, nutsStep, findReasonableStepSize, type NutsState } from './nuts';
import {
  dualAveragingFinal,
  dualAveragingInit,
  dualAveragingRestart,
  dualAveragingUpdate,
  metricAdaptationInit,
  metricAdaptationUpdate,
  windowSchedule,
} from './adaptation';

export interface SamplerSettings {
  readonly numWarmup: number;
  readonly numDraws: number;
  /** target mean acceptance statistic for dual averaging (Stan's adapt_delta) */
  readonly adaptDelta?: number;
  readonly maxTreeDepth?: number;
  readonly maxDeltaH?: number;
  /** inits are uniform on (−initRadius, initRadius) on the unconstrained scale */
  readonly initRadius?: number;
  /** keep every `thin`-th draw (default 1) */
  readonly thin?: number;
}

/** The sampler's defaults, stated once (Stan's: adapt_delta 0.8, max tree depth 10, inits on (−2, 2)). */
export const NUTS_DEFAULTS = { adaptDelta: 0.8, maxTreeDepth: 10, maxDeltaH: 1000, initRadius: 2, thin: 1 } as const;

/** Settings with every default filled in. */
export function resolveSettings(s: SamplerSettings): Required<SamplerSettings> {
  return {
    numWarmup: s.numWarmup,
    numDraws: s.numDraws,
    adaptDelta: s.adaptDelta ?? NUTS_DEFAULTS.adaptDelta,
    maxTreeDepth: s.maxTreeDepth ?? NUTS_DEFAULTS.maxTreeDepth,
    maxDeltaH: s.maxDeltaH ?? NUTS_DEFAULTS.maxDeltaH,
    initRadius: s.initRadius ?? NUTS_DEFAULTS.initRadius,
    thin: s.thin ?? NUTS_DEFAULTS.thin,
  };
}

export interface ChainStats {
  readonly acceptStat: Float64Array;
  readonly stepSize: Float64Array;
  readonly treeDepth: Float64Array;
  readonly numLeapfrog: Float64Array;
  readonly divergent: Float64Array;
  readonly energy: Float64Array;
  readonly lp: Float64Array;
}

export interface ChainResult {
  readonly chain: number;
  /** labels of the columns of `draws`: constrained parameters, then generated quantities */
  readonly columns: readonly string[];
  /** retained draws, row-major (draw × column) */
  readonly draws: Float64Array;
  readonly numDraws: number;
  /** per retained draw */
  readonly stats: ChainStats;
  readonly stepSize: number;
  readonly inverseMassDiagonal: Float64Array;
  readonly warmupGradientEvaluations: number;
  readonly samplingGradientEvaluations: number;
  readonly warmupDivergences: number;
  /** wall seconds; not reproducible, keep out of byte-identical results */
  readonly timing: { readonly warmupSeconds: number; readonly samplingSeconds: number };
}

export interface ChainHooks {
  /** called every `every` iterations (default 50) */
  onProgress?(iteration: number, total: number, phase: 'warmup' | 'sampling'): void;
  every?: number;
  /** checked every iteration; throw to stop */
  shouldStop?(): boolean;
  /**
   * Called after each warm-up iteration (before that iteration's onProgress) with the chain's
   * unconstrained position after the step, and the iteration's index (0 … numWarmup − 1). The
   * array is the sampler's own state, not a copy: the callee must neither modify nor keep it
   * (copy what it needs, e.g. via `model.constrain`, which is deterministic). Nothing else is
   * computed for it: no randomness is drawn and no generated quantities are made, so a run
   * with this hook draws exactly what a run without it draws.
   */
  onWarmupDraw?(position: Float64Array, iteration: number): void;
}

/** The per-chain seed stream, and the separate one for generated quantities. */
export const chainSeed = (seed: number, chain: number): number => derive(seed, 'chain', chain);
export const generatedSeed = (seed: number, chain: number): number => derive(seed, 'chain', chain, 'generated');

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Column labels of a model's output, in the order of `ChainResult.draws`. */
export function outputColumns(model: Model): string[] {
  const cols: string[] = [];
  for (const b of model.parameters) cols.push(...blockLabels(b));
  for (const b of model.generated ?? []) cols.push(...blockLabels(b));
  return cols;
}

function checkSettings(s: Required<SamplerSettings>): void {
  const int = (v: number, name: string, min: number) => {
    if (!Number.isInteger(v) || v < min) throw new Error(`sampler: ${name} must be an integer ≥ ${min}, got ${v}`);
  };
  int(s.numWarmup, 'numWarmup', 0);
  int(s.numDraws, 'numDraws', 1);
  int(s.maxTreeDepth, 'maxTreeDepth', 1);
  int(s.thin, 'thin', 1);
  if (!(s.adaptDelta > 0 && s.adaptDelta < 1)) throw new Error(`sampler: adaptDelta must be in (0, 1), got ${s.adaptDelta}`);
}

export function runChain(model: Model, requested: SamplerSettings, seed: number, chain: number, hooks: ChainHooks = {}): ChainResult {
  const settings = resolveSettings(requested);
  checkSettings(settings);
  const rng = createRng(chainSeed(seed, chain));
  const gqRng = createRng(generatedSeed(seed, chain));
  const dim = model.dim;
  let gradientEvaluations = 0;
  const logDensity = (theta: Float64Array, grad: Float64Array): number => {
    gradientEvaluations++;
    return model.logDensityAndGradient(theta, grad);
  };
  const radius = settings.initRadius;
  const maxTreeDepth = settings.maxTreeDepth;
  const maxDeltaH = settings.maxDeltaH;
  const thin = settings.thin;
  const every = hooks.every ?? 50;

  // Random inits, retried as Stan does (100 attempts) until log density and gradient are finite.
  let state: NutsState | null = null;
  for (let attempt = 0; attempt < 100 && state === null; attempt++) {
    const q = new Float64Array(dim);
    for (let i = 0; i < dim; i++) q[i] = radius * (2 * rng.uniform() - 1);
    const s = nutsInit(q, logDensity);
    if (Number.isFinite(s.logDensity) && s.gradient.every(Number.isFinite)) state = s;
  }
  if (state === null) throw new Error(`sampler: no finite log density in 100 random inits on (−${radius}, ${radius}); check the model and data`);

  let invMass: Float64Array = new Float64Array(dim).fill(1);
  let stepSize = findReasonableStepSize(state, 1, invMass, logDensity, rng);
  const da = dualAveragingInit(stepSize, settings.adaptDelta);
  const metric = metricAdaptationInit(windowSchedule(settings.numWarmup), dim);

  const t0 = now();
  let warmupDivergences = 0;
  for (let it = 0; it < settings.numWarmup; it++) {
    if (hooks.shouldStop?.()) throw new Error('sampler: stopped');
    const { state: next, info } = nutsStep(state, { stepSize, inverseMassDiagonal: invMass, maxTreeDepth, maxDeltaH }, logDensity, rng);
    state = next;
    if (info.divergent) warmupDivergences++;
    stepSize = dualAveragingUpdate(da, info.acceptanceRate);
    const updated = metricAdaptationUpdate(metric, state.position);
    if (updated) {
      invMass = updated;
      stepSize = findReasonableStepSize(state, stepSize, invMass, logDensity, rng);
      dualAveragingRestart(da, stepSize);
    }
    hooks.onWarmupDraw?.(state.position, it);
    if ((it + 1) % every === 0) hooks.onProgress?.(it + 1, settings.numWarmup + settings.numDraws, 'warmup');
  }
  if (settings.numWarmup > 0) stepSize = dualAveragingFinal(da);
  const warmupGradientEvaluations = gradientEvaluations;
  const t1 = now();

  const columns = outputColumns(model);
  const kept = Math.floor(settings.numDraws / thin);
  const draws = new Float64Array(kept * columns.length);
  const stat = () => new Float64Array(kept);
  const stats: ChainStats = {
    acceptStat: stat(),
    stepSize: stat(),
    treeDepth: stat(),
    numLeapfrog: stat(),
    divergent: stat(),
    energy: stat(),
    lp: stat(),
  };
  const params = { stepSize, inverseMassDiagonal: invMass, maxTreeDepth, maxDeltaH };
  let row = 0;
  for (let it = 0; it < settings.numDraws; it++) {
    if (hooks.shouldStop?.()) throw new Error('sampler: stopped');
    const { state: next, info } = nutsStep(state, params, logDensity, rng);
    state = next;
    if ((it + 1) % thin === 0 && row < kept) {
      let c = row * columns.length;
      const values = model.constrain(state.position);
      for (const b of model.parameters) {
        const v = values[b.name];
        draws.set(v, c);
        c += v.length;
      }
      if (model.generate) {
        const g = model.generate(state.position, gqRng);
        for (const b of model.generated ?? []) {
          const v = g[b.name];
          draws.set(v, c);
          c += v.length;
        }
      }
      stats.acceptStat[row] = info.acceptanceRate;
      stats.stepSize[row] = stepSize;
      stats.treeDepth[row] = info.treeDepth;
      stats.numLeapfrog[row] = info.numLeapfrog;
      stats.divergent[row] = info.divergent ? 1 : 0;
      stats.energy[row] = info.energy;
      stats.lp[row] = state.logDensity;
      row++;
    }
    if ((it + 1) % every === 0) hooks.onProgress?.(settings.numWarmup + it + 1, settings.numWarmup + settings.numDraws, 'sampling');
  }
  const t2 = now();
  return {
    chain,
    columns,
    draws,
    numDraws: kept,
    stats,
    stepSize,
    inverseMassDiagonal: invMass,
    warmupGradientEvaluations,
    samplingGradientEvaluations: gradientEvaluations - warmupGradientEvaluations,
    warmupDivergences,
    timing: { warmupSeconds: (t1 - t0) / 1000, samplingSeconds: (t2 - t1) / 1000 },
  };
}
