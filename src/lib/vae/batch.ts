/**
 * Data in the form the networks take: float32 rows, missing cells as 0 plus a 0/1 mask.
 */
import type { Matrix } from '../linalg';
import type { Rng } from '../random';
import { takesMask, type VaeSpec } from './spec';
import { fillNormal } from '../ziggurat';

export interface VaeData {
  readonly rows: number;
  readonly cols: number;
  /** values, missing cells set to 0 */
  readonly x: Float32Array;
  /** 1 = observed, 0 = missing; null for the plain VAE (its encoder takes no mask) */
  readonly mask: Float32Array | null;
}

/**
 * Checks and converts a data matrix. The plain VAE rejects NaN (impute first, or use the masked
 * VAE or MIWAE); all reject ±Infinity and rows of the wrong width.
 */
export function toVaeData(spec: VaeSpec, m: Matrix, what = 'data'): VaeData {
  if (m.cols !== spec.inputDim) throw new Error(`${what} has ${m.cols} columns but the VAE takes ${spec.inputDim}`);
  if (m.rows < 1) throw new Error(`${what} has no rows`);
  const x = new Float32Array(m.data.length);
  const mask = takesMask(spec) ? new Float32Array(m.data.length) : null;
  for (let i = 0; i < m.data.length; i++) {
    const v = m.data[i];
    if (Number.isNaN(v)) {
      if (!mask) {
        const r = Math.floor(i / m.cols);
        throw new Error(`${what} has a missing value (NaN) at row ${r}, column ${i % m.cols}: the plain VAE needs complete data — impute it first or use the masked VAE or MIWAE`);
      }
      continue; // x stays 0, mask stays 0
    }
    if (!Number.isFinite(v)) throw new Error(`${what} has a non-finite value (${v}) at row ${Math.floor(i / m.cols)}, column ${i % m.cols}`);
    x[i] = v;
    if (mask) mask[i] = 1;
  }
  return { rows: m.rows, cols: m.cols, x, mask };
}

/** Rows `index[start..end)` gathered into fresh arrays (fresh, because tf may alias them). */
export function gatherRows(d: VaeData, index: ArrayLike<number>, start: number, end: number): { x: Float32Array; mask: Float32Array | null } {
  const p = d.cols;
  const n = end - start;
  const x = new Float32Array(n * p);
  const mask = d.mask ? new Float32Array(n * p) : null;
  // Element loops, not subarray + set: two subarray views per row cost more than copying 12 floats.
  const dx = d.x;
  const dm = d.mask;
  for (let r = 0; r < n; r++) {
    const src = index[start + r] * p;
    const dst = r * p;
    for (let j = 0; j < p; j++) x[dst + j] = dx[src + j];
    if (mask && dm) for (let j = 0; j < p; j++) mask[dst + j] = dm[src + j];
  }
  return { x, mask };
}

export function normals(rng: Rng, n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal();
  return a;
}

/**
 * MIWAE's latent draws for one batch: K·rows·latent standard normals, sample-major, by the
 * ziggurat. MIWAE draws 20 times the masked VAE's normals per step (K = 20), and Box–Muller was
 * ~17% of its step; the plain and masked VAEs keep `normals` (their steps draw a few hundred).
 * Training, its autodiff reference and the per-epoch test loss all draw through here.
 */
export function importanceNoise(rng: Rng, samples: number, rows: number, latent: number): Float32Array {
  return fillNormal(rng, new Float32Array(samples * rows * latent));
}

/** Inverted dropout multipliers, as torch.nn.Dropout in training mode: 0 with probability p, else 1/(1−p). */
export function dropoutMask(rng: Rng, n: number, p: number): Float32Array {
  const a = new Float32Array(n);
  const keep = 1 / (1 - p);
  // One 32-bit draw per unit (not a 53-bit uniform): half the generator calls, and 2⁻³² resolution is plenty.
  const cut = p * 4294967296;
  for (let i = 0; i < n; i++) a[i] = rng.nextUint32() < cut ? 0 : keep;
  return a;
}
