/** The closing comparison: every model's generated-data SRMR against its sampling floor. */
import * as Plot from '@observablehq/plot';
import type { SummaryRow } from '../data/summary';
import { modelRowsOptions } from './model-rows';

export function summaryOptions(rows: readonly SummaryRow[], width = 720): Plot.PlotOptions {
  const seeds = rows.filter((r) => r.seedMin !== undefined);
  return {
    // colour repeats the family already named in each label, so it needs no legend
    ...modelRowsOptions({
      labels: rows.map((r) => r.label),
      families: ['VAE', 'Bayesian MVN', 'SEM'],
      max: Math.max(...rows.map((r) => r.q95)) * 1.05,
      xLabel: 'SRMR of generated data against the true correlations →',
      marginLeft: 350,
      top: 44,
      rowHeight: 34,
      width,
    }),
    marks: [
      // 5–95% of individual generated sets
      Plot.ruleY(rows, { y: 'label', x1: 'q05', x2: 'q95', stroke: 'family', strokeOpacity: 0.45, strokeWidth: 2 }),
      // spread of the mean over independent seeds (VAE only)
      Plot.ruleY(seeds, { y: 'label', x1: 'seedMin', x2: 'seedMax', stroke: 'family', strokeWidth: 7, strokeOpacity: 0.35 }),
      Plot.dot(rows, { y: 'label', x: 'srmr', fill: 'family', r: 4.5 }),
      // the sampling floor at the same set size
      Plot.tickX(rows, { y: 'label', x: 'floor', stroke: 'currentColor', strokeWidth: 2 }),
    ],
  };
}
