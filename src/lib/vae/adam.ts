/**
 * Adam with PyTorch's update rule (bias-corrected moments, ε added to √v̂), run in JS over the
 * model's Float32Arrays. On CPU-resident backends (wasm, cpu) the gradients are already in
 * host memory, and one JS loop replaces ~10 kernel launches per parameter tensor.
 */
import type { Params } from './params';

export interface AdamOptions {
  readonly learningRate: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
}

export interface AdamState {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  t: number;
  readonly m: Params;
  readonly v: Params;
}

export function createAdam(params: Params, o: AdamOptions): AdamState {
  if (!(o.learningRate > 0)) throw new Error(`Adam: learning rate must be positive, got ${o.learningRate}`);
  const m: Params = {};
  const v: Params = {};
  for (const [k, a] of Object.entries(params)) {
    m[k] = new Float32Array(a.length);
    v[k] = new Float32Array(a.length);
  }
  return { lr: o.learningRate, beta1: o.beta1 ?? 0.9, beta2: o.beta2 ?? 0.999, epsilon: o.epsilon ?? 1e-8, t: 0, m, v };
}

/**
 * One update in place. Throws, naming the parameter, if a gradient is NaN or infinite, so a
 * diverging fit stops with a message instead of silently filling the weights with NaN.
 */
export function adamStep(s: AdamState, params: Params, grads: Record<string, ArrayLike<number>>): void {
  s.t += 1;
  const bc1 = 1 - s.beta1 ** s.t;
  const bc2 = 1 - s.beta2 ** s.t;
  const stepSize = s.lr / bc1;
  const sqrtBc2 = Math.sqrt(bc2);
  for (const k of Object.keys(params)) {
    const p = params[k];
    const g = grads[k];
    const m = s.m[k];
    const v = s.v[k];
    if (!g || g.length !== p.length) throw new Error(`Adam: gradient for '${k}' is missing or has the wrong size`);
    for (let i = 0; i < p.length; i++) {
      const gi = g[i];
      if (!Number.isFinite(gi)) throw new Error(`Adam: gradient of '${k}' is ${gi} at step ${s.t}: the loss diverged (lower the learning rate or check the data for extreme values)`);
      const mi = s.beta1 * m[i] + (1 - s.beta1) * gi;
      const vi = s.beta2 * v[i] + (1 - s.beta2) * gi * gi;
      m[i] = mi;
      v[i] = vi;
      p[i] -= (stepSize * mi) / (Math.sqrt(vi) / sqrtBc2 + s.epsilon);
    }
  }
}
