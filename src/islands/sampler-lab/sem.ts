/**
 * The sampler lab's SEM option: the essay's structural equation model (or the reader's edit
 * of it, in lavaan syntax) fitted by NUTS to a fresh complete sample, through the SEM
 * engineer's 'sem' model kind (src/lib/sem/register.ts). Syntax is checked on the page so
 * errors show at their line before anything runs.
 */
import { INDICATORS, POPULATION } from '../../lib/data';
import { residual, srmr } from '../../lib/metrics';
import type { Matrix } from '../../lib/linalg';
import type { ChainResult } from '../../lib/bayes/sampler';
import { samplerHealth } from '../../lib/bayes/summary';
import { describeLavaan, SemSyntaxError, SemModelError, type SemDescription } from '../../lib/sem';
import { sufficientStats } from '../../lib/sem/likelihood';
import { impliedFromDraw } from '../../lib/sem/analysis';
import { semJobSpec, semModelFromJob, type SemJobSpec } from '../../lib/sem/register';
import type { Converge, SamplerOutcome } from './analysis';

export type LabModelKind = 'mvn' | 'sem-identified' | 'sem-original' | 'sem-custom';

export const LAB_MODELS: readonly { readonly value: LabModelKind; readonly label: string }[] = [
  { value: 'mvn', label: 'Multivariate normal (LKJ prior)' },
  { value: 'sem-identified', label: 'SEM, identified specification' },
  { value: 'sem-original', label: 'SEM, original specification' },
  { value: 'sem-custom', label: 'SEM, your lavaan syntax' },
];

export type SyntaxCheck =
  | { readonly ok: true; readonly description: SemDescription }
  | { readonly ok: false; readonly line: number | null; readonly column: number | null; readonly message: string };

/** Parse and describe the model against the twelve indicators; errors carry their line. */
export function checkSyntax(text: string): SyntaxCheck {
  return checkSyntaxAgainst(text, INDICATORS);
}

/** The same against any column names (a reader's file). */
export function checkSyntaxAgainst(text: string, columns: readonly string[]): SyntaxCheck {
  try {
    return { ok: true, description: describeLavaan(text, columns) };
  } catch (err) {
    if (err instanceof SemSyntaxError) return { ok: false, line: err.line, column: err.column, message: err.message };
    if (err instanceof SemModelError) {
      const m = /line (\d+), column (\d+)/.exec(err.message);
      return { ok: false, line: m ? Number(m[1]) : null, column: m ? Number(m[2]) : null, message: err.message };
    }
    return { ok: false, line: null, column: null, message: err instanceof Error ? err.message : String(err) };
  }
}

/** "Line 3: JS ~ CTS +" — the offending line quoted, for the message beside the editor. */
export function syntaxMessage(text: string, c: Extract<SyntaxCheck, { ok: false }>): string {
  if (c.line === null) return c.message;
  const src = text.split(/\r\n|\n|\r/)[c.line - 1] ?? '';
  return `${c.message}. Line ${c.line}: “${src.trim()}”`;
}

export function semJob(x: Matrix, syntax: string, kind: Exclude<LabModelKind, 'mvn'>): SemJobSpec {
  return semJobSpec(syntax, sufficientStats(x, INDICATORS), kind === 'sem-original' ? 'original' : 'identified');
}

/** Up to four parameters worth watching: the structural paths first, then free loadings. */
export function semTraced(description: SemDescription): string[] {
  const paths = description.paths.map((p) => p.name);
  const loadings = description.loadings.filter((l) => l.fixed === null).map((l) => l.name);
  return [...paths, ...loadings].slice(0, 4);
}

/**
 * Diagnostics over every parameter, and the residual of the posterior-mean model-implied
 * correlation (over up to `maxDraws` pooled draws) against the truth, on the model's indicators.
 */
export async function analyseSemChains(
  chains: readonly ChainResult[],
  job: SemJobSpec,
  converge: Converge,
  maxDraws = 200,
  /** the correlation to compare with, over the model's indicators in order (default: the population's) */
  reference?: Matrix,
): Promise<SamplerOutcome & { readonly names: string[] }> {
  const model = semModelFromJob(job);
  const rows = await converge(chains);
  let worst = rows[0];
  for (const r of rows) if (!(r.r_hat <= worst.r_hat)) worst = r;
  const obs = model.description.observed;
  const p = obs.length;
  const cols = chains[0].columns;
  const width = cols.length;
  const perChain = chains[0].numDraws;
  const total = perChain * chains.length;
  const k = Math.min(maxDraws, total);
  const acc = new Float64Array(p * p);
  for (let t = 0; t < k; t++) {
    const g = Math.floor((t * total) / k);
    const c = chains[Math.floor(g / perChain)];
    const o = (g % perChain) * width;
    const sigma = impliedFromDraw(model, (name) => c.draws[o + cols.indexOf(name)]);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) acc[i * p + j] += sigma[i * p + j] / Math.sqrt(sigma[i * p + i] * sigma[j * p + j]) / k;
  }
  const idx = obs.map((n) => INDICATORS.indexOf(n as (typeof INDICATORS)[number]));
  const truth: Matrix = reference ?? { rows: p, cols: p, data: Float64Array.from({ length: p * p }, (_, q) => POPULATION.correlation.data[idx[Math.floor(q / p)] * 12 + idx[q % p]]) };
  const resid = residual(truth, { rows: p, cols: p, data: acc });
  const health = samplerHealth(chains);
  return {
    names: [...obs],
    maxRhat: worst.r_hat,
    maxRhatName: worst.name,
    minEssBulk: Math.min(...rows.map((r) => r.ess_bulk)),
    minEssTail: Math.min(...rows.map((r) => r.ess_tail)),
    divergences: health.divergences,
    draws: total,
    srmr: srmr(resid),
    residual: Array.from({ length: p }, (_, i) => Array.from(resid.data.subarray(i * p, (i + 1) * p))),
    gradientEvaluations: health.gradientEvaluations.warmup + health.gradientEvaluations.sampling,
  };
}
