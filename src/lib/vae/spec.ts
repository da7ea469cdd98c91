/**
 * The two architectures of the essay, as data. Every layer is a Linear map stored as W (in×out,
 * so that y = x W + b) and b (out); the encoder's μ and log σ² heads are one Linear(64→2L) whose
 * first L outputs are μ, the decoder's mean and log-variance heads one Linear(64→2p), mean first.
 * Fusing the heads halves the kernel launches without changing the model: each fused column has
 * the same fan-in, so PyTorch's default init gives it the same distribution.
 */

export type VaeKind = 'plain' | 'masked' | 'miwae';

/** The architectures whose encoder reads a mask (and so accept data with missing cells). */
export const takesMask = (spec: VaeSpec): boolean => spec.kind !== 'plain';

export interface VaeSpec {
  readonly kind: VaeKind;
  /** number of indicators p */
  readonly inputDim: number;
  readonly hiddenDim: number;
  readonly latentDim: number;
  /** dropout probability on the masked VAE's feature path and decoder hidden layer (0 for plain and MIWAE) */
  readonly dropout: number;
  /** decoder log-variance clamp, [lo, hi], or null for none */
  readonly logVarClamp: [number, number] | null;
}

/** Linear(12→64)+ReLU → μ, log σ² (latent 8); Linear(8→64)+ReLU → mean, log-variance (12 each). */
export const PLAIN_SPEC: VaeSpec = { kind: 'plain', inputDim: 12, hiddenDim: 64, latentDim: 8, dropout: 0, logVarClamp: null };

/**
 * Fill-in values for missing inputs; feature path Linear(12→64)+SiLU+dropout 0.2; mask path
 * Linear(12→64)+SiLU+Linear(64→64); summed; heads to latent 12; decoder Linear(12→64)+SiLU+dropout
 * 0.2; mean head and a log-variance head clamped to [−5, 5].
 */
export const MASKED_SPEC: VaeSpec = { kind: 'masked', inputDim: 12, hiddenDim: 64, latentDim: 12, dropout: 0.2, logVarClamp: [-5, 5] };

/**
 * MIWAE (Mattei & Frellsen 2019) with the masked VAE's encoder and decoder sizes: the same
 * feature path, mask path, latent 12 and clamped decoder, but missing inputs are zero-filled
 * (no learnable fill-in) and there is no dropout — the importance-weighted bound is trained as
 * the paper trains it. Only the objective and the fill-in differ from MASKED_SPEC.
 */
export const MIWAE_SPEC: VaeSpec = { kind: 'miwae', inputDim: 12, hiddenDim: 64, latentDim: 12, dropout: 0, logVarClamp: [-5, 5] };

export interface ParamShape {
  readonly name: string;
  readonly shape: readonly number[];
  /** fan-in for PyTorch's default init (uniform ±1/√fanIn); 0 means "initialise to zero" */
  readonly fanIn: number;
}

/** Parameter names, shapes and init fan-ins, in the fixed order used for init and export. */
export function paramShapes(spec: VaeSpec): ParamShape[] {
  const { inputDim: p, hiddenDim: h, latentDim: l } = spec;
  const linear = (name: string, i: number, o: number): ParamShape[] => [
    { name: `${name}.W`, shape: [i, o], fanIn: i },
    { name: `${name}.b`, shape: [o], fanIn: i },
  ];
  if (spec.kind === 'plain') {
    return [...linear('enc', p, h), ...linear('encHead', h, 2 * l), ...linear('dec', l, h), ...linear('decHead', h, 2 * p)];
  }
  return [
    // The original initialises its fill-in parameter at zero (torch.zeros); so do we. MIWAE has none.
    ...(spec.kind === 'masked' ? [{ name: 'fill', shape: [p], fanIn: 0 }] : []),
    ...linear('encX', p, h),
    ...linear('encM1', p, h),
    ...linear('encM2', h, h),
    ...linear('encHead', h, 2 * l),
    ...linear('dec', l, h),
    ...linear('decHead', h, 2 * p),
  ];
}

export function validateSpec(spec: VaeSpec): void {
  for (const k of ['inputDim', 'hiddenDim', 'latentDim'] as const) {
    if (!Number.isInteger(spec[k]) || spec[k] < 1) throw new Error(`VaeSpec.${k} must be a positive integer, got ${spec[k]}`);
  }
  if (!(spec.dropout >= 0 && spec.dropout < 1)) throw new Error(`VaeSpec.dropout must be in [0, 1), got ${spec.dropout}`);
  if (spec.kind !== 'plain' && spec.kind !== 'masked' && spec.kind !== 'miwae') throw new Error(`VaeSpec.kind must be 'plain', 'masked' or 'miwae', got ${String(spec.kind)}`);
  if (spec.kind === 'miwae' && spec.dropout !== 0) throw new Error(`VaeSpec.dropout must be 0 for MIWAE (it draws K latent samples per row; dropout is not part of the method), got ${spec.dropout}`);
  if (spec.logVarClamp && !(spec.logVarClamp[0] < spec.logVarClamp[1])) throw new Error('VaeSpec.logVarClamp must be [lo, hi] with lo < hi');
}
