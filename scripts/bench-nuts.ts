/**
 * npm run bench:nuts [-- --quick] [-- --no-stan] [-- --chains 4 --warmup 1000 --draws 1000 --seed 1]
 *
 * For each model (mvn complete n = 500; mvn with 10% MCAR cells, marginalised and
 * cells-as-parameters) prints gradient evaluations per second and min bulk ESS per second
 * (minimum over μ, σ and the strict lower triangle of Ω), chains run one after another in
 * this thread. If Rscript with rstan is installed, fits the same models and data with Stan
 * (also one chain at a time, cores = 1), computes ESS from Stan's draws with the same code,
 * and prints the ratio. Stan is a comparison only, never a dependency: without it the
 * comparison is skipped with a message.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { INDICATORS } from '../src/lib/data';
import type { Matrix } from '../src/lib/linalg';
import { derive } from '../src/lib/random';
import { GRADIENT_BENCH, benchData, gradientThroughput } from '../src/islands/labs/bench-nuts';
import { DEFAULT_MISSING_FORMULATION, mvnModel, type MissingFormulation } from '../src/lib/bayes/models/mvn';
import { runChain, type ChainResult } from '../src/lib/bayes/sampler';
import { columnDraws } from '../src/lib/bayes/summary';
import { essBulk } from '../src/lib/bayes/diagnostics';
import { intOption, parseOptions, UsageError } from './sampling-cli';

interface Args {
  quick: boolean;
  stan: boolean;
  chains: number;
  warmup: number;
  draws: number;
  seed: number;
  only?: string;
}

function parse(argv: string[]): Args {
  const v = parseOptions(argv, { quick: 'boolean', 'no-stan': 'boolean', chains: 'string', warmup: 'string', draws: 'string', seed: 'string', only: 'string' });
  // --quick changes the defaults; explicit --chains/--warmup/--draws still win
  const quick = v.quick === true;
  const only = v.only;
  return {
    quick,
    stan: v['no-stan'] !== true,
    chains: intOption(v, 'chains', quick ? 2 : 4, 1),
    warmup: intOption(v, 'warmup', quick ? 300 : 1000, 1),
    draws: intOption(v, 'draws', quick ? 300 : 1000, 1),
    seed: intOption(v, 'seed', 1, 1),
    ...(typeof only === 'string' ? { only } : {}),
  };
}

interface Case {
  readonly id: string;
  readonly x: Matrix;
  readonly missing: MissingFormulation;
  /** the Stan program fitting the same model */
  readonly stan: 'mvn_rows' | 'mvn_suffstats' | 'mvn_missing_params';
}

interface Measured {
  readonly gradsPerSecond: number;
  readonly minEssBulk: number;
  readonly worst: string;
  readonly warmupSeconds: number;
  readonly samplingSeconds: number;
  readonly gradients: number;
  readonly divergences: number;
  /** CPU seconds (user + system) of the chains, warmup and sampling */
  readonly cpuSeconds: number;
  /** Stan only: CPU seconds of sampling()'s fixed work (model instance, fit object), measured by a 2-iteration call and subtracted from cpuSeconds */
  readonly fixedCpuSeconds?: number;
  /** 1-minute load average when the run ended: the wall-time figures mean little when it exceeds the cores */
  readonly load: number;
}

function coreColumns(p: number, names: readonly string[]): string[] {
  const cols = names.map((s) => `mu[${s}]`).concat(names.map((s) => `sigma[${s}]`));
  for (let i = 1; i < p; i++) for (let j = 0; j < i; j++) cols.push(`corr[${names[i]},${names[j]}]`);
  return cols;
}

function minEss(chains: Float64Array[][], cols: string[]): { min: number; worst: string } {
  let min = Infinity;
  let worst = '';
  chains.forEach((c, i) => {
    const e = essBulk(c);
    if (e < min) {
      min = e;
      worst = cols[i];
    }
  });
  return { min, worst };
}

/** The shared workload (labs/bench-nuts.ts): bench:browser times the same thing in Chromium. */
function gradientRate(c: Case): number {
  return gradientThroughput(mvnModel({ x: c.x, names: INDICATORS, missing: c.missing })).evaluationsPerSecond;
}

function ours(c: Case, a: Args): Measured {
  const model = mvnModel({ x: c.x, names: INDICATORS, missing: c.missing });
  const results: ChainResult[] = [];
  const cpu0 = process.cpuUsage();
  for (let k = 0; k < a.chains; k++) results.push(runChain(model, { numWarmup: a.warmup, numDraws: a.draws }, derive(a.seed, 'bench', c.id), k));
  const cols = coreColumns(INDICATORS.length, INDICATORS);
  const cpu = process.cpuUsage(cpu0);
  const load = loadavg()[0];
  const { min, worst } = minEss(cols.map((col) => columnDraws(results, col)), cols);
  return {
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    load,
    gradsPerSecond: gradientRate(c),
    minEssBulk: min,
    worst,
    warmupSeconds: results.reduce((s, r) => s + r.timing.warmupSeconds, 0),
    samplingSeconds: results.reduce((s, r) => s + r.timing.samplingSeconds, 0),
    gradients: results.reduce((s, r) => s + r.warmupGradientEvaluations + r.samplingGradientEvaluations, 0),
    divergences: results.reduce((s, r) => s + r.stats.divergent.reduce((x, y) => x + y, 0), 0),
  };
}

const STAN_PROGRAMS: Record<Case['stan'], string> = {
  // What a Stan user writes: one multi_normal_cholesky term over all rows.
  mvn_rows: `
data { int<lower=1> N; int<lower=1> P; vector[P] y[N]; }
parameters { vector[P] mu; vector<lower=0>[P] sigma; cholesky_factor_corr[P] L; }
model {
  mu ~ normal(0, 1); sigma ~ normal(0, 1); L ~ lkj_corr_cholesky(1);
  y ~ multi_normal_cholesky(mu, diag_pre_multiply(sigma, L));
}
generated quantities { matrix[P, P] Omega = multiply_lower_tri_self_transpose(L); }`,
  // The same likelihood from sufficient statistics (n, mean, scatter), as our engine computes it.
  mvn_suffstats: `
data { int<lower=1> N; int<lower=1> P; vector[P] y[N]; }
transformed data {
  vector[P] ybar = rep_vector(0, P); matrix[P, P] S = rep_matrix(0, P, P); matrix[P, P] LS_data;
  for (i in 1:N) ybar += y[i] / N;
  for (i in 1:N) S += (y[i] - ybar) * (y[i] - ybar)';
  LS_data = cholesky_decompose(S);
}
parameters { vector[P] mu; vector<lower=0>[P] sigma; cholesky_factor_corr[P] L; }
model {
  matrix[P, P] LS = diag_pre_multiply(sigma, L);
  matrix[P, P] W = mdivide_left_tri_low(LS, diag_matrix(rep_vector(1, P)));
  vector[P] d = W * (ybar - mu);
  mu ~ normal(0, 1); sigma ~ normal(0, 1); L ~ lkj_corr_cholesky(1);
  target += -N * sum(log(diagonal(LS))) - 0.5 * (sum(columns_dot_self(W * LS_data)) + N * dot_self(d));
}
generated quantities { matrix[P, P] Omega = multiply_lower_tri_self_transpose(L); }`,
  // Missing cells as parameters: Stan's usual idiom.
  mvn_missing_params: `
data { int<lower=1> N; int<lower=1> P; matrix[N, P] y0; int<lower=0> M; int miss_row[M]; int miss_col[M]; }
parameters { vector[P] mu; vector<lower=0>[P] sigma; cholesky_factor_corr[P] L; vector[M] y_mis; }
model {
  matrix[N, P] y = y0;
  vector[P] yv[N];
  for (m in 1:M) y[miss_row[m], miss_col[m]] = y_mis[m];
  for (i in 1:N) yv[i] = y[i]';
  mu ~ normal(0, 1); sigma ~ normal(0, 1); L ~ lkj_corr_cholesky(1);
  yv ~ multi_normal_cholesky(mu, diag_pre_multiply(sigma, L));
}
generated quantities { matrix[P, P] Omega = multiply_lower_tri_self_transpose(L); }`,
};

function stanAvailable(): boolean {
  // rstan compiles models with BH, RcppEigen and StanHeaders; all must be present.
  const r = spawnSync('Rscript', ['-e', 'suppressMessages({library(rstan); library(BH); library(RcppEigen); library(StanHeaders)})'], { stdio: 'ignore' });
  return r.status === 0;
}

function stan(c: Case, a: Args, dir: string): Measured {
  const p = c.x.cols;
  const base = path.join(dir, c.id.replace(/[^A-Za-z0-9-]+/g, '_'));
  const rows: string[] = [];
  for (let r = 0; r < c.x.rows; r++) rows.push(Array.from(c.x.data.subarray(r * p, (r + 1) * p), (v) => (Number.isNaN(v) ? 'NA' : String(v))).join(','));
  writeFileSync(`${base}.csv`, rows.join('\n') + '\n');
  // Compiled models are cached next to their source (rstan auto_write) in a persistent folder.
  const cache = path.join(tmpdir(), 'bench-nuts-stan-cache');
  mkdirSync(cache, { recursive: true });
  const stanFile = path.join(cache, `${c.stan}.stan`);
  if (!existsSync(stanFile) || readFileSync(stanFile, 'utf8') !== STAN_PROGRAMS[c.stan] + '\n') writeFileSync(stanFile, STAN_PROGRAMS[c.stan] + '\n');
  const r = `
suppressMessages(library(rstan))
y <- as.matrix(read.csv("${base}.csv", header = FALSE))
N <- nrow(y); P <- ncol(y)
miss <- which(is.na(y), arr.ind = TRUE)
y0 <- y; y0[is.na(y0)] <- 0
data <- list(N = N, P = P, y = lapply(seq_len(N), function(i) y0[i, ]), y0 = y0, M = nrow(miss),
             miss_row = as.array(as.integer(miss[, 1])), miss_col = as.array(as.integer(miss[, 2])))
if (nrow(miss) == 0) { data$y <- y }
# Debian's r-cran-bh ships Boost in /usr/include rather than inside the BH package.
boost <- system.file("include", package = "BH")
rstan_options(auto_write = TRUE)
sm <- stan_model("${stanFile}", boost_lib = if (nzchar(boost) && dir.exists(boost)) NULL else "/usr/include")
# sampling()'s fixed R-side work (model instance, fit object), timed on a 2-iteration call: subtracted
# from the CPU time below so that the per-CPU-second ratio compares the chains, as ours does.
fixed <- system.time(suppressWarnings(invisible(sampling(sm, data = data, chains = ${a.chains}, cores = 1, iter = 2, warmup = 1,
                seed = ${a.seed}, refresh = 0, init = "random"))))
cpu <- system.time(fit <- sampling(sm, data = data, chains = ${a.chains}, cores = 1, iter = ${a.warmup + a.draws}, warmup = ${a.warmup},
                seed = ${a.seed}, refresh = 0, init = "random"))
tm <- get_elapsed_time(fit)
arr <- as.array(fit, pars = c("mu", "sigma", "Omega"))
out <- NULL
for (k in seq_len(dim(arr)[2])) out <- rbind(out, cbind(chain = k, arr[, k, ]))
write.csv(out, "${base}.draws.csv", row.names = FALSE)
sp <- get_sampler_params(fit, inc_warmup = TRUE)
grads <- sum(sapply(sp, function(s) sum(s[, "n_leapfrog__"])))
div <- sum(sapply(get_sampler_params(fit, inc_warmup = FALSE), function(s) sum(s[, "divergent__"])))
writeLines(as.character(c(sum(tm[, "warmup"]), sum(tm[, "sample"]), grads, div, cpu[["user.self"]] + cpu[["sys.self"]], fixed[["user.self"]] + fixed[["sys.self"]])), "${base}.time.txt")
`;
  writeFileSync(`${base}.R`, r);
  // One thread, as ours: a threaded BLAS under R spins extra threads whose CPU time would count against Stan.
  const oneThread = { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  execFileSync('Rscript', [`${base}.R`], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...oneThread } });
  const [warm, samp, grads, div, cpuCall, fixedCpuSeconds] = readFileSync(`${base}.time.txt`, 'utf8').trim().split('\n').map(Number);
  const load = loadavg()[0];
  const lines = readFileSync(`${base}.draws.csv`, 'utf8').trim().split('\n');
  const header = lines[0].split(',').map((h) => h.replace(/"/g, ''));
  const values = lines.slice(1).map((l) => l.split(',').map(Number));
  const wanted: { col: number; name: string }[] = [];
  header.forEach((h, col) => {
    const m = /^(mu|sigma)\[(\d+)\]$/.exec(h);
    if (m) wanted.push({ col, name: h });
    const o = /^Omega\[(\d+),(\d+)\]$/.exec(h);
    if (o && Number(o[1]) > Number(o[2])) wanted.push({ col, name: h });
  });
  const byChain = (col: number) => {
    const out: Float64Array[] = [];
    for (let k = 1; k <= a.chains; k++) out.push(Float64Array.from(values.filter((v) => v[0] === k), (v) => v[col]));
    return out;
  };
  const { min, worst } = minEss(wanted.map((w) => byChain(w.col)), wanted.map((w) => w.name));
  // The chains' CPU: the timed call less the fixed work of a 2-iteration call. What remains of R's
  // work that grows with the draws is a handicap for Stan, and not a small one: for mvn_suffstats
  // at load ~8 the CPU was 7.5 s against 5.1 s of the chains' own elapsed time, so compare the
  // per-CPU ratio with the wall one, which has the opposite bias when our run is starved.
  const cpuSeconds = cpuCall - fixedCpuSeconds;
  return { gradsPerSecond: grads / (warm + samp), minEssBulk: min, worst, warmupSeconds: warm, samplingSeconds: samp, gradients: grads, divergences: div, cpuSeconds, fixedCpuSeconds, load };
}

function main(): void {
  const a = parse(process.argv.slice(2));
  const { complete: x, missing: xm } = benchData(a.seed);
  const cases: Case[] = [
    { id: 'mvn-500', x, missing: 'marginal', stan: 'mvn_rows' },
    { id: 'mvn-missing-500 (marginal)', x: xm, missing: 'marginal', stan: 'mvn_missing_params' },
    { id: 'mvn-missing-500 (cells as parameters)', x: xm, missing: 'parameters', stan: 'mvn_missing_params' },
  ].filter((c) => !a.only || c.id.startsWith(a.only)) as Case[];
  console.log(`bench:nuts — ${a.chains} chains × (${a.warmup} warmup + ${a.draws} draws), one chain at a time in one thread, seed ${a.seed}`);
  console.log(`grad/s: ${GRADIENT_BENCH.evaluations} timed evaluations at one point after ${GRADIENT_BENCH.warmup} untimed (the workload bench:browser times in Chromium)`);
  const withStan = a.stan && stanAvailable();
  if (a.stan && !withStan) console.log('Stan comparison skipped: Rscript with rstan (and BH) is not installed (apt-get install r-cran-rstan r-cran-bh).');
  const dir = withStan ? mkdtempSync(path.join(tmpdir(), 'bench-nuts-')) : '';
  const fmt = (m: Measured) =>
    `grad/s ${m.gradsPerSecond.toFixed(0).padStart(7)}  min ESS_bulk ${m.minEssBulk.toFixed(0).padStart(5)} (${m.worst})  ` +
    `ESS/s (sampling) ${(m.minEssBulk / m.samplingSeconds).toFixed(1).padStart(7)}  ESS/s (warmup+sampling) ${(m.minEssBulk / (m.warmupSeconds + m.samplingSeconds)).toFixed(1).padStart(7)}  ` +
    `time ${m.warmupSeconds.toFixed(1)}+${m.samplingSeconds.toFixed(1)} s (CPU ${m.cpuSeconds.toFixed(1)} s${m.fixedCpuSeconds === undefined ? '' : ` + ${m.fixedCpuSeconds.toFixed(1)} s sampling()'s fixed work, not counted`}, load ${m.load.toFixed(1)}), ${m.gradients} gradients, ${m.divergences} divergences`;
  const stanDone = new Map<string, Measured>();
  // The headline ratio is min bulk ESS per second of the whole run (warmup + sampling): the wall time a user waits.
  const perSecond = (m: Measured) => m.minEssBulk / (m.warmupSeconds + m.samplingSeconds);
  // Per CPU second too: on a shared machine (load above the cores) wall time measures the neighbours.
  const perCpu = (m: Measured) => m.minEssBulk / m.cpuSeconds;
  const verdict = (m: Measured, s: Measured, target: number) => {
    const r = perSecond(m) / perSecond(s);
    return `${r.toFixed(2)}× (warmup+sampling, wall); ${(perCpu(m) / perCpu(s)).toFixed(2)}× per CPU second; target ≥ ${target}× — ${r >= target ? 'met' : 'NOT met'} (wall)`;
  };
  const missingRates = new Map<MissingFormulation, number>();
  const stanFor = (c: Case, key: Case['stan']) => {
    let s = stanDone.get(key);
    if (!s) {
      s = stan({ ...c, stan: key }, a, dir);
      stanDone.set(key, s);
    }
    return s;
  };
  try {
    for (const c of cases) {
      const m = ours(c, a);
      console.log(`\n${c.id}\n  ours: ${fmt(m)}`);
      if (c.x !== x) missingRates.set(c.missing, perCpu(m));
      if (!withStan) continue;
      const s = stanFor(c, c.stan);
      console.log(`  stan (${c.stan}): ${fmt(s)}`);
      const rSamp = m.minEssBulk / m.samplingSeconds / (s.minEssBulk / s.samplingSeconds);
      if (c.id === 'mvn-500') {
        console.log(`  ratio ours/Stan (row-wise program) in min-bulk-ESS per second: ${rSamp.toFixed(2)}× (sampling), ${(perSecond(m) / perSecond(s)).toFixed(2)}× (warmup+sampling), ${(perCpu(m) / perCpu(s)).toFixed(2)}× per CPU second; no target`);
        const s2 = stanFor(c, 'mvn_suffstats');
        console.log(`  stan (mvn_suffstats): ${fmt(s2)}`);
        console.log(`  ratio ours/Stan-with-sufficient-statistics: ${verdict(m, s2, 2)}`);
      } else {
        console.log(`  ratio ours/Stan in min-bulk-ESS per second: ${rSamp.toFixed(2)}× (sampling), ${verdict(m, s, 10)}`);
      }
    }
    if (missingRates.size === 2) {
      const [fast, slow] = [...missingRates.entries()].sort((p, q) => q[1] - p[1]);
      console.log(
        `\nmissing cells: ${fast[0]} is faster (${fast[1].toFixed(1)} vs ${slow[1].toFixed(1)} min-bulk-ESS per CPU second, ${(fast[1] / slow[1]).toFixed(2)}×); ` +
          `the model's default is ${DEFAULT_MISSING_FORMULATION}${fast[0] === DEFAULT_MISSING_FORMULATION ? '' : ' — NOT the faster one'}`,
      );
    }
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  console.error(`bench:nuts: ${err.message}\nUsage: npm run bench:nuts [-- --quick] [--no-stan] [--chains N --warmup N --draws N --seed N] [--only <model>]`);
  process.exit(2);
}
