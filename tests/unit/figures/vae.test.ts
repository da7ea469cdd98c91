/**
 * The VAE figure builders (src/figures/vae.ts), rendered as the site renders them: snapshots
 * from small fixed fits, structural checks that state what each figure must show, and the
 * committed results drawn whole (one panel per fit, one histogram pair per indicator).
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../../src/data/format';
import { loadResult } from '../../../src/data/results';
import { curvePoints, densities, fitLabel, formatPower, histogramsOptions, klCurvesOptions, lossCurvesOptions, VAE_COLOURS, type CurveFit, type IndicatorHistogram, type KlFit } from '../../../src/figures/vae';
import { expectFinite, expectSnapshot, render } from './svg';

const fits: CurveFit[] = [
  { label: '500 rows', epoch: [1, 2, 3, 4, 5], trainLoss: [14, 12, 11.2, 10.9, 10.7], testLoss: [14.5, 12.6, 11.9, 12.0, 12.2], bestEpoch: 3 },
  { label: '10 000 rows', epoch: [1, 2, 3, 4, 5, 6], trainLoss: [13, 11, 10.5, 10.3, 10.2, 10.15], testLoss: [13.2, 11.1, 10.6, 10.4, 10.35, 10.36], bestEpoch: 5 },
];

describe('loss curves', () => {
  it('match their snapshot', async () => {
    const figure = render(lossCurvesOptions(fits));
    expectFinite(figure);
    await expectSnapshot(figure, 'vae-loss-curves');
  });

  it('draw a panel per fit with a dashed train and a solid test line, the best epoch marked, and the key once', () => {
    const figure = render(lossCurvesOptions(fits));
    const texts = figure.texts();
    for (const f of fits) expect(texts).toContain(f.label);
    expect(figure.all(`g[stroke="${VAE_COLOURS.train}"][stroke-dasharray="5,3"] path`)).toHaveLength(fits.length);
    expect(figure.all(`g[stroke="${VAE_COLOURS.test}"] path`)).toHaveLength(fits.length);
    expect(texts.filter((t) => t === 'best')).toHaveLength(fits.length);
    expect(texts.filter((t) => t === 'solid: test loss')).toHaveLength(1);
    expect(texts).toEqual(expect.arrayContaining(['epoch →', 'loss (nats per row) →']));
    expect(curvePoints(fits)).toHaveLength(2 * (5 + 6));
  });

  it('mark the best epoch at its test loss', () => {
    const options = lossCurvesOptions(fits);
    const best = (options.marks as { data?: unknown }[]).map((m) => m.data).find((d) => Array.isArray(d) && d.length === fits.length && (d[0] as { loss?: number }).loss !== undefined);
    expect(best).toEqual([
      { fit: '500 rows', epoch: 3, loss: 11.9 },
      { fit: '10 000 rows', epoch: 5, loss: 10.35 },
    ]);
  });
});

describe('KL curves', () => {
  const kl: KlFit[] = [
    { label: '500', family: 'plain', epoch: [1, 2, 3, 4], kl: [3, 0.5, 0.02, 0.004], bestEpoch: 3, labelled: true },
    { label: '5 000', family: 'masked', epoch: [1, 2, 3, 4], kl: [4, 2.5, 1.8, 1.6], bestEpoch: 4 },
  ];
  const labels = { plain: 'plain VAE', masked: 'masked VAE, 20% missing', imputed: 'mean-imputed' };

  it('match their snapshot', async () => {
    const figure = render(klCurvesOptions(kl, labels));
    expectFinite(figure);
    await expectSnapshot(figure, 'vae-kl-curves');
  });

  it('draw a line per fit in its family colour on a log axis spanning whole decades, with a key of the families shown', () => {
    const options = klCurvesOptions(kl, labels);
    expect((options.y as { domain: number[] }).domain).toEqual([0.001, 10]);
    const figure = render(options);
    const lines = figure.all('path[stroke]').filter((p) => p.getAttribute('stroke') !== 'currentColor');
    expect(lines.map((p) => p.getAttribute('stroke')).sort()).toEqual([VAE_COLOURS.masked, VAE_COLOURS.plain].sort());
    const texts = figure.texts();
    expect(texts).toEqual(expect.arrayContaining(['plain VAE', 'masked VAE, 20% missing', '500', '10⁻³', '0.1', '10']));
    expect(texts).not.toContain('mean-imputed');
    expect(texts).not.toContain('5 000'); // only labelled fits are named at their line's end
  });

  it('label only whole powers of ten', () => {
    expect([1, 10, 0.1, 100, 1000, 0.001, 1e-5, 2, 0.5].map(formatPower)).toEqual(['1', '10', '0.1', '100', '10³', '10⁻³', '10⁻⁵', '', '']);
  });
});

describe('indicator histograms', () => {
  const hists: IndicatorHistogram[] = [
    { name: 'JW1', edges: [-2, -1, 0, 1, 2], test: [1, 4, 4, 1], generated: [2, 3, 3, 2] },
    { name: 'ST', edges: [-1, 0, 0.5, 1, 3], test: [0, 5, 3, 2], generated: [1, 4, 4, 1] },
    { name: 'MI', edges: [0, 1, 2], test: [3, 1], generated: [0, 0] },
  ];

  it('turn counts into densities of area one (and an empty sample into zeros)', () => {
    for (const h of hists.slice(0, 2)) {
      for (const which of ['test', 'generated'] as const) {
        const d = densities(h, which);
        const area = d.reduce((s, v, k) => s + v * (h.edges[k + 1]! - h.edges[k]!), 0);
        expect(area, `${h.name} ${which}`).toBeCloseTo(1, 12);
      }
    }
    expect(densities(hists[1], 'test')).toEqual([0, 1, 0.6, 0.1]);
    expect(densities(hists[2], 'generated')).toEqual([0, 0]);
  });

  it('match their snapshot', async () => {
    const figure = render(histogramsOptions(hists, 2, 400));
    expectFinite(figure);
    await expectSnapshot(figure, 'vae-histograms');
  });

  it('draw one shaded area and one outline per indicator, each named, in rows of `columns`', () => {
    const options = histogramsOptions(hists, 2, 400);
    expect(options.height).toBe(40 + 2 * 130);
    const figure = render(options);
    expect(figure.all('path[fill-opacity="0.28"], g[fill-opacity="0.28"] path')).toHaveLength(hists.length);
    expect(figure.all(`g[stroke="${VAE_COLOURS.masked}"] path`)).toHaveLength(hists.length);
    expect(figure.texts()).toEqual(expect.arrayContaining(['JW1', 'ST', 'MI', 'value (units of each scale) →']));
  });

  it('draw every indicator of a committed result', () => {
    const r = loadResult('vae-plain-500');
    const figure = render(histogramsOptions(r.histograms));
    expectFinite(figure);
    expect(figure.all(`g[stroke="${VAE_COLOURS.masked}"] path`)).toHaveLength(r.histograms.length);
    for (const h of r.histograms) expect(figure.texts()).toContain(h.name);
    expect(fitLabel(r)).toBe(`${count(r.config.n)} rows (plain)`);
  });
});

describe('fit labels', () => {
  it('name the model and any imputation', () => {
    const base = loadResult('vae-plain-500').config;
    expect(fitLabel({ config: { ...base, n: 10000 } })).toBe(`${count(10000)} rows (plain)`);
    expect(fitLabel({ config: { ...base, n: 10000, imputation: 'mean-train-split' } })).toBe(`${count(10000)} rows (plain, mean-imputed)`);
    expect(fitLabel({ config: { ...base, model: 'masked', n: 5000 } })).toBe(`${count(5000)} rows (masked)`);
  });
});
