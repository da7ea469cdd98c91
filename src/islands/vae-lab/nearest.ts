/**
 * Which baked result to show beside the reader's model: the same architecture, then the
 * nearest size on a log scale (500 is as far from 1000 as 1000 from 2000), then the nearest
 * missing fraction. Pure.
 */
import type { VaeArch } from './controls';

export interface BakedVaeConfig {
  readonly id: string;
  readonly arch: VaeArch;
  readonly rows: number;
  readonly missingFraction: number;
}

/** The six VAE experiments, as the lab's controls would describe them. */
export const BAKED_VAE: readonly BakedVaeConfig[] = [
  { id: 'vae-plain-500', arch: 'plain', rows: 500, missingFraction: 0 },
  { id: 'vae-plain-1000', arch: 'plain', rows: 1000, missingFraction: 0 },
  { id: 'vae-plain-10000', arch: 'plain', rows: 10000, missingFraction: 0 },
  { id: 'vae-masked-5000', arch: 'masked', rows: 5000, missingFraction: 0.2 },
  { id: 'vae-masked-25000', arch: 'masked', rows: 25000, missingFraction: 0.2 },
  { id: 'vae-imputed-10000', arch: 'imputed', rows: 10000, missingFraction: 0.2 },
];

export function nearestBaked(q: { arch: VaeArch; rows: number; missingFraction: number }, baked: readonly BakedVaeConfig[] = BAKED_VAE): BakedVaeConfig | null {
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
