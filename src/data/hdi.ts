/**
 * The probability mass of the intervals in a posterior summary, read from the names of its
 * bounds (hdi_3% and hdi_97% → 0.94), so prose and captions never type it.
 */
export function hdiMass(summary: readonly object[]): number {
  if (summary.length === 0) throw new Error('hdiMass: the summary has no rows');
  const bounds = Object.keys(summary[0])
    .map((k) => /^hdi_([\d.]+)%$/.exec(k))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]));
  if (bounds.length !== 2) throw new Error(`hdiMass: summary rows should carry exactly two hdi_N% bounds, found ${bounds.length}`);
  return (Math.max(...bounds) - Math.min(...bounds)) / 100;
}
