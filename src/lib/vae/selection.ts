/**
 * The rule that picks the masked VAE's training configuration from the ablation, stated before
 * the ablation ran, and applicable without knowing the truth: the lowest mean, over seeds, of
 * the importance-sampled negative log-likelihood per observed cell on the held-out split.
 * (The truth-based scores — SRMR against the population — play no part.) Ties go to the cell
 * listed first. Pure data in, data out: no tf.
 */

export interface CellFits {
  readonly id: string;
  readonly fits: readonly { readonly seed: number; readonly testNllPerCell: number }[];
}

export interface Selection {
  /** cells by mean held-out NLL per observed cell, best first */
  readonly ranking: { cell: string; testNllPerCell: number }[];
  readonly selected: string;
  /** selected − runner-up, seed by seed (the cells share seeds): its mean, min and max */
  readonly pairedDifference: { mean: number; min: number; max: number };
}

export function selectByHeldOutNll(cells: readonly CellFits[]): Selection {
  if (cells.length < 2) throw new Error('selectByHeldOutNll: need at least two cells to choose from');
  const means = cells.map((c, order) => {
    if (c.fits.length === 0) throw new Error(`selectByHeldOutNll: cell ${c.id} has no fits`);
    const bad = c.fits.find((f) => !Number.isFinite(f.testNllPerCell));
    if (bad) throw new Error(`selectByHeldOutNll: cell ${c.id} has a non-finite held-out NLL at seed ${bad.seed}`);
    return { cell: c.id, order, testNllPerCell: c.fits.reduce((s, f) => s + f.testNllPerCell, 0) / c.fits.length };
  });
  const ranking = [...means].sort((a, b) => a.testNllPerCell - b.testNllPerCell || a.order - b.order);
  const [best, second] = [cells[ranking[0].order], cells[ranking[1].order]];
  const diffs = best.fits.map((f) => {
    const g = second.fits.find((x) => x.seed === f.seed);
    if (!g) throw new Error(`selectByHeldOutNll: cells ${best.id} and ${second.id} do not share seed ${f.seed}`);
    return f.testNllPerCell - g.testNllPerCell;
  });
  return {
    ranking: ranking.map(({ cell, testNllPerCell }) => ({ cell, testNllPerCell })),
    selected: best.id,
    pairedDifference: { mean: diffs.reduce((s, d) => s + d, 0) / diffs.length, min: Math.min(...diffs), max: Math.max(...diffs) },
  };
}
