/**
 * Every model's SRMR on one scale: generated data sets of size m against the truth, next to
 * the sampling floor at the same m and what the experiment cost to compute. Build-time only.
 */
import { loadResult } from './results';
import { loadManifest } from './manifest';

export interface SummaryRow {
  id: string;
  family: 'VAE' | 'Bayesian MVN' | 'SEM';
  label: string;
  /** rows the model was fitted to */
  fitRows: number;
  /** size of each generated data set */
  setSize: number;
  /** mean SRMR over generated sets, and its 5–95% range */
  srmr: number;
  q05: number;
  q95: number;
  /** VAE: the range of per-seed mean SRMR over independent seeds */
  seedMin?: number;
  seedMax?: number;
  seeds?: number;
  /** mean SRMR of true-distribution samples of the same size */
  floor: number;
  wallSeconds: number;
}

function floorAt(size: number): number {
  const f = loadResult('sampling-floor').floors.find((x) => x.size === size);
  if (!f) throw new Error(`sampling-floor has no entry for set size ${size}; add it to sizes in src/lib/experiments/sampling-floor.ts`);
  return f.mean;
}

const VAE_ROWS = [
  ['vae-plain-500', 'Plain VAE, 500 rows'],
  ['vae-plain-1000', 'Plain VAE, 1 000 rows'],
  ['vae-plain-10000', 'Plain VAE, 10 000 rows'],
  ['vae-masked-5000', 'Masked VAE, 5 000 rows, 20% missing'],
  ['vae-masked-25000', 'Masked VAE, 25 000 rows, 20% missing'],
  ['vae-imputed-10000', 'Mean-imputed, plain VAE, 10 000 rows, 20% missing'],
] as const;

export function summaryRows(families: readonly SummaryRow['family'][] = ['VAE', 'Bayesian MVN', 'SEM']): SummaryRow[] {
  const manifest = loadManifest();
  const wall = (id: string) => manifest.experiments[id]?.wallSeconds ?? Number.NaN;
  const rows: SummaryRow[] = (families.includes('VAE') ? VAE_ROWS : []).map(([id, label]) => {
    const r = loadResult(id);
    return {
      id,
      family: 'VAE',
      label,
      fitRows: r.dataset.trainRows,
      setSize: r.audit.setSize,
      srmr: r.audit.srmr,
      q05: r.audit.srmrQ05,
      q95: r.audit.srmrQ95,
      seedMin: r.seeds.srmrMin,
      seedMax: r.seeds.srmrMax,
      seeds: r.seeds.runs.length,
      floor: floorAt(r.audit.setSize),
      wallSeconds: wall(id),
    };
  });
  for (const [id, label] of (families.includes('Bayesian MVN') ? [
    ['mvn-500', 'Bayesian MVN, 500 rows'],
    ['mvn-missing-500', 'Bayesian MVN, 500 rows, 10% missing'],
  ] as const : [])) {
    const r = loadResult(id);
    rows.push({ id, family: 'Bayesian MVN', label, fitRows: r.n, setSize: r.n, srmr: r.predictive.srmr.mean, q05: r.predictive.srmr.q05, q95: r.predictive.srmr.q95, floor: floorAt(r.n), wallSeconds: wall(id) });
  }
  for (const [id, label] of (families.includes('SEM') ? [
    ['sem-original-263', 'SEM as originally specified, 263 rows'],
    ['sem-identified-263', 'SEM, identified, 263 rows'],
  ] as const : [])) {
    const r = loadResult(id);
    const s = r.predictive.srmrPerSet;
    rows.push({ id, family: 'SEM', label, fitRows: r.n, setSize: r.predictive.n, srmr: s.mean, q05: s.lower, q95: s.upper, floor: floorAt(r.predictive.n), wallSeconds: wall(id) });
  }
  return rows;
}
