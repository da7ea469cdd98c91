/**
 * `impute: false` drops the missing cells' generated quantities and nothing else: the chain
 * (which draws from its own stream) is the same draw for draw, and the imputation columns are gone.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random';
import { maskMcar, simulateMvn } from '../../../src/lib/data';
import { fromRows } from '../../../src/lib/linalg';
import { mvnModel } from '../../../src/lib/bayes/models/mvn';
import { runChain } from '../../../src/lib/bayes/sampler';
import { columnDraws } from '../../../src/lib/bayes/summary';

const names = ['a', 'b', 'c'];
const rng = createRng(7);
const full = simulateMvn(rng, 40, [0, 1, -1], fromRows([[1, 0.5, 0.2], [0.5, 1, 0.3], [0.2, 0.3, 1]]));
const { data: x } = maskMcar(rng, full, 0.2);
const settings = { numWarmup: 100, numDraws: 50 };

describe('mvn model without imputations', () => {
  it('keeps every parameter draw bit for bit and drops only the x[…] columns', () => {
    const withCells = runChain(mvnModel({ x, names }), settings, 3, 0);
    const without = runChain(mvnModel({ x, names, impute: false }), settings, 3, 0);
    const imputed = withCells.columns.filter((c) => c.startsWith('x['));
    expect(imputed.length).toBeGreaterThan(0);
    expect(without.columns).toEqual(withCells.columns.filter((c) => !c.startsWith('x[')));
    for (const name of without.columns) {
      const [a] = columnDraws([withCells], name);
      const [b] = columnDraws([without], name);
      expect(b.length).toBe(settings.numDraws);
      expect(Array.from(b), name).toEqual(Array.from(a));
    }
  });
});
