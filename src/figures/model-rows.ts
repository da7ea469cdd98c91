/**
 * The frame of a figure with one row per model on an SRMR axis from zero (the closing summary,
 * the equal-n comparison): row labels on the left, the model families' colours. Each figure
 * adds its own marks.
 */
import type * as Plot from '@observablehq/plot';

/** One colour per model family, the same in every figure that compares families. */
export const FAMILY_COLOURS = { VAE: '#b2182b', 'Bayesian MVN': '#2166ac', SEM: '#1b7837', 'Missing-data baseline': '#7b6fb0' } as const;
export type ModelFamily = keyof typeof FAMILY_COLOURS;

export interface ModelRowsFrame {
  /** row labels, top to bottom */
  readonly labels: readonly string[];
  /** the families the figure colours, in legend order */
  readonly families: readonly ModelFamily[];
  /** right end of the x axis (it starts at zero) */
  readonly max: number;
  readonly xLabel: string;
  /** wide enough for the longest label */
  readonly marginLeft: number;
  /** height = top + rows × rowHeight */
  readonly top: number;
  readonly rowHeight: number;
  readonly width: number;
}

export function modelRowsOptions(f: ModelRowsFrame): Omit<Plot.PlotOptions, 'marks'> {
  return {
    width: f.width,
    height: f.top + f.labels.length * f.rowHeight,
    marginLeft: f.marginLeft,
    marginRight: 16,
    marginBottom: 40,
    style: { fontSize: '12px' },
    x: { domain: [0, f.max], label: f.xLabel, grid: true },
    y: { domain: f.labels, label: null },
    color: { domain: [...f.families], range: f.families.map((fam) => FAMILY_COLOURS[fam]) },
  };
}
