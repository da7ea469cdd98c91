/**
 * Which baked result to show beside the reader's model: the same architecture, then the
 * nearest size on a log scale (500 is as far from 1000 as 1000 from 2000), then the nearest
 * missing fraction. Pure. The table itself is derived from the catalogue (baked-table.ts) at
 * build time and handed to the page, so the lab's bundle does not carry the catalogue.
 */
import type { VaeConfig } from '../../lib/results/vae';
import type { VaeArch } from './controls';

export interface BakedVaeConfig {
  readonly id: string;
  readonly arch: VaeArch;
  readonly rows: number;
  readonly missingFraction: number;
}

/** A VAE experiment's config as the lab's controls would describe it. */
export function bakedVaeConfig(id: string, c: Pick<VaeConfig, 'model' | 'imputation' | 'n' | 'missingFraction'>): BakedVaeConfig {
  const arch: VaeArch = c.model === 'masked' ? 'masked' : c.imputation === 'none' ? 'plain' : 'imputed';
  return { id, arch, rows: c.n, missingFraction: c.missingFraction };
}

export function nearestBaked(q: { arch: VaeArch; rows: number; missingFraction: number }, baked: readonly BakedVaeConfig[]): BakedVaeConfig | null {
  let best: BakedVaeConfig | null = null;
  let bestKey: [number, number, number] = [Infinity, Infinity, Infinity];
  for (const b of baked) {
    const key: [number, number, number] = [b.arch === q.arch ? 0 : 1, Math.abs(Math.log(b.rows) - Math.log(q.rows)), Math.abs(b.missingFraction - q.missingFraction)];
    const better = key[0] < bestKey[0] || (key[0] === bestKey[0] && (key[1] < bestKey[1] - 1e-12 || (Math.abs(key[1] - bestKey[1]) <= 1e-12 && key[2] < bestKey[2])));
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
      !!b && typeof b.id === 'string' && ['plain', 'masked', 'imputed'].includes(b.arch) && Number.isFinite(b.rows) && b.rows > 0 && Number.isFinite(b.missingFraction),
  );
}
