/**
 * A model is plain data: its spec and one Float32Array per parameter. Tensors exist only inside
 * a training step or a forward pass, so a model crosses worker boundaries, serialises to JSON,
 * and copies (for "restore the best weights") with slice(), which is a real copy.
 */
import type { Rng } from '../random';
import { paramShapes, validateSpec, type VaeSpec } from './spec';

export type Params = Record<string, Float32Array>;

export interface Vae {
  readonly spec: VaeSpec;
  readonly params: Params;
}

/** PyTorch's default Linear init (weights and biases uniform ±1/√fan_in), drawn from our PRNG. */
export function createVae(spec: VaeSpec, rng: Rng): Vae {
  validateSpec(spec);
  const params: Params = {};
  for (const s of paramShapes(spec)) {
    const size = s.shape.reduce((a, b) => a * b, 1);
    const a = new Float32Array(size);
    if (s.fanIn > 0) {
      const bound = 1 / Math.sqrt(s.fanIn);
      for (let i = 0; i < size; i++) a[i] = (2 * rng.uniform() - 1) * bound;
    }
    params[s.name] = a;
  }
  return { spec, params };
}

/** A deep copy: no array is shared with the input. */
export function cloneVae(vae: Vae): Vae {
  const params: Params = {};
  for (const [k, v] of Object.entries(vae.params)) params[k] = v.slice();
  return { spec: { ...vae.spec }, params };
}

export function parameterCount(vae: Vae): number {
  return Object.values(vae.params).reduce((n, a) => n + a.length, 0);
}

/** Throws naming the first parameter whose size disagrees with the spec. */
export function checkParams(spec: VaeSpec, params: Params): void {
  for (const s of paramShapes(spec)) {
    const a = params[s.name];
    const size = s.shape.reduce((x, y) => x * y, 1);
    if (!a) throw new Error(`VAE parameter '${s.name}' is missing (a ${spec.kind} VAE needs ${paramShapes(spec).map((q) => q.name).join(', ')})`);
    if (a.length !== size) throw new Error(`VAE parameter '${s.name}' has ${a.length} values, expected ${size} (shape ${s.shape.join('×')})`);
  }
}
