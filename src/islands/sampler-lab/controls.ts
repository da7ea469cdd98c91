/** The sampler lab's controls and the run they describe. Pure. */
import { parseFields, type FieldSpec } from '../labs/fields';
import { MVN_SAMPLING } from '../../lib/experiments/mvn-family';
import { SEM_SAMPLER } from '../../lib/experiments/sem-family';
import type { SamplerSettings } from '../../lib/bayes/sampler';
import { LAB_MODELS, checkSyntax, syntaxMessage, type LabModelKind } from './sem';

/**
 * The NUTS settings the essay's experiments used, by lab model (src/lib/experiments): the SEM's
 * target acceptance and init radius, the multivariate normal's target acceptance (its other
 * settings are the sampler's defaults, as in mvn-500). The reader can change adapt_delta.
 */
export const ESSAY_SAMPLER: Readonly<Record<LabModelKind, Omit<SamplerSettings, 'numWarmup' | 'numDraws'> & { readonly adaptDelta: number }>> = {
  mvn: { adaptDelta: MVN_SAMPLING.adaptDelta },
  'sem-identified': SEM_SAMPLER,
  'sem-original': SEM_SAMPLER,
  'sem-custom': SEM_SAMPLER,
};

export const SAMPLER_FIELDS: readonly FieldSpec[] = [
  { key: 'rows', label: 'Rows', min: 50, max: 2000, step: 10, integer: true, initial: 200 },
  { key: 'missing', label: 'Missing cells', min: 0, max: 40, step: 1, integer: true, initial: 10, unit: '%' },
  { key: 'chains', label: 'Chains', min: 1, max: 4, step: 1, integer: true, initial: 2 },
  { key: 'draws', label: 'Draws per chain', min: 20, max: 2000, step: 10, integer: true, initial: 200 },
  // the first model's (mvn) target acceptance; the controller suggests each model's own
  { key: 'adaptDelta', label: 'Target acceptance (adapt_delta)', min: 0.5, max: 0.99, step: 0.01, integer: false, initial: ESSAY_SAMPLER.mvn.adaptDelta },
];

export interface SamplerLabConfig {
  readonly model: LabModelKind;
  /** lavaan text for the SEM kinds ('' for mvn) */
  readonly syntax: string;
  readonly rows: number;
  readonly missingFraction: number;
  readonly chains: number;
  readonly draws: number;
  /** Stan's default split: as many warmup iterations as draws */
  readonly warmup: number;
  /** NUTS target acceptance (Stan's adapt_delta) */
  readonly adaptDelta: number;
  readonly seed: number;
}

export const SAMPLER_SEED = 263;

export type SamplerValidation = { readonly ok: true; readonly config: SamplerLabConfig } | { readonly ok: false; readonly errors: Record<string, string> };

/**
 * `raw` holds the numeric fields by key, plus `model` and, for the SEM kinds, `syntax` (the
 * essay's model text, or the reader's edit of it for 'sem-custom').
 */
export function validateSampler(raw: Readonly<Record<string, string>>): SamplerValidation {
  const { values, errors } = parseFields(SAMPLER_FIELDS, raw);
  const model = LAB_MODELS.find((m) => m.value === (raw.model ?? 'mvn'))?.value;
  if (!model) errors.model = `Model: choose one of ${LAB_MODELS.map((m) => m.value).join(', ')}.`;
  const syntax = model && model !== 'mvn' ? (raw.syntax ?? '') : '';
  if (model && model !== 'mvn') {
    // The SEM likelihood works from the complete data's sufficient statistics.
    if (errors.missing === undefined && values.missing > 0) errors.missing = 'Missing cells: the SEM is fitted to complete data here; set 0%, or choose the multivariate normal.';
    const c = checkSyntax(syntax);
    if (!c.ok) errors.syntax = syntaxMessage(syntax, c);
  }
  if (Object.keys(errors).length > 0 || !model) return { ok: false, errors };
  return {
    ok: true,
    config: { model, syntax, rows: values.rows, missingFraction: values.missing / 100, chains: values.chains, draws: values.draws, warmup: values.draws, adaptDelta: values.adaptDelta, seed: SAMPLER_SEED },
  };
}

/** The chains' settings: the essay's for the model, with the reader's draws, warmup and adapt_delta. */
export function labChainSettings(c: Pick<SamplerLabConfig, 'model' | 'warmup' | 'draws' | 'adaptDelta'>): SamplerSettings {
  return { ...ESSAY_SAMPLER[c.model], numWarmup: c.warmup, numDraws: c.draws, adaptDelta: c.adaptDelta };
}

/** Parameters whose traces the lab draws live: a mean, a scale and two correlations. */
export const TRACED = ['mu[JW1]', 'sigma[JW1]', 'corr[JW2,JW1]', 'corr[DA2,DA1]'] as const;

/** How many chains run at once: one worker per chain, no more than the machine's cores. */
export function concurrentChains(chains: number, hardwareConcurrency: number | undefined): number {
  const cores = Number.isInteger(hardwareConcurrency) && (hardwareConcurrency as number) > 0 ? (hardwareConcurrency as number) : 2;
  return Math.max(1, Math.min(chains, cores));
}
