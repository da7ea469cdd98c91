/** Matrices as images on the essay's diverging colour scale (RdBu over [-limit, limit]). */
import { interpolateRdBu } from 'd3-scale-chromatic';
import { pngDataUri } from './png';

/** A matrix as RGB pixels on the diverging RdBu scale over [-limit, limit] (clamped). */
export function matrixPixels(rows: readonly (readonly number[])[], limit: number): Uint8Array {
  const n = rows.length;
  const p = rows[0]?.length ?? 0;
  const rgb = new Uint8Array(n * p * 3);
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      const t = (Math.max(-limit, Math.min(limit, v)) / limit + 1) / 2;
      const m = /rgb\((\d+), (\d+), (\d+)\)/.exec(interpolateRdBu(t));
      const o = (r * p + c) * 3;
      if (m) {
        rgb[o] = Number(m[1]);
        rgb[o + 1] = Number(m[2]);
        rgb[o + 2] = Number(m[3]);
      }
    }),
  );
  return rgb;
}

/** A matrix as a PNG data URI, one pixel per cell. */
export function matrixImageUri(rows: readonly (readonly number[])[], limit: number): string {
  return pngDataUri(rows[0]?.length ?? 0, rows.length, matrixPixels(rows, limit));
}
