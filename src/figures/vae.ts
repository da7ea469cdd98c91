/**
 * VAE figures: training curves, KL over epochs, and per-indicator histograms of test data
 * against data generated from the prior. Builders take result data and return Plot options,
 * so they render at build time (and could in a browser). Text uses currentColor throughout.
 */
import * as Plot from '@observablehq/plot';
import { count } from '../data/format';
import type { VaeResult } from '../lib/results/vae';

/** Line colours readable against both the light and the dark page background. */
export const VAE_COLOURS = { plain: '#4a90c8', masked: '#d9603b', imputed: '#3f9a4f', test: '#4a90c8', train: '#d9603b' } as const;

export interface CurveFit {
  /** panel title, e.g. "500 rows" */
  label: string;
  epoch: readonly number[];
  trainLoss: readonly number[];
  testLoss: readonly number[];
  bestEpoch: number;
}

interface CurvePoint {
  fit: string;
  epoch: number;
  loss: number;
  split: 'train' | 'test';
}

/** Long-format points of the train and test curves of several fits. */
export function curvePoints(fits: readonly CurveFit[]): CurvePoint[] {
  const out: CurvePoint[] = [];
  for (const f of fits) {
    f.epoch.forEach((epoch, k) => {
      out.push({ fit: f.label, epoch, loss: f.trainLoss[k]!, split: 'train' });
      out.push({ fit: f.label, epoch, loss: f.testLoss[k]!, split: 'test' });
    });
  }
  return out;
}

/** Train (dashed) and test (solid) loss per epoch, one panel per fit, best epoch marked. */
export function lossCurvesOptions(fits: readonly CurveFit[], width = 760): Plot.PlotOptions {
  const points = curvePoints(fits);
  const best = fits.map((f) => ({ fit: f.label, epoch: f.bestEpoch, loss: f.testLoss[f.bestEpoch - 1]! }));
  const keyFit = fits[0]?.label;
  return {
    width,
    height: 300,
    marginLeft: 56,
    marginTop: 28,
    marginBottom: 40,
    marginRight: 12,
    style: { fontSize: '12px' },
    fx: { domain: fits.map((f) => f.label), label: null, axis: 'top', padding: 0.12 },
    x: { label: 'epoch', grid: true, ticks: 4 },
    y: { label: 'loss (nats per row)', labelAnchor: 'center', grid: true },
    marks: [
      Plot.frame({ stroke: 'currentColor', strokeOpacity: 0.2 }),
      Plot.ruleX(best, { fx: 'fit', x: 'epoch', stroke: 'currentColor', strokeDasharray: '2,3', strokeOpacity: 0.7 }),
      Plot.line(points.filter((p) => p.split === 'train'), { fx: 'fit', x: 'epoch', y: 'loss', stroke: VAE_COLOURS.train, strokeWidth: 1.5, strokeDasharray: '5,3' }),
      Plot.line(points.filter((p) => p.split === 'test'), { fx: 'fit', x: 'epoch', y: 'loss', stroke: VAE_COLOURS.test, strokeWidth: 2 }),
      Plot.dot(best, { fx: 'fit', x: 'epoch', y: 'loss', r: 4, fill: VAE_COLOURS.test, stroke: 'currentColor' }),
      Plot.text(best, { fx: 'fit', x: 'epoch', y: 'loss', text: () => 'best', dy: -12, fill: 'currentColor', fontSize: 11 }),
      // a drawn key, in the first panel only (text in currentColor, the line samples in colour)
      ...(keyFit
        ? [
            Plot.text([{ fit: keyFit }], { fx: 'fit', frameAnchor: 'top-right', text: () => 'solid: test loss', dx: -8, dy: 8, textAnchor: 'end', fill: 'currentColor', fontSize: 11 }),
            Plot.text([{ fit: keyFit }], { fx: 'fit', frameAnchor: 'top-right', text: () => 'dashed: train loss', dx: -8, dy: 24, textAnchor: 'end', fill: 'currentColor', fontSize: 11 }),
          ]
        : []),
    ],
  };
}

export interface KlFit {
  label: string;
  family: 'plain' | 'masked' | 'imputed';
  epoch: readonly number[];
  kl: readonly number[];
  bestEpoch: number;
  /** print the label beside the end of the line */
  labelled?: boolean;
}

/** Test-set KL term per epoch for every fit, on a log scale; the restored epoch is a dot. */
export function klCurvesOptions(fits: readonly KlFit[], familyLabels: Record<KlFit['family'], string>, width = 720): Plot.PlotOptions {
  const points = fits.flatMap((f) => f.epoch.map((epoch, k) => ({ fit: f.label, family: familyLabels[f.family], epoch, kl: f.kl[k]! })));
  const best = fits.map((f) => ({ fit: f.label, family: familyLabels[f.family], epoch: f.bestEpoch, kl: f.kl[f.bestEpoch - 1]! }));
  const ends = fits.filter((f) => f.labelled).map((f) => ({ fit: f.label, epoch: f.epoch[f.epoch.length - 1]!, kl: f.kl[f.kl.length - 1]! }));
  const lo = Math.min(...points.map((p) => p.kl));
  const hi = Math.max(...points.map((p) => p.kl));
  const families = (['plain', 'imputed', 'masked'] as const).filter((fam) => fits.some((f) => f.family === fam));
  return {
    width,
    height: 340,
    marginLeft: 56,
    marginRight: 110,
    marginBottom: 40,
    style: { fontSize: '12px' },
    x: { label: 'epoch', grid: true },
    y: { type: 'log', domain: [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))], label: 'KL term on the test set (nats per row, log scale)', grid: true, tickFormat: (d: number) => formatPower(d) },
    color: { domain: families.map((f) => familyLabels[f]), range: families.map((f) => VAE_COLOURS[f]) },
    marks: [
      // a drawn key at the middle right (Plot's swatch legend would wrap the SVG in extra HTML)
      ...families.flatMap((fam, k) => [
        Plot.dot([fam], { frameAnchor: 'right', dx: -250, dy: -20 + 18 * k, r: 5, fill: VAE_COLOURS[fam] }),
        Plot.text([fam], { frameAnchor: 'right', dx: -240, dy: -20 + 18 * k, text: () => familyLabels[fam], textAnchor: 'start', fill: 'currentColor' }),
      ]),
      Plot.line(points, { x: 'epoch', y: 'kl', z: 'fit', stroke: 'family', strokeWidth: 1.75 }),
      Plot.dot(best, { x: 'epoch', y: 'kl', fill: 'family', stroke: 'currentColor', r: 3.5 }),
      Plot.text(ends, { x: 'epoch', y: 'kl', text: 'fit', textAnchor: 'start', dx: 6, fill: 'currentColor', fontSize: 11 }),
    ],
  };
}

/** 10^k as a short label: 1, 10, 0.1, 10⁻³ … */
export function formatPower(d: number): string {
  const k = Math.round(Math.log10(d));
  if (Math.abs(d - 10 ** k) > 1e-9 * 10 ** k) return '';
  if (k >= -1 && k <= 2) return String(10 ** k);
  const sup: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
  return `10${String(k).split('').map((c) => sup[c] ?? c).join('')}`;
}

export interface IndicatorHistogram {
  name: string;
  edges: readonly number[];
  test: readonly number[];
  generated: readonly number[];
}

interface StepPoint {
  name: string;
  col: number;
  row: number;
  x: number;
  density: number;
}

/** A histogram as the corners of its step outline: each bin's left edge, then the last right edge. */
function stepPoints(h: IndicatorHistogram, density: readonly number[], col: number, row: number): StepPoint[] {
  const points = density.map((d, k) => ({ name: h.name, col, row, x: h.edges[k]!, density: d }));
  points.push({ name: h.name, col, row, x: h.edges[h.edges.length - 1]!, density: density[density.length - 1] ?? 0 });
  return points;
}

/** Counts → densities (area 1), so samples of different sizes share a y scale. */
export function densities(h: IndicatorHistogram, which: 'test' | 'generated'): number[] {
  const counts = h[which];
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c, k) => (total > 0 ? c / (total * (h.edges[k + 1]! - h.edges[k]!)) : 0));
}

/**
 * Small multiples, `columns` per row: the observed test values as shaded bars, the generated
 * values as a step outline over the same bins. Both are one path per panel (the bars as a
 * stepped area), which keeps a figure of twelve histograms to a few dozen elements.
 */
export function histogramsOptions(hists: readonly IndicatorHistogram[], columns = 4, width = 760): Plot.PlotOptions {
  const bars: StepPoint[] = [];
  const steps: StepPoint[] = [];
  hists.forEach((h, i) => {
    const col = i % columns;
    const row = Math.floor(i / columns);
    bars.push(...stepPoints(h, densities(h, 'test'), col, row));
    steps.push(...stepPoints(h, densities(h, 'generated'), col, row));
  });
  const xs = hists.flatMap((h) => [h.edges[0]!, h.edges[h.edges.length - 1]!]);
  const rows = Math.ceil(hists.length / columns);
  const labels = hists.map((h, i) => ({ name: h.name, col: i % columns, row: Math.floor(i / columns) }));
  return {
    width,
    height: 40 + rows * 130,
    marginLeft: 12,
    marginRight: 12,
    marginTop: 8,
    marginBottom: 36,
    style: { fontSize: '11px' },
    fx: { axis: null, padding: 0.08 },
    fy: { axis: null, padding: 0.12 },
    x: { domain: [Math.min(...xs), Math.max(...xs)], label: 'value (units of each scale)', ticks: 5 },
    y: { axis: null },
    marks: [
      Plot.frame({ stroke: 'currentColor', strokeOpacity: 0.25 }),
      Plot.areaY(bars, { fx: 'col', fy: 'row', x: 'x', y: 'density', z: 'name', curve: 'step-after', fill: 'currentColor', fillOpacity: 0.28 }),
      Plot.line(steps, { fx: 'col', fy: 'row', x: 'x', y: 'density', z: 'name', curve: 'step-after', stroke: VAE_COLOURS.masked, strokeWidth: 1.6 }),
      Plot.text(labels, { fx: 'col', fy: 'row', text: 'name', frameAnchor: 'top-left', dx: 5, dy: 5, fill: 'currentColor', fontWeight: 600 }),
    ],
  };
}

/** "10 000 rows (plain)", "5 000 rows (masked)", "10 000 rows (plain, mean-imputed)": a fit's row label. */
export function fitLabel(r: Pick<VaeResult, 'config'>): string {
  const kind = r.config.model === 'masked' ? 'masked' : r.config.imputation === 'none' ? 'plain' : 'plain, mean-imputed';
  return `${count(r.config.n)} rows (${kind})`;
}
