/**
 * A model that behaves exactly as the one it wraps, except that (1) each retained draw's
 * values of a few named parameters are handed to `sink` (runChain calls `constrain` once
 * per retained draw and nowhere else), and (2) generated quantities are dropped: the lab
 * needs the posterior of μ, σ and Ω, not a draw of every missing cell per iteration.
 * The sampler's draws are unchanged: constrain and generate consume no sampler randomness.
 * Warm-up iterations are read separately (runChain's onWarmupDraw) with `tracedValues`.
 */
import type { Model } from '../../lib/bayes/model';
import { blockLabels } from '../../lib/bayes/model';

/** Picks the named parameters out of `model.constrain`'s result. */
function picker(model: Model, columns: readonly string[]): (values: Record<string, Float64Array>) => number[] {
  const where = columns.map((c) => {
    for (const b of model.parameters) {
      const k = blockLabels(b).indexOf(c);
      if (k >= 0) return { block: b.name, k };
    }
    throw new Error(`tapModel: the model has no parameter labelled ${c}`);
  });
  return (values) => where.map((w) => values[w.block][w.k]);
}

/** The values of the named parameters at an unconstrained position (deterministic, no sink). */
export function tracedValues(model: Model, columns: readonly string[]): (theta: Float64Array) => number[] {
  const pick = picker(model, columns);
  return (theta) => pick(model.constrain(theta));
}

export function tapModel(model: Model, columns: readonly string[], sink: (values: number[]) => void): Model {
  const pick = picker(model, columns);
  return {
    dim: model.dim,
    parameters: model.parameters,
    logDensityAndGradient: (theta, grad) => model.logDensityAndGradient(theta, grad),
    constrain: (theta) => {
      const values = model.constrain(theta);
      sink(pick(values));
      return values;
    },
  };
}
