/**
 * Which baked result to show beside the reader's model: the same architecture, then the same
 * objective (when both name one), then the nearest size on a log scale (500 is as far from 1000
 * as 1000 from 2000), then the nearest missing fraction. Pure. The table itself is derived from the catalogue (baked-table.ts) at
 * build time and handed to the page, so the lab's bundle does not carry the catalogue.
 */
import type { VaeVariantConfig } from '../../lib/results/vae-missing';
import type { ReconObjective } from '../../lib/vae/loss';
import { essayObjective, type VaeArch } from './controls';

export interface BakedVaeConfig {
  readonly id: string;
  readonly arch: VaeArch;
  readonly rows: number;
  readonly missingFraction: number;
  /** the objective it trained with; absent: its architecture's objective in the essay (essayObjective) */
  readonly objective?: ReconObjective;
}

/** A VAE experiment's config as the lab's controls would describe it. */
export function bakedVaeConfig(id: string, c: Pick<VaeVariantConfig, 'model' | 'imputation' | 'n' | 'missingFraction'> & { objective?: ReconObjective }): BakedVaeConfig {
  const arch: VaeArch = c.model === 'masked' ? 'masked' : c.model === 'miwae' ? 'miwae' : c.imputation === 'none' ? 'plain' : 'imputed';
  return { id, arch, rows: c.n, missingFraction: c.missingFraction, ...(c.objective !== undefined ? { objective: c.objective } : {}) };
}

export function nearestBaked(q: { arch: VaeArch; rows: number; missingFraction: number; objective?: ReconObjective }, baked: readonly BakedVaeConfig[]): BakedVaeConfig | null {
  let best: BakedVaeConfig | null = null;
  let bestKey = [Infinity, Infinity, Infinity, Infinity];
  for (const b of baked) {
    const objectiveMiss = q.objective !== undefined && q.objective !== (b.objective ?? essayObjective(b.arch)) ? 1 : 0;
    const key = [b.arch === q.arch ? 0 : 1, objectiveMiss, Math.abs(Math.log(b.rows) - Math.log(q.rows)), Math.abs(b.missingFraction - q.missingFraction)];
    // lexicographic, sizes compared with a tolerance (log ratios of equal distances differ in the last bits)
    let better = false;
    for (let k = 0; k < key.length; k++) {
      const tol = k === 2 ? 1e-12 : 0;
      if (key[k]! < bestKey[k]! - tol) {
        better = true;
        break;
      }
      if (key[k]! > bestKey[k]! + tol) break;
    }
    if (better) {
      best = b;
      bestKey = key;
    }
  }
  return best;
}

/** The table as the page hands it over (a data attribute holding JSON); anything malformed is dropped. */
export function parseBakedTable(json: string | undefined): BakedVaeConfig[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (b): b is BakedVaeConfig =>
      !!b && typeof b.id === 'string' && ['plain', 'masked', 'imputed', 'miwae'].includes(b.arch) && Number.isFinite(b.rows) && b.rows > 0 && Number.isFinite(b.missingFraction),
  );
}
