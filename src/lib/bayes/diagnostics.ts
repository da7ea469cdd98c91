/**
 * Convergence and efficiency diagnostics as the R package posterior and ArviZ compute them
 * (Vehtari, Gelman, Simpson, Carpenter & Bürkner 2021, "Rank-normalization, folding, and
 * localization"). Input: one Float64Array of draws per chain, all of equal length.
 */

/** Φ⁻¹(p), Wichura's AS241 (PPND16), ~1e-16 relative accuracy. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return NaN;
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r +
          13731.693765509461125) * r + 1971.5909503065514427) * r + 133.14166789178437745) * r + 3.387132872796366608)) /
      (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r +
        5394.1960214247511077) * r + 687.1870074920579083) * r + 42.313330701600911252) * r + 1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r +
        3.64784832476320460504) * r + 5.7694972214606914055) * r + 4.6303378461565452959) * r + 1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r +
        0.68976733498510000455) * r + 1.6763848301838038494) * r + 2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    val =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r +
        0.29656057182850489123) * r + 1.7848265399172913358) * r + 5.4637849111641143699) * r + 6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r +
        0.0148753612908506148525) * r + 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -val : val;
}

const flatten = (chains: readonly Float64Array[]): Float64Array => {
  const n = chains.reduce((s, c) => s + c.length, 0);
  const out = new Float64Array(n);
  let o = 0;
  for (const c of chains) {
    out.set(c, o);
    o += c.length;
  }
  return out;
};

function checkChains(chains: readonly Float64Array[]): void {
  if (chains.length === 0) throw new Error('diagnostics: no chains');
  const n = chains[0].length;
  for (const c of chains) if (c.length !== n) throw new Error('diagnostics: chains have different lengths; trim them to a common length');
}

/** Each chain cut into halves (the middle draw dropped when the length is odd). */
export function splitChains(chains: readonly Float64Array[]): Float64Array[] {
  checkChains(chains);
  const out: Float64Array[] = [];
  for (const c of chains) {
    const half = Math.floor(c.length / 2);
    out.push(c.slice(0, half), c.slice(c.length - half));
  }
  return out;
}

/**
 * Positions of the non-NaN entries of `a`, in ascending order of value (equal values in
 * index order). A bottom-up merge sort of indices on typed arrays: Array.prototype.sort with
 * a comparator took five times as long, and a numeric sort plus binary searches for the
 * ranks twice as long.
 */
function argsort(a: Float64Array): Uint32Array {
  let count = 0;
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i])) count++;
  let idx = new Uint32Array(count);
  let tmp = new Uint32Array(count);
  for (let i = 0, k = 0; i < a.length; i++) if (!Number.isNaN(a[i])) idx[k++] = i;
  for (let width = 1; width < count; width <<= 1) {
    for (let lo = 0; lo < count; lo += 2 * width) {
      const mid = Math.min(lo + width, count);
      const hi = Math.min(lo + 2 * width, count);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) tmp[k++] = a[idx[j]] < a[idx[i]] ? idx[j++] : idx[i++];
      while (i < mid) tmp[k++] = idx[i++];
      while (j < hi) tmp[k++] = idx[j++];
    }
    const t = idx;
    idx = tmp;
    tmp = t;
  }
  return idx;
}

/**
 * Ranks over all draws (ties averaged), mapped to normal scores Φ⁻¹((r − 3/8)/(S + 1/4)).
 * A NaN draw has no rank: its score is NaN.
 */
export function zScale(chains: readonly Float64Array[]): Float64Array[] {
  const all = flatten(chains);
  const s = all.length;
  const order = argsort(all);
  const scores = new Float64Array(s).fill(NaN);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && all[order[j + 1]] === all[order[i]]) j++;
    const z = normalQuantile(((i + j) / 2 + 1 - 3 / 8) / (s + 1 / 4));
    for (let k = i; k <= j; k++) scores[order[k]] = z;
    i = j + 1;
  }
  const out: Float64Array[] = [];
  let o = 0;
  for (const c of chains) {
    out.push(scores.slice(o, o + c.length));
    o += c.length;
  }
  return out;
}

/**
 * Radix-2 complex FFT in place (re, im of power-of-two length); inverse unnormalised.
 * The twiddles of a stage are the same in every block, so they are made once per stage by
 * the rotation recurrence (w_{k+1} = w_k · e^{iθ}), not once per block.
 */
function fft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i];
      re[i] = re[j];
      re[j] = tr;
      const ti = im[i];
      im[i] = im[j];
      im[j] = ti;
    }
  }
  const twr = new Float64Array(n >> 1);
  const twi = new Float64Array(n >> 1);
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const ang = ((inverse ? 2 : -2) * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    let cr = 1;
    let ci = 0;
    for (let k = 0; k < half; k++) {
      twr[k] = cr;
      twi[k] = ci;
      const t = cr * wr - ci * wi;
      ci = cr * wi + ci * wr;
      cr = t;
    }
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < half; k++) {
        const a = i + k;
        const b = a + half;
        const ar = re[b] * twr[k] - im[b] * twi[k];
        const ai = re[b] * twi[k] + im[b] * twr[k];
        re[b] = re[a] - ar;
        im[b] = im[a] - ai;
        re[a] += ar;
        im[a] += ai;
      }
    }
  }
}

/** Biased autocovariance (divisor N at every lag, as Geyer recommends), all lags 0..N−1. */
export function autocovariance(x: Float64Array): Float64Array {
  const n = x.length;
  let m = 1;
  while (m < 2 * n) m <<= 1;
  const re = new Float64Array(m);
  const im = new Float64Array(m);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  for (let i = 0; i < n; i++) re[i] = x[i] - mean;
  fft(re, im, false);
  for (let i = 0; i < m; i++) {
    re[i] = re[i] * re[i] + im[i] * im[i];
    im[i] = 0;
  }
  fft(re, im, true);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = re[i] / m / n;
  return out;
}

const isConstant = (chains: readonly Float64Array[]): boolean => {
  const v = chains[0][0];
  return chains.every((c) => c.every((x) => x === v));
};

/** ESS by Geyer's initial monotone sequence over chains (posterior::ess_basic without split). */
export function essBasic(chains: readonly Float64Array[]): number {
  checkChains(chains);
  const m = chains.length;
  const n = chains[0].length;
  if (n < 3 || chains.some((c) => !c.every(Number.isFinite)) || isConstant(chains)) return NaN;
  const acov = chains.map(autocovariance);
  const chainMean = chains.map((c) => c.reduce((s, v) => s + v, 0) / n);
  const meanAcov = (t: number) => acov.reduce((s, a) => s + a[t], 0) / m;
  const meanVar = (meanAcov(0) * n) / (n - 1);
  let varPlus = (meanVar * (n - 1)) / n;
  if (m > 1) {
    const mm = chainMean.reduce((s, v) => s + v, 0) / m;
    varPlus += chainMean.reduce((s, v) => s + (v - mm) ** 2, 0) / (m - 1);
  }
  const rho = new Float64Array(n);
  let t = 0;
  let rhoEven = 1;
  rho[0] = rhoEven;
  let rhoOdd = 1 - (meanVar - meanAcov(1)) / varPlus;
  rho[1] = rhoOdd;
  while (t < n - 5 && !Number.isNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0) {
    t += 2;
    rhoEven = 1 - (meanVar - meanAcov(t)) / varPlus;
    rhoOdd = 1 - (meanVar - meanAcov(t + 1)) / varPlus;
    if (rhoEven + rhoOdd >= 0) {
      rho[t] = rhoEven;
      rho[t + 1] = rhoOdd;
    }
  }
  const maxT = t;
  if (rhoEven > 0) rho[maxT] = rhoEven;
  // Initial monotone sequence
  t = 0;
  while (t <= maxT - 4) {
    t += 2;
    if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
      rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
      rho[t + 1] = rho[t];
    }
  }
  const s = m * n;
  let sum = 0;
  for (let i = 0; i < maxT; i++) sum += rho[i];
  let tau = -1 + 2 * sum + rho[maxT];
  tau = Math.max(tau, 1 / Math.log10(s));
  return s / tau;
}

/** Classic potential scale reduction on the given (already split) chains. */
export function rhatBasic(chains: readonly Float64Array[]): number {
  checkChains(chains);
  const m = chains.length;
  const n = chains[0].length;
  if (n < 2 || chains.some((c) => !c.every(Number.isFinite)) || isConstant(chains)) return NaN;
  const means = chains.map((c) => c.reduce((s, v) => s + v, 0) / n);
  const vars = chains.map((c, k) => c.reduce((s, v) => s + (v - means[k]) ** 2, 0) / (n - 1));
  const mm = means.reduce((s, v) => s + v, 0) / m;
  const between = (n * means.reduce((s, v) => s + (v - mm) ** 2, 0)) / (m - 1);
  const within = vars.reduce((s, v) => s + v, 0) / m;
  return Math.sqrt((between / within + n - 1) / n);
}

/** Type-7 quantile of all draws. */
function quantile7(all: Float64Array, q: number): number {
  const s = Float64Array.from(all).sort();
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

/** Rank-normalised split R-hat: the larger of the bulk and the folded (tail) version. */
export function rhat(chains: readonly Float64Array[]): number {
  return rhatOfSplit(splitChains(chains));
}

/** R-hat of already split chains, given their rank-normalised scores when already made. */
function rhatOfSplit(split: readonly Float64Array[], zBulk: readonly Float64Array[] = zScale(split)): number {
  const bulk = rhatBasic(zBulk);
  const med = quantile7(flatten(split), 0.5);
  const folded = split.map((c) => c.map((v) => Math.abs(v - med)));
  const tail = rhatBasic(zScale(folded));
  return Math.max(bulk, tail);
}

/** Bulk ESS: ESS of the rank-normalised split chains. */
export function essBulk(chains: readonly Float64Array[]): number {
  return essBasic(zScale(splitChains(chains)));
}

/** Bulk ESS and R-hat at once: both start from the same split, rank-normalised chains. */
export function essBulkAndRhat(chains: readonly Float64Array[]): { readonly essBulk: number; readonly rhat: number } {
  const split = splitChains(chains);
  const z = zScale(split);
  return { essBulk: essBasic(z), rhat: rhatOfSplit(split, z) };
}

/** ESS of the indicator x ≤ q_prob over split chains. */
export function essQuantile(chains: readonly Float64Array[], prob: number): number {
  const split = splitChains(chains);
  const q = quantile7(flatten(split), prob);
  return essBasic(split.map((c) => c.map((v) => (v <= q ? 1 : 0))));
}

/** Tail ESS: the smaller of the 5% and 95% quantile ESS. */
export function essTail(chains: readonly Float64Array[]): number {
  return Math.min(essQuantile(chains, 0.05), essQuantile(chains, 0.95));
}

/** ESS for the mean (split, not rank-normalised), used for the MCSE of the mean. */
export function essMean(chains: readonly Float64Array[]): number {
  return essBasic(splitChains(chains));
}

/** Sample standard deviation over all draws (divisor S − 1). */
export function sd(chains: readonly Float64Array[]): number {
  const all = flatten(chains);
  const mean = all.reduce((s, v) => s + v, 0) / all.length;
  return Math.sqrt(all.reduce((s, v) => s + (v - mean) ** 2, 0) / (all.length - 1));
}

export function mcseMean(chains: readonly Float64Array[]): number {
  return sd(chains) / Math.sqrt(essMean(chains));
}

/** Highest-density interval of the pooled draws, as ArviZ computes it (shortest window). */
export function hdi(values: ArrayLike<number>, prob = 0.94): [number, number] {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  const inc = Math.floor(prob * n);
  const nIntervals = n - inc;
  if (nIntervals <= 0 || inc === 0) return [s[0], s[n - 1]];
  let best = 0;
  let width = Infinity;
  for (let i = 0; i < nIntervals; i++) {
    const w = s[i + inc] - s[i];
    if (w < width) {
      width = w;
      best = i;
    }
  }
  return [s[best], s[best + inc]];
}

/** Energy Bayesian fraction of missing information for one chain's energies. */
export function ebfmi(energy: Float64Array): number {
  const n = energy.length;
  const mean = energy.reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0) num += (energy[i] - energy[i - 1]) ** 2;
    den += (energy[i] - mean) ** 2;
  }
  return num / den;
}
