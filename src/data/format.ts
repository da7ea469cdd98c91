/** Number formatting shared by prose, tables and captions (one style everywhere). */

/** Fixed decimals, with a true minus sign. */
export function fixed(x: number, digits = 2): string {
  const s = x.toFixed(digits);
  if (Number(s) === 0) return s.replace('-', ''); // no "−0.00"
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}

/** Correlation style: no leading zero (.668, −.206), as in the source tables. */
export function corr(x: number, digits = 3): string {
  return fixed(x, digits).replace(/^(−?)0\./, '$1.');
}

/** Thousands separated by a thin space (10 000). */
export function count(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
}

export function percent(x: number, digits = 0): string {
  return `${fixed(100 * x, digits)}%`;
}

/** Seconds as "42 s", "3.5 min" or "1.2 h". */
export function duration(seconds: number): string {
  if (seconds < 90) return `${fixed(seconds, seconds < 10 ? 1 : 0)} s`;
  if (seconds < 5400) return `${fixed(seconds / 60, 1)} min`;
  return `${fixed(seconds / 3600, 1)} h`;
}
