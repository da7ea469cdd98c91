/**
 * Figures of the replication experiments: the SEM paths' sampling distributions with the
 * population value and the essay's sample marked; the missing-data methods' error under MCAR,
 * MAR and MNAR; and every model's systematic error at equal n against a learner's floor.
 * Builders take result data and return Plot options; nothing here reads files.
 */
import * as Plot from '@observablehq/plot';
import type { Matrix } from '../lib/linalg';
import { srmr } from '../lib/metrics';
import type { EqualNResult, MvnMarResult, MvnReplicationResult, SemReplicationResult } from '../lib/results/replication';
import { modelRowsOptions } from './model-rows';
import { SPEC_COLOURS } from './sem';

type SemParameter = SemReplicationResult['parameters'][number];

/** The sample's colour and the population's: orange for the one draw we had, the page's ink for the truth. */
export const REPLICATION_COLOURS = { sample: SPEC_COLOURS.original, spread: SPEC_COLOURS.identified } as const;

export interface HistogramStep {
  readonly name: string;
  readonly x: number;
  /** share of replications per unit of the estimate (area 1) */
  readonly density: number;
}

/** A stored histogram as the corners of its step outline (each bin's left edge, then the last right edge), in density units. */
export function histogramSteps(p: Pick<SemParameter, 'name' | 'histogram'>): HistogramStep[] {
  const { lo, hi, counts } = p.histogram;
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0 || !(hi > lo)) throw new Error(`histogram of ${p.name} is empty or has no width`);
  const w = (hi - lo) / counts.length;
  const pts = counts.map((c, k) => ({ name: p.name, x: lo + k * w, density: c / (total * w) }));
  pts.push({ name: p.name, x: hi, density: pts[pts.length - 1].density });
  return pts;
}

/** The structural paths of a replication result, in model order. */
export function replicatedPaths(result: Pick<SemReplicationResult, 'parameters'>): SemParameter[] {
  const paths = result.parameters.filter((p) => p.group === 'path');
  if (paths.length === 0) throw new Error('sem-replication result has no structural paths');
  return paths;
}

/**
 * One row per path: the sampling distribution of its ML estimate over fresh samples (shaded
 * step area), its 5–95% range (bar under it), the population value (solid rule) and the
 * essay's sample (orange diamond); zero is dashed. All rows share the x scale, so widths compare.
 */
export function semReplicationOptions(paths: readonly SemParameter[], width = 680): Plot.PlotOptions {
  const steps = paths.flatMap(histogramSteps);
  const xs = paths.flatMap((p) => [p.histogram.lo, p.histogram.hi]);
  const names = paths.map((p) => p.name);
  return {
    width,
    height: 30 + paths.length * 62,
    marginLeft: 78,
    marginRight: 16,
    marginTop: 6,
    marginBottom: 36,
    style: { fontSize: '11px' },
    fy: { domain: names, label: null, padding: 0.18 },
    x: { domain: [Math.min(0, ...xs), Math.max(0, ...xs)], label: 'ML estimate of the path over fresh samples →', grid: true },
    y: { axis: null },
    marks: [
      Plot.ruleX([0], { stroke: 'currentColor', strokeDasharray: '3,3', strokeOpacity: 0.6 }),
      Plot.areaY(steps, { fy: 'name', x: 'x', y: 'density', z: 'name', curve: 'step-after', fill: REPLICATION_COLOURS.spread, fillOpacity: 0.35 }),
      Plot.ruleY(paths, { fy: 'name', x1: (p: SemParameter) => p.estimates.q05, x2: (p: SemParameter) => p.estimates.q95, y: 0, stroke: REPLICATION_COLOURS.spread, strokeWidth: 3 }),
      Plot.ruleX(paths, { fy: 'name', x: 'population', stroke: 'currentColor', strokeWidth: 2 }),
      Plot.dot(paths, { fy: 'name', x: (p: SemParameter) => p.sample.estimate, y: 0, symbol: 'diamond', r: 5, fill: REPLICATION_COLOURS.sample, stroke: 'white', strokeWidth: 0.8 }),
    ],
  };
}

// ---- mvn-mar-500 --------------------------------------------------------------------------

type Mechanism = MvnMarResult['mechanisms'][number];
type Method = Mechanism['methods'][number];

export const MECHANISM_LABELS: Readonly<Record<string, string>> = { mcar: 'MCAR', mar: 'MAR (low satisfaction)', mnar: 'MNAR (low values)' };

export interface MethodRow {
  readonly mechanism: string;
  readonly method: string;
  readonly id: Method['id'];
  readonly srmr: number;
  readonly q05: number;
  readonly q95: number;
  readonly systematic: number;
  readonly replications: number;
  readonly floor: number;
  /** mean |standardised mean bias| over the columns that can go missing, and the same for sds */
  readonly meanBias: number;
  readonly sdBias: number;
}

/** Flattened rows, mechanism by method, with the mean absolute bias over the maskable columns. */
export function methodRows(result: Pick<MvnMarResult, 'mechanisms' | 'names'>): MethodRow[] {
  return result.mechanisms.flatMap((m) => {
    const cols = m.mechanism.columns ?? result.names;
    const idx = cols.map((c) => result.names.indexOf(c));
    if (idx.some((i) => i < 0)) throw new Error(`mvn-mar: mechanism ${m.id} names a column that is not in the result`);
    const absMean = (xs: readonly { mean: number }[]) => idx.reduce((s, i) => s + Math.abs(xs[i].mean), 0) / idx.length;
    return m.methods.map((x) => ({
      mechanism: MECHANISM_LABELS[m.id] ?? m.id,
      method: x.label,
      id: x.id,
      srmr: x.srmr.mean,
      q05: x.srmr.q05,
      q95: x.srmr.q95,
      systematic: x.systematicSrmr,
      replications: x.replications,
      floor: m.floor.mean,
      meanBias: absMean(x.meanBias),
      sdBias: absMean(x.sdBias),
    }));
  });
}

const METHOD_COLOURS: Readonly<Record<Method['id'], string>> = {
  'complete-case': '#8c6d31',
  pairwise: '#7b6fb0',
  'column-mean': '#b2182b',
  em: '#3f8a3a',
  'bayes-marginal': '#2166ac',
  'bayes-cells': '#4393c3',
};

/**
 * Facets by mechanism; per method the mean SRMR over samples (dot), its 5–95% range (line),
 * the systematic error — SRMR of the residual averaged over samples — (open square), and the
 * sampling floor of the complete samples (dashed rule).
 */
export function marSrmrOptions(rows: readonly MethodRow[], width = 760): Plot.PlotOptions {
  const mechanisms = [...new Set(rows.map((r) => r.mechanism))];
  const methods = [...new Set(rows.map((r) => r.method))];
  const floors = mechanisms.map((m) => ({ mechanism: m, floor: rows.find((r) => r.mechanism === m)!.floor }));
  const max = Math.max(...rows.map((r) => Math.max(r.q95, r.systematic))) * 1.05;
  return {
    width,
    height: 60 + methods.length * 26,
    marginLeft: 220,
    marginRight: 12,
    marginBottom: 40,
    style: { fontSize: '11px' },
    fx: { domain: mechanisms, label: null, padding: 0.14 },
    x: { domain: [0, max], label: 'SRMR against the true correlations →', grid: true, ticks: 3 },
    y: { domain: methods, label: null },
    color: { domain: Object.keys(METHOD_COLOURS), range: Object.values(METHOD_COLOURS) },
    marks: [
      Plot.ruleX(floors, { fx: 'mechanism', x: 'floor', stroke: 'currentColor', strokeDasharray: '4,3' }),
      Plot.ruleY(rows, { fx: 'mechanism', y: 'method', x1: 'q05', x2: 'q95', stroke: 'id', strokeOpacity: 0.5, strokeWidth: 2 }),
      Plot.dot(rows, { fx: 'mechanism', y: 'method', x: 'srmr', fill: 'id', r: 4 }),
      Plot.dot(rows, { fx: 'mechanism', y: 'method', x: 'systematic', symbol: 'square', stroke: 'id', fill: 'none', r: 4, strokeWidth: 1.5 }),
    ],
  };
}

export interface BiasPoint {
  readonly mechanism: string;
  readonly method: string;
  readonly id: Method['id'];
  readonly column: string;
  readonly quantity: 'mean' | 'sd';
  readonly bias: number;
  readonly mcse: number;
}

/** Every column's average bias of the mean (in true sds) and of the sd (relative), per method and mechanism. */
export function biasPoints(result: Pick<MvnMarResult, 'mechanisms' | 'names'>): BiasPoint[] {
  return result.mechanisms.flatMap((m) =>
    m.methods.flatMap((x) =>
      result.names.flatMap((column, j) => [
        { mechanism: MECHANISM_LABELS[m.id] ?? m.id, method: x.label, id: x.id, column, quantity: 'mean' as const, bias: x.meanBias[j].mean, mcse: x.meanBias[j].mcse },
        { mechanism: MECHANISM_LABELS[m.id] ?? m.id, method: x.label, id: x.id, column, quantity: 'sd' as const, bias: x.sdBias[j].mean, mcse: x.sdBias[j].mcse },
      ]),
    ),
  );
}

/** Facets mechanism × quantity: one tick per column at its average bias, zero ruled. */
export function marBiasOptions(points: readonly BiasPoint[], width = 760): Plot.PlotOptions {
  const mechanisms = [...new Set(points.map((r) => r.mechanism))];
  const methods = [...new Set(points.map((r) => r.method))];
  const lim = Math.max(...points.map((p) => Math.abs(p.bias))) * 1.05;
  return {
    width,
    height: 80 + 2 * methods.length * 22,
    marginLeft: 220,
    marginRight: 110,
    marginBottom: 40,
    style: { fontSize: '11px' },
    fx: { domain: mechanisms, label: null, padding: 0.14 },
    fy: { domain: ['mean', 'sd'], tickFormat: (q: string) => (q === 'mean' ? 'means (in sds)' : 'sds (relative)'), label: null, padding: 0.15 },
    x: { domain: [-lim, lim], label: 'average over samples of (estimate − truth) →', grid: true, ticks: 3 },
    y: { domain: methods, label: null },
    color: { domain: Object.keys(METHOD_COLOURS), range: Object.values(METHOD_COLOURS) },
    marks: [
      Plot.ruleX([0], { stroke: 'currentColor', strokeOpacity: 0.6 }),
      Plot.tickX(points, { fx: 'mechanism', fy: 'quantity', y: 'method', x: 'bias', stroke: 'id', strokeOpacity: 0.75, strokeWidth: 1.5 }),
    ],
  };
}

// ---- equal n ------------------------------------------------------------------------------

export interface EqualNRow {
  readonly label: string;
  readonly family: 'VAE' | 'Bayesian MVN' | 'SEM' | 'Missing-data baseline';
  /** rows the model learned from */
  readonly trainRows: number;
  /** SRMR of its systematic residual (average generated-data residual, or the point estimate's) */
  readonly systematic: number;
  /** spread of that quantity over independent samples/seeds when known (5–95%) */
  readonly q05?: number;
  readonly q95?: number;
  /** the learner's floor: SRMR of the training sample's own correlations (mean, 5–95%) */
  readonly floor: number;
  readonly floorQ05: number;
  readonly floorQ95: number;
}

/**
 * Each model's systematic error at (about) 500 rows against the floor of a learner that saw
 * that many rows: a perfect learner reproduces its training sample, whose own error the floor is.
 */
export function equalNOptions(rows: readonly EqualNRow[], width = 720): Plot.PlotOptions {
  return {
    ...modelRowsOptions({
      labels: rows.map((r) => r.label),
      families: ['VAE', 'Bayesian MVN', 'SEM', 'Missing-data baseline'],
      max: Math.max(...rows.flatMap((r) => [r.systematic, r.q95 ?? 0, r.floorQ95])) * 1.08,
      xLabel: 'SRMR of the systematic residual against the truth →',
      marginLeft: 290,
      top: 50,
      rowHeight: 30,
      width,
    }),
    marks: [
      // the floor's 5–95% band and mean
      Plot.ruleY(rows, { y: 'label', x1: 'floorQ05', x2: 'floorQ95', stroke: 'currentColor', strokeOpacity: 0.18, strokeWidth: 9 }),
      Plot.tickX(rows, { y: 'label', x: 'floor', stroke: 'currentColor', strokeWidth: 2 }),
      Plot.ruleY(
        rows.filter((r) => r.q05 !== undefined),
        { y: 'label', x1: 'q05', x2: 'q95', stroke: 'family', strokeOpacity: 0.55, strokeWidth: 2 },
      ),
      Plot.dot(rows, { y: 'label', x: 'systematic', fill: 'family', r: 4.5 }),
    ],
  };
}

export interface EqualNInputs {
  /** the plain VAE trained on 80% of 500 rows: its average generated-data residual */
  readonly vaePlain500: { readonly dataset: { readonly trainRows: number }; readonly audit: { readonly meanResidual: readonly (readonly number[])[] } };
  readonly mvnReplication: Pick<MvnReplicationResult, 'n' | 'replications' | 'summary'>;
  readonly equalN: Pick<EqualNResult, 'floors' | 'sem'>;
}

function floorOf(e: Pick<EqualNResult, 'floors'>, size: number) {
  const f = e.floors.find((x) => x.size === size);
  if (!f) throw new Error(`equal-n-500 has no floor for ${size} training rows; add ${size} to its floorSizes`);
  return f;
}

/**
 * Rows of the equal-n figure. Each model's systematic error is the SRMR of the truth minus the
 * correlations the model stands for after fitting one sample — the VAE's expected generated
 * correlations, the posterior mean, the SEM's implied correlations — averaged over samples
 * where the experiment has several; its floor is the SRMR of a training sample's own
 * correlations at the size the model learned from.
 */
export function equalNRows(i: EqualNInputs): EqualNRow[] {
  const vaeRows = i.vaePlain500.dataset.trainRows;
  const fv = floorOf(i.equalN, vaeRows);
  const n = i.mvnReplication.n;
  const fm = i.mvnReplication.summary.floor;
  const fs = floorOf(i.equalN, i.equalN.sem.n);
  const s = i.mvnReplication.summary;
  const resid = i.vaePlain500.audit.meanResidual;
  const m: Matrix = { rows: resid.length, cols: resid.length, data: Float64Array.from(resid.flat()) };
  return [
    { label: `Plain VAE, ${vaeRows} training rows (1 seed)`, family: 'VAE', trainRows: vaeRows, systematic: srmr(m), floor: fv.mean, floorQ05: fv.q05, floorQ95: fv.q95 },
    { label: `Bayesian MVN, ${n} rows (${i.mvnReplication.replications} samples)`, family: 'Bayesian MVN', trainRows: n, systematic: s.complete.posteriorSrmr.mean, q05: s.complete.posteriorSrmr.q05, q95: s.complete.posteriorSrmr.q95, floor: fm.mean, floorQ05: fm.q05, floorQ95: fm.q95 },
    { label: `Bayesian MVN, ${n} rows, 10% MCAR (${i.mvnReplication.replications})`, family: 'Bayesian MVN', trainRows: n, systematic: s.mcar.posteriorSrmr.mean, q05: s.mcar.posteriorSrmr.q05, q95: s.mcar.posteriorSrmr.q95, floor: fm.mean, floorQ05: fm.q05, floorQ95: fm.q95 },
    { label: `Pairwise, ${n} rows, 10% MCAR (${i.mvnReplication.replications})`, family: 'Missing-data baseline', trainRows: n, systematic: s.mcar.sampleSrmr.mean, q05: s.mcar.sampleSrmr.q05, q95: s.mcar.sampleSrmr.q95, floor: fm.mean, floorQ05: fm.q05, floorQ95: fm.q95 },
    { label: `SEM (ML), ${i.equalN.sem.n} rows (${i.equalN.sem.replications} samples)`, family: 'SEM', trainRows: i.equalN.sem.n, systematic: i.equalN.sem.perSample.mean, q05: i.equalN.sem.perSample.q05, q95: i.equalN.sem.perSample.q95, floor: fs.mean, floorQ05: fs.q05, floorQ95: fs.q95 },
  ];
}

/**
 * What section 9 says about one method under one mechanism, over all columns: the ones that are
 * never masked count too, since complete-case analysis biases them by dropping whole rows.
 */
export interface MethodBiasSummary {
  readonly mechanism: string;
  readonly method: Method['id'];
  readonly replications: number;
  /** largest |bias of a mean| (in true sds), its column and that column's MCSE */
  readonly maxMeanBias: { readonly column: string; readonly bias: number; readonly mcse: number };
  /** largest |bias|/MCSE of a mean: how far the method is from unbiased, in Monte Carlo errors */
  readonly maxMeanBiasZ: number;
  readonly srmr: Method['srmr'];
  readonly srmrMinusEm: Method['srmrMinusEm'];
}

export function methodBiasSummary(result: Pick<MvnMarResult, 'mechanisms' | 'names'>, mechanismId: string, methodId: Method['id']): MethodBiasSummary {
  const m = result.mechanisms.find((x) => x.id === mechanismId);
  if (!m) throw new Error(`mvn-mar result has no mechanism "${mechanismId}"; it has ${result.mechanisms.map((x) => x.id).join(', ')}`);
  const x = m.methods.find((y) => y.id === methodId);
  if (!x) throw new Error(`mvn-mar mechanism ${mechanismId} has no method "${methodId}"; it has ${m.methods.map((y) => y.id).join(', ')}`);
  if (x.meanBias.length !== result.names.length) throw new Error(`mvn-mar ${mechanismId}/${methodId}: ${x.meanBias.length} mean biases for ${result.names.length} columns`);
  const biases = result.names.map((column, j) => ({ column, bias: x.meanBias[j].mean, mcse: x.meanBias[j].mcse }));
  const z = biases.map((b) => (b.mcse > 0 ? Math.abs(b.bias) / b.mcse : b.bias === 0 ? 0 : Infinity));
  const worst = biases.reduce((a, b) => (Math.abs(b.bias) > Math.abs(a.bias) ? b : a));
  return { mechanism: mechanismId, method: methodId, replications: x.replications, maxMeanBias: worst, maxMeanBiasZ: Math.max(...z), srmr: x.srmr, srmrMinusEm: x.srmrMinusEm };
}
