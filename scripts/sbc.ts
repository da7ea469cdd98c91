/**
 * npm run sbc [-- --replications 1000] [--p 3] [--n 20] [--warmup 200] [--draws 594] [--thin 6]
 *             [--bins 20] [--seed 1] [--out sbc.json]
 *
 * The fuller simulation-based calibration of the mvn model (Talts et al. 2018); the CI test
 * in tests/unit/bayes/sbc.test.ts is a smaller version of the same run. Prints each
 * quantity's rank histogram with a χ² uniformity p-value and exits non-zero if any falls
 * below 0.001 / (number of quantities).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runSbc } from '../src/lib/bayes/sbc';

const DEFAULTS = { replications: 1000, p: 3, n: 20, warmup: 200, draws: 594, thin: 6, bins: 20, seed: 1 };
type Numeric = keyof typeof DEFAULTS;

function options(argv: string[]): { opts: Record<Numeric, number>; out?: string } {
  const { values: given } = parseArgs({
    args: argv,
    strict: true,
    options: { ...Object.fromEntries(Object.keys(DEFAULTS).map((k) => [k, { type: 'string' as const }])), out: { type: 'string' } },
  });
  // option names come from DEFAULTS, so parseArgs cannot type them: every one is a string flag
  const values: Record<string, string | boolean | undefined> = given;
  const opts = { ...DEFAULTS };
  for (const k of Object.keys(DEFAULTS) as Numeric[]) {
    const raw = values[k];
    if (typeof raw !== 'string') continue;
    const v = Number(raw);
    if (!Number.isInteger(v) || v < 1) throw new Error(`--${k} needs a positive integer, got "${raw}"`);
    opts[k] = v;
  }
  return { opts, out: typeof values.out === 'string' ? values.out : undefined };
}

let parsed: ReturnType<typeof options>;
try {
  parsed = options(process.argv.slice(2));
} catch (err) {
  console.error(`error: ${(err as Error).message.replace(/\. To specify a positional argument.*$/s, '')}; options: ${Object.keys(DEFAULTS).map((o) => `--${o} N`).join(' ')} --out file.json`);
  process.exit(1);
}
const { opts, out } = parsed;

const started = performance.now();
let lastPct = -1;
const r = runSbc({
  p: opts.p,
  n: opts.n,
  replications: opts.replications,
  warmup: opts.warmup,
  draws: opts.draws,
  thin: opts.thin,
  bins: opts.bins,
  seed: opts.seed,
  onProgress: (done, total) => {
    const pct = Math.floor((100 * done) / total);
    if (pct !== lastPct && pct % 5 === 0) process.stderr.write(`sbc: ${done}/${total}\n`);
    lastPct = pct;
  },
});
const seconds = (performance.now() - started) / 1000;
const threshold = 0.001 / r.quantities.length;
console.log(`SBC: p = ${opts.p}, n = ${opts.n}, ${opts.replications} replications, ranks 0..${r.maxRank} in ${opts.bins} bins, ${r.divergences} divergences, ${seconds.toFixed(1)} s`);
const width = Math.max(...r.quantities.map((q) => q.length));
let failed = 0;
r.quantities.forEach((q, i) => {
  const ok = r.pValues[i] >= threshold;
  if (!ok) failed++;
  console.log(`${q.padEnd(width)}  p = ${r.pValues[i].toFixed(4)} ${ok ? '  ' : '✗ '} ${r.histograms[i].join(' ')}`);
});
console.log(failed === 0 ? `all ${r.quantities.length} rank histograms uniform (χ², p ≥ ${threshold.toExponential(1)})` : `${failed} quantity(ies) fail uniformity`);
if (out) {
  writeFileSync(out, JSON.stringify({ options: opts, ...r, seconds }, null, 1) + '\n');
  console.log(`wrote ${out}`);
}
process.exit(failed === 0 ? 0 : 1);
