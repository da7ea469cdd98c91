/**
 * Figures of the missing-data VAE experiments (issue 12): the collapse picture (per-epoch
 * reconstruction and KL terms of the masked VAE under both objectives) and the imputation
 * scores of every missing-data model. Builders take result data and return Plot options.
 */
import * as Plot from '@observablehq/plot';

/** One objective's training record on the test split, in nats per row. */
export interface CollapseCurve {
  /** drawn beside the line's end, e.g. "averaged (original)" */
  label: string;
  colour: string;
  epoch: readonly number[];
  /** −log p(x_o | z) summed over a row's observed cells, whatever the objective optimised */
  recon: readonly number[];
  kl: readonly number[];
  /** the restored epoch (1-based), marked with a dot */
  bestEpoch: number;
}

export type CollapseTerm = 'recon' | 'kl';

const TERM_LABELS: Record<CollapseTerm, string> = {
  recon: 'reconstruction, summed over observed cells (nats per row)',
  kl: 'KL term (nats per row)',
};

/** Long-format points of one term for every curve. */
export function collapsePoints(curves: readonly CollapseCurve[], term: CollapseTerm): { label: string; epoch: number; value: number }[] {
  return curves.flatMap((c) => {
    const ys = c[term];
    if (ys.length !== c.epoch.length) throw new Error(`collapse curve "${c.label}": ${ys.length} ${term} values for ${c.epoch.length} epochs`);
    return c.epoch.map((epoch, k) => ({ label: c.label, epoch, value: ys[k]! }));
  });
}

/**
 * One panel of the collapse picture: a term per epoch for each objective, the restored epoch a dot,
 * the line labelled at its end. Both panels share the x domain so that, stacked, their epochs line up.
 */
export function collapseOptions(curves: readonly CollapseCurve[], term: CollapseTerm, width = 720): Plot.PlotOptions {
  const points = collapsePoints(curves, term);
  const maxEpoch = Math.max(...curves.map((c) => c.epoch[c.epoch.length - 1] ?? 0));
  const ends = curves.map((c) => ({ label: c.label, epoch: c.epoch[c.epoch.length - 1]!, value: c[term][c[term].length - 1]! }));
  const best = curves.map((c) => ({ label: c.label, epoch: c.bestEpoch, value: c[term][c.bestEpoch - 1]! }));
  return {
    width,
    height: 230,
    marginLeft: 56,
    marginRight: 150,
    marginTop: 24,
    marginBottom: 36,
    style: { fontSize: '12px' },
    x: { domain: [0, maxEpoch], label: 'epoch', grid: true },
    y: { label: TERM_LABELS[term], labelAnchor: 'top', grid: true, ...(term === 'kl' ? { domain: [0, Math.max(...points.map((p) => p.value)) * 1.05] } : {}) },
    color: { domain: curves.map((c) => c.label), range: curves.map((c) => c.colour) },
    marks: [
      Plot.frame({ stroke: 'currentColor', strokeOpacity: 0.2 }),
      Plot.line(points, { x: 'epoch', y: 'value', z: 'label', stroke: 'label', strokeWidth: 2 }),
      Plot.dot(best, { x: 'epoch', y: 'value', fill: 'label', stroke: 'currentColor', r: 3.5 }),
      Plot.text(ends, { x: 'epoch', y: 'value', text: 'label', textAnchor: 'start', dx: 7, fill: 'currentColor', fontSize: 11 }),
    ],
  };
}

// ---- tables ---------------------------------------------------------------------------------

interface Range {
  mean: number;
  min: number;
  max: number;
}
interface AblationCellLike {
  id: string;
  objective: 'cell-mean' | 'observed-sum';
  learningRate: number;
  dropout: number;
  klWarmupEpochs: number;
  summary: { srmr: Range; activeDims: Range; finalKl: Range; testNllPerCell: Range; epochsRun: Range };
}

const f = (x: number, d: number) => x.toFixed(d);
const span = (r: Range, d: number) => (f(r.min, d) === f(r.max, d) ? f(r.min, d) : `${f(r.min, d)}–${f(r.max, d)}`);
/** 1e-4 → "10⁻⁴"; other values as decimals */
function rate(x: number): string {
  const k = Math.log10(x);
  if (Number.isInteger(Math.round(k * 1e9) / 1e9)) return `10${Math.round(k) < 0 ? '⁻' : ''}${String(Math.abs(Math.round(k))).split('').map((c) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(c)]).join('')}`;
  return String(x);
}

/** The ablation as table rows: one per cell, every number from the cell's seed summary. */
export function ablationRows(cells: readonly AblationCellLike[], selected: string, original: string): Record<string, string>[] {
  if (!cells.some((c) => c.id === selected)) throw new Error(`ablation table: the selected cell ${selected} is not among the cells`);
  return cells.map((c) => {
    const marks = [c.id === original ? 'original' : '', c.id === selected ? 'selected' : ''].filter(Boolean);
    return {
      cell: `${c.objective === 'cell-mean' ? 'averaged' : 'summed'}, ${rate(c.learningRate)}, ${c.dropout}${c.klWarmupEpochs ? `, warm-up ${c.klWarmupEpochs}` : ''}${marks.length ? ` (${marks.join(', ')})` : ''}`,
      srmr: `${f(c.summary.srmr.mean, 4)} (${span(c.summary.srmr, 4)})`,
      active: span(c.summary.activeDims, 0),
      kl: `${c.summary.finalKl.mean < 0.01 ? c.summary.finalKl.mean.toExponential(0).replace(/e-(\d+)/, (_m, e: string) => ` × 10⁻${e.split('').map((ch) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(ch)]).join('')}`) : f(c.summary.finalKl.mean, 2)}`,
      nll: `${f(c.summary.testNllPerCell.mean, 3)} (${span(c.summary.testNllPerCell, 3)})`,
      epochs: f(c.summary.epochsRun.mean, 0),
    };
  });
}

// ---- the imputation comparison ---------------------------------------------------------------

/** Display names of the imputers, in the table's and figure's order. */
export const IMPUTER_LABELS = {
  'column-means': 'column means',
  'masked-vae': 'masked VAE, averaged (original)',
  'masked-vae-fixed': 'masked VAE, summed (selected)',
  miwae: 'MIWAE',
  'bayesian-mvn': 'Bayesian MVN',
} as const;
export type Imputer = keyof typeof IMPUTER_LABELS;

export interface ImputationScoreLike {
  method: Imputer;
  rmse: number;
  coverage: number | null;
  meanWidth: number | null;
  srmr: number;
}
export interface ImputationSampleLike {
  id: string;
  rows: number;
  missingFraction: number;
  missingCells: number;
  completeDataSrmr: number;
  scores: readonly ImputationScoreLike[];
}

/** "500 rows, 10% missing" */
export function sampleLabel(s: Pick<ImputationSampleLike, 'rows' | 'missingFraction'>): string {
  return `${s.rows.toLocaleString('en-GB').replace(/,/g, ' ')} rows, ${Math.round(100 * s.missingFraction)}% missing`;
}

/** The imputation comparison as table rows: one per sample and method. */
export function imputationRows(samples: readonly ImputationSampleLike[]): Record<string, string>[] {
  return samples.flatMap((s) =>
    s.scores.map((x) => ({
      method: `${IMPUTER_LABELS[x.method]}, ${sampleLabel(s)}`,
      rmse: f(x.rmse, 3),
      coverage: x.coverage === null ? '—' : `${f(100 * x.coverage, 1)}%`,
      width: x.meanWidth === null ? '—' : f(x.meanWidth, 2),
      srmr: f(x.srmr, 4),
    })),
  );
}

/**
 * RMSE of the imputed cells per method (dots, value printed), one panel per sample; the methods'
 * order is the table's.
 */
export function imputationOptions(samples: readonly ImputationSampleLike[], width = 720): Plot.PlotOptions {
  const points = samples.flatMap((s) => s.scores.map((x) => ({ sample: sampleLabel(s), method: IMPUTER_LABELS[x.method], rmse: x.rmse })));
  const methods = [...new Set(samples.flatMap((s) => s.scores.map((x) => IMPUTER_LABELS[x.method])))];
  const hi = Math.max(...points.map((p) => p.rmse));
  return {
    width,
    height: 60 + methods.length * 30 * samples.length,
    marginLeft: 220,
    marginRight: 24,
    marginTop: 24,
    marginBottom: 40,
    style: { fontSize: '12px' },
    // each panel's sample named above it, inside the plot's width (a side axis would be clipped on a phone)
    fy: { domain: samples.map(sampleLabel), label: null, padding: 0.2, axis: null },
    x: { domain: [0, Math.ceil(hi * 11) / 10], label: 'RMSE of imputed cells against their removed values →', grid: true },
    y: { domain: methods, label: null },
    marks: [
      Plot.frame({ stroke: 'currentColor', strokeOpacity: 0.2 }),
      Plot.text(samples.map(sampleLabel), { fy: (d: string) => d, frameAnchor: 'top-left', text: (d: string) => d, dy: -14, fill: 'currentColor', fontWeight: 600 }),
      Plot.ruleY(points, { fy: 'sample', y: 'method', x1: 0, x2: 'rmse', stroke: 'currentColor', strokeOpacity: 0.25 }),
      Plot.dot(points, { fy: 'sample', y: 'method', x: 'rmse', r: 4.5, fill: '#4a90c8', stroke: 'currentColor' }),
      Plot.text(points, { fy: 'sample', y: 'method', x: 'rmse', text: (d: { rmse: number }) => f(d.rmse, 3), dx: 8, textAnchor: 'start', fill: 'currentColor', fontSize: 11 }),
    ],
  };
}
