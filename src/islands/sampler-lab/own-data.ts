/**
 * The sampler lab on a reader's own file: from the parsed table, the chosen columns (MVN) or
 * the lavaan syntax (SEM) to a chain job, the names to trace, the correlation the residual is
 * taken against (the data's own pairwise correlation: there is no truth to compare with), and
 * plain sentences saying what was done to the data. Pure: unit-tested without a DOM.
 */
import type { ChainJob } from '../../lib/bayes/protocol';
import type { ChainResult } from '../../lib/bayes/sampler';
import type { Matrix } from '../../lib/linalg';
import { sufficientStats } from '../../lib/sem/likelihood';
import { semJobSpec, type SemJobSpec } from '../../lib/sem/register';
import { ordinalNote, pairwiseCorrelation, selectColumns, type Outcome, type ReaderTable } from '../labs/reader-table';
import { analyseChains, type Converge, type SamplerOutcome } from './analysis';
import { analyseSemChains, checkSyntaxAgainst, semTraced, syntaxMessage } from './sem';

/**
 * What the SEM library can take from a reader's file. Until the SEM fits intercepts and
 * integrates missing cells out (issue 14, items 1–2), the lab centres each column and fits
 * complete rows only, and says so.
 */
export interface SemCapabilities {
  /** rows with missing cells go to the SEM as they are (full-information likelihood) */
  readonly missingCells: boolean;
  /** the SEM estimates an intercept per indicator, so columns need no centring */
  readonly intercepts: boolean;
}
// The SEM fits intercepts and integrates missing cells out (full-information likelihood).
export const SEM_CAPABILITIES: SemCapabilities = { missingCells: true, intercepts: true };

/** A scale the models' unit-scale priors fit badly (standard deviation outside this range). */
const SCALE_RANGE = [0.2, 5] as const;

export interface OwnRunPlan {
  readonly kind: 'mvn' | 'sem';
  readonly spec: ChainJob['model'];
  /** parameter names the worker traces */
  readonly traced: string[];
  /** the same as the reader reads them (the file's column names) */
  readonly labels: string[];
  /** the model's columns, in order, as the file names them */
  readonly names: string[];
  /** rows that go to the model */
  readonly rows: number;
  readonly missingCells: number;
  /** the data's pairwise correlation over `names` */
  readonly reference: Matrix;
  /** what was done to the data and what the model assumes, one sentence each */
  readonly notes: string[];
  /** diagnostics and the residual against `reference`, with parameter names as the file's */
  readonly analyse: (chains: readonly ChainResult[], converge: Converge) => Promise<SamplerOutcome & { readonly names: string[] }>;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

function countMissing(x: Matrix): number {
  let k = 0;
  for (const v of x.data) if (Number.isNaN(v)) k++;
  return k;
}

/** Each column's mean and standard deviation over its observed cells. */
function columnMoments(x: Matrix): { mean: Float64Array; sd: Float64Array } {
  const { rows: n, cols: p, data } = x;
  const mean = new Float64Array(p);
  const sd = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let k = 0;
    let s = 0;
    for (let r = 0; r < n; r++) if (!Number.isNaN(data[r * p + j])) (k++, (s += data[r * p + j]));
    const m = s / k;
    let ss = 0;
    for (let r = 0; r < n; r++) if (!Number.isNaN(data[r * p + j])) ss += (data[r * p + j] - m) ** 2;
    mean[j] = m;
    sd[j] = Math.sqrt(ss / (k - 1));
  }
  return { mean, sd };
}

function transformColumns(x: Matrix, shift: Float64Array, scale: Float64Array | null): Matrix {
  const { rows: n, cols: p } = x;
  const data = new Float64Array(x.data.length);
  for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) data[r * p + j] = (x.data[r * p + j] - shift[j]) / (scale ? scale[j] : 1);
  return { rows: n, cols: p, data };
}

/**
 * Model column ids c1…cp: parameter names are built as `corr[a,b]`, so a file's own names
 * (which may hold commas, brackets or markup) never enter them; they are put back for display.
 */
const modelId = (j: number) => `c${j + 1}`;

/** `corr[c2,c1]` → `corr[Q2,Q1]` for display. */
export function displayName(param: string, names: readonly string[]): string {
  return param.replace(/\[([^\]]*)\]$/, (_, inner: string) => `[${inner.split(',').map((t) => (/^c\d+$/.test(t) ? (names[Number(t.slice(1)) - 1] ?? t) : t)).join(',')}]`);
}

/** The MVN on the chosen columns: standardised, since its priors (μ ~ N(0, 1), σ ~ HalfNormal(1)) are stated on that scale. */
export function planOwnMvn(t: ReaderTable, chosen: readonly string[]): Outcome<OwnRunPlan> {
  const sel = selectColumns(t, chosen);
  if (!sel.ok) return sel;
  const { names, x, emptyRows } = sel.value;
  const p = names.length;
  const ids = names.map((_, j) => modelId(j));
  const { mean, sd } = columnMoments(x);
  const z = transformColumns(x, mean, sd);
  const traced = [`mu[${ids[0]}]`, `sigma[${ids[0]}]`, `corr[${ids[1]},${ids[0]}]`];
  if (p >= 3) traced.push(`corr[${ids[p - 1]},${ids[p - 2]}]`);
  const reference = pairwiseCorrelation(x);
  const missingCells = countMissing(x);
  const notes = [
    `The multivariate normal is fitted to ${plural(x.rows, 'row')} × ${plural(p, 'column')} of ${t.source}` +
      (missingCells > 0 ? `, with ${plural(missingCells, 'missing cell')} integrated out of the likelihood (no row is dropped or imputed).` : '.') +
      (emptyRows > 0 ? ` ${plural(emptyRows, 'row')} with no value in these columns ${emptyRows === 1 ? 'is' : 'are'} left out.` : ''),
    'Each column is standardised (its observed mean subtracted, then divided by its observed standard deviation), because the priors μ ~ N(0, 1) and σ ~ HalfNormal(1) are stated on that scale: means and standard deviations are in standard units, and correlations are unchanged.',
  ];
  const ord = ordinalNote(t.columns.filter((c) => names.includes(c.name)));
  if (ord) notes.push(ord);
  return {
    ok: true,
    value: {
      kind: 'mvn',
      spec: { kind: 'mvn', x: z, names: ids, missing: 'marginal', impute: false }, // nothing reads the x[…] draws
      traced,
      labels: traced.map((n) => displayName(n, names)),
      names,
      rows: x.rows,
      missingCells,
      reference,
      notes,
      analyse: async (chains, converge) => {
        const o = await analyseChains(chains, converge, ids, reference);
        return { ...o, maxRhatName: displayName(o.maxRhatName, names), names };
      },
    },
  };
}

/** The SEM in the reader's lavaan syntax (the identified specification), on the columns it names. */
export function planOwnSem(t: ReaderTable, syntax: string, caps: SemCapabilities = SEM_CAPABILITIES): Outcome<OwnRunPlan> {
  const check = checkSyntaxAgainst(syntax, t.csv.names);
  if (!check.ok) return { ok: false, message: syntaxMessage(syntax, check) };
  const d = check.description;
  const sel = selectColumns(t, d.observed, { completeRowsOnly: !caps.missingCells });
  if (!sel.ok) return sel;
  const { names, x, emptyRows } = sel.value;
  const reference = pairwiseCorrelation(x);
  const { mean, sd } = columnMoments(x);
  const data = caps.intercepts ? x : transformColumns(x, mean, null);
  const job: SemJobSpec = semJobSpec(syntax, sufficientStats(data, names), 'identified');
  const traced = semTraced(d);
  const missingCells = countMissing(x);
  const notes: string[] = [];
  notes.push(
    caps.missingCells
      ? `The SEM is fitted to ${plural(x.rows, 'row')} of ${t.source} on the ${plural(names.length, 'column')} the syntax names` +
          (missingCells > 0 ? `, with ${plural(missingCells, 'missing cell')} integrated out of the likelihood (no row is dropped or imputed).` : '.') +
          (emptyRows > 0 ? ` ${plural(emptyRows, 'row')} with no value in these columns ${emptyRows === 1 ? 'is' : 'are'} left out.` : '')
      : `The SEM here takes complete rows only: ${plural(x.rows, 'row')} of ${t.source} have a value in all ${plural(names.length, 'column')} the syntax names, and ${plural(emptyRows, 'row')} with a missing cell ${emptyRows === 1 ? 'is' : 'are'} left out. ` +
          'Dropping rows is unbiased only if answers are missing completely at random; the multivariate normal above uses every row.',
  );
  if (!caps.intercepts) notes.push('Each column is centred (its mean subtracted) first, because this SEM has no intercepts and assumes columns with mean zero; loadings, paths and variances are in the data’s own units.');
  const offScale = names.filter((_, j) => !(sd[j] >= SCALE_RANGE[0] && sd[j] <= SCALE_RANGE[1]));
  if (offScale.length > 0) {
    notes.push(
      `The SEM’s priors on loadings and standard deviations are stated in the data’s units and suit columns whose standard deviation is near 1, as answers on a 1–5 scale have; ` +
        `${offScale.map((n) => `${n} (sd ${sd[names.indexOf(n)].toPrecision(3)})`).join(', ')} ${offScale.length === 1 ? 'is' : 'are'} far from that. Rescale such columns before fitting, or read the estimates with that in mind.`,
    );
  }
  const ord = ordinalNote(t.columns.filter((c) => names.includes(c.name)));
  if (ord) notes.push(ord);
  return {
    ok: true,
    value: {
      kind: 'sem',
      spec: job as unknown as ChainJob['model'], // an interface has no index signature
      traced,
      labels: traced,
      names,
      rows: x.rows,
      missingCells,
      reference,
      notes,
      analyse: (chains, converge) => analyseSemChains(chains, job, converge, 200, reference),
    },
  };
}
