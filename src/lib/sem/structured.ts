/**
 * Products with a matrix whose zero pattern the model fixes (Λ, the residual R and C), giving
 * bit for bit what dense.ts's kernels give: a skipped term is a product with a structural
 * zero. Such a term is ±0 when its other factor is finite, and adding ±0 to a sum that started
 * at +0 changes nothing (in round-to-nearest such a sum is never −0), so skipping it is exact.
 * Kernels that rely on the other factor being finite say so; their callers check (allFinite)
 * and fall back to the dense kernel otherwise.
 */

/** The entries of a rows×cols row-major matrix that may be nonzero, row by row, columns ascending. */
export interface Pattern {
  readonly rows: number;
  readonly cols: number;
  /** row i's columns are cols[start[i] … start[i + 1]) */
  readonly start: Int32Array;
  readonly index: Int32Array;
}

/** Pattern from a list of (row, column) entries (repeats allowed). */
export function patternOf(rows: number, cols: number, entries: readonly (readonly [number, number])[]): Pattern {
  const sets = Array.from({ length: rows }, () => new Set<number>());
  for (const [i, j] of entries) {
    if (!(i >= 0 && i < rows && j >= 0 && j < cols)) throw new Error(`patternOf: entry (${i}, ${j}) outside a ${rows}×${cols} matrix`);
    sets[i].add(j);
  }
  const start = new Int32Array(rows + 1);
  const index: number[] = [];
  sets.forEach((s, i) => {
    index.push(...[...s].sort((a, b) => a - b));
    start[i + 1] = index.length;
  });
  return { rows, cols, start, index: Int32Array.from(index) };
}

/** The pattern of the transpose (column by column, rows ascending). */
export function transposePattern(pa: Pattern): Pattern {
  const entries: [number, number][] = [];
  for (let i = 0; i < pa.rows; i++) for (let u = pa.start[i]; u < pa.start[i + 1]; u++) entries.push([pa.index[u], i]);
  return patternOf(pa.cols, pa.rows, entries);
}

/** The pattern of a · bᵀ for a and b with patterns pa, pb (same column count). */
export function productTPattern(pa: Pattern, pb: Pattern): Pattern {
  const entries: [number, number][] = [];
  for (let i = 0; i < pa.rows; i++) {
    const ci = new Set(pa.index.subarray(pa.start[i], pa.start[i + 1]));
    for (let j = 0; j < pb.rows; j++) {
      for (let u = pb.start[j]; u < pb.start[j + 1]; u++) {
        if (ci.has(pb.index[u])) {
          entries.push([i, j]);
          break;
        }
      }
    }
  }
  return patternOf(pa.rows, pb.rows, entries);
}

/** True when the first n entries of a are all finite. */
export function allFinite(a: Float64Array, n: number): boolean {
  let z = 0;
  for (let i = 0; i < n; i++) z += a[i] * 0; // NaN as soon as one entry is ±Infinity or NaN
  return z === 0;
}

/**
 * out (r×c) = a (r×k) · b (k×c) for a with pattern pa: exactly dense.ts's mul, which skips
 * a's zeros anyway (no condition on b).
 */
export function mulPatternLeft(a: Float64Array, pa: Pattern, b: Float64Array, r: number, k: number, c: number, out: Float64Array): void {
  out.fill(0, 0, r * c);
  const { start, index } = pa;
  for (let i = 0; i < r; i++) {
    const oo = i * c;
    for (let u = start[i]; u < start[i + 1]; u++) {
      const t = index[u];
      const v = a[i * k + t];
      if (v === 0) continue;
      const bo = t * c;
      for (let j = 0; j < c; j++) out[oo + j] += v * b[bo + j];
    }
  }
}

/**
 * out (r×c) = a (r×k) · b (k×c) for b whose transpose has pattern pbT (b's columns, rows
 * ascending): dense.ts's mul when a is finite (a term a_it · 0 is then ±0). Each entry is
 * mul's sum over t ascending, skipping a_it = 0 as mul does.
 */
export function mulPatternRight(a: Float64Array, b: Float64Array, pbT: Pattern, r: number, k: number, c: number, out: Float64Array): void {
  const { start, index } = pbT;
  for (let i = 0; i < r; i++) {
    const oo = i * c;
    const ao = i * k;
    for (let j = 0; j < c; j++) {
      let s = 0;
      for (let u = start[j]; u < start[j + 1]; u++) {
        const t = index[u];
        const v = a[ao + t];
        if (v === 0) continue;
        s += v * b[t * c + j];
      }
      out[oo + j] = s;
    }
  }
}

/** out (r×c) = aᵀ · b, a (k×r) with pattern pa, b (k×c): exactly dense.ts's tMul (it skips a's zeros). */
export function tMulPatternLeft(a: Float64Array, pa: Pattern, b: Float64Array, k: number, r: number, c: number, out: Float64Array): void {
  out.fill(0, 0, r * c);
  const { start, index } = pa;
  for (let t = 0; t < k; t++) {
    const bo = t * c;
    for (let u = start[t]; u < start[t + 1]; u++) {
      const i = index[u];
      const v = a[t * r + i];
      if (v === 0) continue;
      const oo = i * c;
      for (let j = 0; j < c; j++) out[oo + j] += v * b[bo + j];
    }
  }
}

/**
 * out (r×c) = a (r×k) · bᵀ + add (r×c; null: nothing added), b (c×k) with pattern pb:
 * dense.ts's mulT (then out += add) when a is finite.
 */
export function mulTPatternRight(a: Float64Array, b: Float64Array, pb: Pattern, r: number, k: number, c: number, add: Float64Array | null, out: Float64Array): void {
  const { start, index } = pb;
  // column by column of out: out_ij = ((0 + a_it₁ b_jt₁) + a_it₂ b_jt₂ …) [+ add_ij], t ascending,
  // accumulated in place (the same roundings as in a register)
  for (let j = 0; j < c; j++) {
    const bo = j * k;
    const u0 = start[j];
    const u1 = start[j + 1];
    if (u0 === u1) {
      for (let i = 0; i < r; i++) out[i * c + j] = 0;
    } else {
      const t0 = index[u0];
      const y0 = b[bo + t0];
      for (let i = 0; i < r; i++) out[i * c + j] = 0 + a[i * k + t0] * y0;
      for (let u = u0 + 1; u < u1; u++) {
        const t = index[u];
        const y = b[bo + t];
        for (let i = 0; i < r; i++) out[i * c + j] += a[i * k + t] * y;
      }
    }
    if (add !== null) for (let i = 0; i < r; i++) out[i * c + j] += add[i * c + j];
  }
}
