/**
 * The contract between a model and the sampler: a log density on an unconstrained
 * space R^d with its exact gradient, and a map back to named, constrained values.
 */

export interface ParameterBlock {
  /** e.g. 'mu', 'sigma', 'corr', 'CTS=~ST' */
  readonly name: string;
  /** [] for a scalar, [p] for a vector, [p, p] for a matrix */
  readonly shape: readonly number[];
  /** Optional labels per element (same length as the flattened block), e.g. 'mu[JW1]'. */
  readonly labels?: readonly string[];
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
}
