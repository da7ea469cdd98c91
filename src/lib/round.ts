/**
 * Deterministic rounding for baked results: results stay small and diffs stay readable, and
 * the same numbers always print the same way.
 */
import { toRows, type Matrix } from './linalg';

/** x rounded to `digits` significant digits (0 stays 0; non-finite values are returned as is). */
export function roundSig(x: number, digits = 6): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(digits));
}

export function roundArray(xs: ArrayLike<number>, digits = 6): number[] {
  return Array.from(xs, (x) => roundSig(x, digits));
}

/** A matrix as rows of rounded numbers, the shape results store. */
export function roundMatrix(m: Matrix, digits = 6): number[][] {
  return toRows(m).map((row) => row.map((x) => roundSig(x, digits)));
}
