/**
 * Direct, indirect and total effects among latent factors from the path matrix B
 * (B[i, j] = effect of j on i): direct = B, total = (I − B)⁻¹ − I, indirect = total − direct.
 */
import type { SemDescription } from './description';
import { inverseIMinusNilpotent } from '../dense';
import type { PathPlacement } from './model';

export interface Effects {
  /** m×m each, row-major, [i, j] = effect of latent j on latent i */
  readonly direct: Float64Array;
  readonly indirect: Float64Array;
  readonly total: Float64Array;
}

export function effects(B: Float64Array, m: number): Effects {
  if (B.length !== m * m) throw new Error(`effects: B has ${B.length} entries, expected ${m}×${m}`);
  const total = inverseIMinusNilpotent(B, m, new Float64Array(m * m), new Float64Array(m * m), new Float64Array(m * m));
  for (let i = 0; i < m; i++) total[i * m + i] -= 1;
  const indirect = total.map((v, k) => v - B[k]);
  return { direct: Float64Array.from(B), indirect, total };
}

/** B from named path values (as a sampler's constrained draw gives them), placed as the spec says. */
export function pathMatrix(description: SemDescription, placement: PathPlacement, value: (name: string) => number): Float64Array {
  const m = description.latents.length;
  const B = new Float64Array(m * m);
  for (const p of description.paths) {
    const [r, c] = placement === 'intended' ? [p.toIndex, p.fromIndex] : [p.fromIndex, p.toIndex];
    B[r * m + c] = value(p.name);
  }
  return B;
}
