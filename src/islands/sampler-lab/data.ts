/** The sampler lab's data: n rows of the population with a fraction of cells removed at random. */
import { maskMcar, simulatePopulation } from '../../lib/data';
import type { Matrix } from '../../lib/linalg';
import { createRng, derive } from '../../lib/random';
import type { SamplerLabConfig } from './controls';

export function labData(c: Pick<SamplerLabConfig, 'rows' | 'missingFraction' | 'seed'>): Matrix {
  const full = simulatePopulation(createRng(derive(c.seed, 'data', c.rows)), c.rows);
  return c.missingFraction > 0 ? maskMcar(createRng(derive(c.seed, 'missing', c.rows)), full, c.missingFraction).data : full;
}
