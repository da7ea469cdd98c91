/**
 * The prior change of section 10 on its own: the identified structure fitted twice to the same
 * sample with the same chain seeds, once with the widened priors (sem-identified-263) and once
 * with the original's loading and residual-sd priors (sem-original-priors-263). Builders take
 * result data and return rows; nothing here reads files.
 */
import type { SemResult } from '../lib/results/sem';
import { mlParameter, summaryRow } from './sem';

export interface PriorShiftRow {
  readonly name: string;
  readonly group: string;
  /** ML estimate on the same sample (no prior at all), when the fit has the parameter */
  readonly ml: number | null;
  readonly widened: { readonly mean: number; readonly sd: number; readonly lower: number; readonly upper: number; readonly mcse: number | null };
  readonly original: { readonly mean: number; readonly sd: number; readonly lower: number; readonly upper: number; readonly mcse: number | null };
  /** (original-priors mean − widened mean) / widened posterior sd */
  readonly shift: number;
  /** the same difference over the two Monte Carlo errors combined: how far it is from chain noise */
  readonly shiftZ: number | null;
}

function part(row: SemResult['summary'][number]) {
  return { mean: row.mean, sd: row.sd, lower: row['hdi_3%'], upper: row['hdi_97%'], mcse: row.mcse_mean };
}

/**
 * Every parameter's shift between the two fits. Rows: all structural paths (the question the
 * comparison answers), then every other parameter whose mean moves by more than `threshold`
 * posterior sds (the rule that picks what else to show, stated before looking), in model order.
 */
export function priorShiftRows(widened: SemResult, original: SemResult, threshold = 1): PriorShiftRow[] {
  if (widened.spec !== 'identified' || original.spec !== 'identified') {
    throw new Error(`the prior comparison needs two fits of the identified specification; got ${widened.spec} and ${original.spec}`);
  }
  const rows = widened.summary
    .filter((w) => w.group !== 'auxiliary')
    .map((w): PriorShiftRow => {
      const o = summaryRow(original, w.name);
      const diff = o.mean - w.mean;
      const mcse = w.mcse_mean !== null && o.mcse_mean !== null ? Math.hypot(w.mcse_mean, o.mcse_mean) : null;
      return { name: w.name, group: w.group, ml: mlParameter(widened, w.name)?.estimate ?? null, widened: part(w), original: part(o), shift: diff / w.sd, shiftZ: mcse && mcse > 0 ? diff / mcse : null };
    });
  const paths = rows.filter((r) => r.group === 'path');
  if (paths.length === 0) throw new Error('the SEM results have no structural paths to compare');
  return [...paths, ...rows.filter((r) => r.group !== 'path' && Math.abs(r.shift) > threshold)];
}

/** The largest |shift| among the structural paths, and which path it is. */
export function largestPathShift(rows: readonly PriorShiftRow[]): PriorShiftRow {
  const paths = rows.filter((r) => r.group === 'path');
  if (paths.length === 0) throw new Error('no structural paths among the rows');
  return paths.reduce((a, b) => (Math.abs(b.shift) > Math.abs(a.shift) ? b : a));
}
