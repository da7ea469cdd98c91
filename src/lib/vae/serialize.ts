/**
 * Weights as plain JSON, so the browser can start from a baked model. Layout: each parameter is
 * a flat row-major list with its shape; W is in×out (the transpose of PyTorch's weight).
 */
import { checkParams, type Params, type Vae } from './params';
import { paramShapes, validateSpec, type VaeSpec } from './spec';

export const VAE_WEIGHTS_FORMAT = 'vae-weights/1';

export interface VaeWeightsJson {
  readonly format: typeof VAE_WEIGHTS_FORMAT;
  readonly spec: VaeSpec;
  readonly params: { readonly name: string; readonly shape: number[]; readonly values: number[] }[];
}

/** Round to `digits` significant digits, deterministically (toPrecision is exact and portable). */
export function roundSig(x: number, digits = 6): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(digits));
}

/** digits = null keeps full float32 precision (a lossless round trip). */
export function exportWeights(model: Vae, digits: number | null = 6): VaeWeightsJson {
  checkParams(model.spec, model.params);
  return {
    format: VAE_WEIGHTS_FORMAT,
    spec: { ...model.spec, logVarClamp: model.spec.logVarClamp ? [model.spec.logVarClamp[0], model.spec.logVarClamp[1]] : null },
    params: paramShapes(model.spec).map((s) => ({
      name: s.name,
      shape: [...s.shape],
      values: Array.from(model.params[s.name], (v) => (digits === null ? v : roundSig(v, digits))),
    })),
  };
}

export function importWeights(json: unknown): Vae {
  const j = json as Partial<VaeWeightsJson> | null;
  if (!j || typeof j !== 'object') throw new Error('importWeights: expected an object produced by exportWeights');
  if (j.format !== VAE_WEIGHTS_FORMAT) throw new Error(`importWeights: unknown format '${String(j.format)}', expected '${VAE_WEIGHTS_FORMAT}' (re-export the model with this version)`);
  if (!j.spec || !Array.isArray(j.params)) throw new Error('importWeights: missing spec or params');
  const spec: VaeSpec = { ...j.spec, logVarClamp: j.spec.logVarClamp ? [j.spec.logVarClamp[0], j.spec.logVarClamp[1]] : null };
  validateSpec(spec);
  const params: Params = {};
  for (const p of j.params) {
    if (!p || typeof p.name !== 'string' || !Array.isArray(p.values)) throw new Error('importWeights: each parameter needs a name and a values array');
    const a = Float32Array.from(p.values);
    const bad = a.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new Error(`importWeights: parameter '${p.name}' has a non-finite value at index ${bad}`);
    params[p.name] = a;
  }
  checkParams(spec, params);
  return { spec, params };
}
