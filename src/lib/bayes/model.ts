/**
 * The contract between a model and the sampler: a log density on an unconstrained
 * space R^d with its exact gradient, and a map back to named, constrained values.
 */
import type { Rng } from '../random';

export interface ParameterBlock {
  /** e.g. 'mu', 'sigma', 'corr', 'CTS=~ST' */
  readonly name: string;
  /** [] for a scalar, [p] for a vector, [p, p] for a matrix */
  readonly shape: readonly number[];
  /** Optional labels per element (same length as the flattened block), e.g. 'mu[JW1]'. */
  readonly labels?: readonly string[];
  /**
   * Which elements a summary table reports: all of them (default), or only the strict lower
   * triangle of a symmetric matrix with a fixed diagonal (a correlation matrix).
   */
  readonly summarise?: 'all' | 'strict-lower';
}

export interface Model {
  /** Dimension of the unconstrained space. */
  readonly dim: number;
  /** Constrained parameter blocks, in the order `constrain` fills them. */
  readonly parameters: readonly ParameterBlock[];
  /**
   * log p(θ | data) up to a constant, on the unconstrained scale (log-Jacobians included),
   * writing ∂/∂θ into `grad` (length dim). Returns -Infinity, with any grad, outside the support.
   */
  logDensityAndGradient(theta: Float64Array, grad: Float64Array): number;
  /** Named constrained values, flattened row-major per block. */
  constrain(theta: Float64Array): Record<string, Float64Array>;
  /**
   * Blocks produced by `generate` (Stan's generated quantities: imputations, predictions),
   * drawn once per retained posterior draw.
   */
  readonly generated?: readonly ParameterBlock[];
  /** Random quantities given θ; consumes only `rng` (a stream separate from the sampler's). */
  generate?(theta: Float64Array, rng: Rng): Record<string, Float64Array>;
}

/** Flattened element labels of a block, e.g. mu[0], corr[1,0]; uses `labels` when given. */
export function blockLabels(block: ParameterBlock): string[] {
  if (block.labels) return [...block.labels];
  const size = block.shape.reduce((a, b) => a * b, 1);
  if (block.shape.length === 0) return [block.name];
  const out: string[] = [];
  for (let i = 0; i < size; i++) {
    const idx: number[] = [];
    let r = i;
    for (let d = block.shape.length - 1; d >= 0; d--) {
      idx.unshift(r % block.shape[d]);
      r = Math.floor(r / block.shape[d]);
    }
    out.push(`${block.name}[${idx.join(',')}]`);
  }
  return out;
}

/** Indices within a block that a summary reports (see ParameterBlock.summarise). */
export function summarisedIndices(block: ParameterBlock): number[] {
  const size = block.shape.reduce((a, b) => a * b, 1);
  if (block.summarise === 'strict-lower') {
    const k = block.shape[0];
    const out: number[] = [];
    for (let i = 1; i < k; i++) for (let j = 0; j < i; j++) out.push(i * k + j);
    return out;
  }
  return Array.from({ length: size }, (_, i) => i);
}
