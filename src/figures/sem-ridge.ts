/**
 * The SEM's identification problem as a picture: joint posterior draws of one structural path and
 * the residual variance of the factor that path acts on, for the original specification (free
 * latent covariance: the data fix only Cov(η), so path and residual variance trade off along a
 * ridge, ψ(b) = Var(ηᵢ) − 2b·Cov(ηᵢ, ηⱼ) + b²·Var(ηⱼ)) and the identified one (a compact cloud).
 * Thinned draws as dots on shared axes; the vertical axis stops at the 99th percentile of all
 * draws (clipping a few outliers) so the ridge is not squeezed flat by its own tail.
 */
import * as Plot from '@observablehq/plot';
import type { SemResult } from '../lib/results/sem';
import { SPEC_COLOURS } from './sem';
import { quantile } from '../lib/metrics';

export interface RidgePanel {
  spec: 'original' | 'identified';
  /** the path's lavaan label, e.g. "SWB~DTP" */
  path: string;
  /** the residual variance paired with it, e.g. "DTP~~DTP" */
  variance: string;
}
export interface RidgePoint {
  spec: 'original' | 'identified';
  panel: string;
  path: number;
  variance: number;
}

function column(result: SemResult, name: string): number[] {
  const k = result.traces.columns.indexOf(name);
  if (k < 0) throw new Error(`SEM result (${result.spec}) keeps no trace of "${name}"; traces hold ${result.traces.columns.join(', ')}`);
  return result.traces.values.flatMap((chain) => chain[k]);
}

/** Joint draws of (path, variance) for each panel, every `stride`-th kept draw of every chain. */
export function ridgePoints(results: Record<RidgePanel['spec'], SemResult>, panels: readonly RidgePanel[], titles: readonly string[], stride = 1): RidgePoint[] {
  if (!Number.isInteger(stride) || stride < 1) throw new Error(`ridgePoints: stride must be a positive integer, got ${stride}`);
  return panels.flatMap((p, i) => {
    const xs = column(results[p.spec], p.path);
    const ys = column(results[p.spec], p.variance);
    const out: RidgePoint[] = [];
    for (let d = 0; d < xs.length; d += stride) out.push({ spec: p.spec, panel: titles[i], path: xs[d], variance: ys[d] });
    return out;
  });
}

export function ridgeOptions(points: readonly RidgePoint[], titles: readonly string[], xLabel: string, width = 640): Plot.PlotOptions {
  const top = quantile(points.map((p) => p.variance), 0.99) * 1.05;
  return {
    width,
    height: 300,
    marginTop: 36,
    marginLeft: 52,
    marginRight: 16,
    marginBottom: 42,
    style: { fontSize: '12px' },
    fx: { domain: titles, label: null, padding: 0.12 },
    x: { label: `${xLabel} →`, labelAnchor: 'center', grid: true, nice: true },
    y: { label: '↑ residual variance', grid: true, domain: [0, top] },
    color: { domain: ['original', 'identified'], range: [SPEC_COLOURS.original, SPEC_COLOURS.identified] },
    marks: [
      Plot.frame({ stroke: 'currentColor', strokeOpacity: 0.25 }),
      Plot.dot(points, { fx: 'panel', x: 'path', y: 'variance', r: 1.8, fill: 'spec', fillOpacity: 0.5, clip: true }),
    ],
  };
}
