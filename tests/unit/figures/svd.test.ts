/**
 * The SVD figure builders (src/figures/svd.ts, and the rank slider's src/figures/svd-slider.ts),
 * rendered as the site renders them: snapshots from small fixed inputs, structural checks of what
 * each figure must show, and the committed svd-100 result drawn whole.
 */
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadResult } from '../../../src/data/results';
import { errorCurveOptions, matrixImageOptions, type ErrorPoint } from '../../../src/figures/svd';
import { sliderPlots, svdFromResult } from '../../../src/figures/svd-slider';
import { expectFinite, expectSnapshot, render, type RenderedFigure } from './svg';

const names = ['A', 'B', 'C', 'D'];
const panel = { title: 'data X', rows: [[-1, 0, 1, 2], [2.5, -2.5, 0.5, -0.5], [0, 0, 0, 0]] };

/** Width and height of the PNG an <image> carries, read from its IHDR. */
function imageSize(figure: RenderedFigure): { width: number; height: number } {
  const images = figure.all('image');
  expect(images).toHaveLength(1);
  const href = images[0].getAttribute('href') ?? '';
  expect(href).toMatch(/^data:image\/png;base64,/);
  const png = Buffer.from(href.slice(href.indexOf(',') + 1), 'base64');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('matrix image', () => {
  it('matches its snapshot', async () => {
    const figure = render(matrixImageOptions(panel, names));
    expectFinite(figure);
    await expectSnapshot(figure, 'svd-matrix-image');
  });

  it('is one pixelated image of one pixel per cell, titled, with the first and last column named', () => {
    const figure = render(matrixImageOptions(panel, names));
    expect(imageSize(figure)).toEqual({ width: names.length, height: panel.rows.length });
    const image = figure.all('image')[0];
    expect(image.getAttribute('preserveAspectRatio')).toBe('none');
    expect(image.getAttribute('image-rendering') ?? image.getAttribute('style')).toMatch(/pixelated/);
    // the image fills the frame: 170 − 34 − 8 wide, 340 − 26 − 24 high
    expect([Number(image.getAttribute('width')), Number(image.getAttribute('height'))]).toEqual([128, 290]);
    const texts = figure.texts();
    expect(texts).toEqual(expect.arrayContaining(['data X', 'A', 'D', '↓ row']));
    expect(texts).not.toContain('B');
    // without the y axis: no row numbers, a narrower left margin, the image wider
    const bare = render(matrixImageOptions(panel, names, 2.5, { yAxis: false }));
    expect(bare.texts()).not.toContain('↓ row');
    expect(Number(bare.all('image')[0].getAttribute('width'))).toBe(170 - 8 - 8);
  });
});

describe('error curve', () => {
  const errors: ErrorPoint[] = [
    { k: 0, relative: 1 },
    { k: 1, relative: 0.62 },
    { k: 2, relative: 0.35 },
    { k: 3, relative: 0.12 },
    { k: 4, relative: 0 },
  ];

  it('matches its snapshot', async () => {
    const figure = render(errorCurveOptions(errors, [1, 3]));
    expectFinite(figure);
    await expectSnapshot(figure, 'svd-error-curve');
  });

  it('draws the curve with a dot per rank and rings and labels the marked ranks only', () => {
    const figure = render(errorCurveOptions(errors, [1, 3]));
    expect(figure.all('g[stroke-width="1.5"] > path')).toHaveLength(1);
    expect(figure.all('circle[r="2.5"]')).toHaveLength(errors.length);
    expect(figure.all('g[stroke="#d6604d"] > circle')).toHaveLength(2);
    const texts = figure.texts();
    expect(texts.filter((t) => t.startsWith('k = '))).toEqual(['k = 1', 'k = 3']);
    expect(texts).toEqual(expect.arrayContaining(['rank k →', '↑ relative error ‖X − Xₖ‖ / ‖X‖']));
  });
});

describe('the committed svd-100 figures', () => {
  const r = loadResult('svd-100');

  it('draw the data as an n × 12 image and the error curve over every rank', () => {
    const image = render(matrixImageOptions({ title: 'data X', rows: r.data }, r.names));
    expect(imageSize(image)).toEqual({ width: r.names.length, height: r.n });
    const curve = render(errorCurveOptions(r.errors, r.shownRanks));
    expectFinite(curve);
    expect(curve.all('circle[r="2.5"]')).toHaveLength(r.errors.length);
    expect(curve.all('g[stroke="#d6604d"] > circle')).toHaveLength(r.shownRanks.length);
  });

  it('rank slider: the rank-k reconstruction panel is titled by k, and its image reconstructs the data at full rank', () => {
    const d = svdFromResult(r);
    const plots = sliderPlots(r, d, 3);
    expect(render(plots.recon).texts()).toContain('rank 3');
    expect(render(plots.curve).texts()).toContain('k = 3');
    // at full rank the reconstruction is the data: the same pixels
    const full = render(sliderPlots(r, d, r.names.length).recon);
    const data = render(plots.data);
    const pixels = (f: RenderedFigure) => {
      const href = f.all('image')[0].getAttribute('href')!;
      const png = Buffer.from(href.slice(href.indexOf(',') + 1), 'base64');
      return inflateSync(png.subarray(41, png.length - 12)); // IDAT payload: after signature + IHDR + IDAT header, before CRC + IEND
    };
    expect(pixels(full).equals(pixels(data))).toBe(true);
  });
});
