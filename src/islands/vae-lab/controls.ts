/**
 * The VAE lab's controls and the config they make. Pure: validation and the mapping from
 * controls to a training config are unit-tested without a browser.
 */
import { parseField, parseFields, type FieldSpec } from '../labs/fields';
import { VAE_LEARNING_RATE } from '../../lib/experiments/vae-family';
import { MIWAE_K } from '../../lib/experiments/vae-missing-family';
import type { ReconObjective } from '../../lib/vae/loss';

export type VaeArch = 'plain' | 'masked' | 'imputed' | 'miwae';

export const VAE_ARCHS: readonly { readonly value: VaeArch; readonly label: string }[] = [
  { value: 'plain', label: 'Plain VAE (complete data)' },
  { value: 'masked', label: 'Mask-aware VAE' },
  { value: 'imputed', label: 'Plain VAE on mean-imputed data' },
  { value: 'miwae', label: 'MIWAE (importance-weighted bound)' },
];

/** The reconstruction term: the original's per-row average over observed cells, or their sum (the ELBO). */
export const VAE_OBJECTIVES: readonly { readonly value: ReconObjective; readonly label: string }[] = [
  { value: 'cell-mean', label: 'Averaged over a row’s observed cells' },
  { value: 'observed-sum', label: 'Summed over observed cells (the ELBO)' },
];

/** MIWAE's K, importance samples per row; shown and read only for MIWAE. Starts at vae-miwae-5000's K. */
export const MIWAE_FIELD: FieldSpec = { key: 'samples', label: 'MIWAE samples K', min: 1, max: 50, step: 1, integer: true, initial: MIWAE_K };

export const VAE_FIELDS: readonly FieldSpec[] = [
  { key: 'rows', label: 'Rows', min: 100, max: 5000, step: 100, integer: true, initial: 1000 },
  { key: 'missing', label: 'Missing cells', min: 0, max: 40, step: 1, integer: true, initial: 0, unit: '%' },
  { key: 'latent', label: 'Latent size', min: 1, max: 16, step: 1, integer: true, initial: 8 },
  // the essay's rate for the first architecture (plain); the controller suggests each architecture's own
  { key: 'learningRate', label: 'Learning rate', min: 0.00001, max: 0.01, step: 0.00001, integer: false, initial: VAE_LEARNING_RATE.plain },
  { key: 'epochs', label: 'Epoch cap', min: 1, max: 300, step: 1, integer: true, initial: 60 },
];

/** What the worker trains. The lab's seed is fixed so a reader can repeat a run exactly. */
export interface VaeLabConfig {
  readonly arch: VaeArch;
  readonly rows: number;
  /** fraction of cells, 0..0.4 */
  readonly missingFraction: number;
  readonly latent: number;
  readonly learningRate: number;
  readonly maxEpochs: number;
  /** the reconstruction term (MIWAE: always the sum) */
  readonly objective: ReconObjective;
  /** MIWAE's K; null for the other architectures */
  readonly importanceSamples: number | null;
  readonly seed: number;
  readonly fromBaked: boolean;
}

export const LAB_SEED = 2025;

export interface VaeControlValues {
  readonly arch: string;
  readonly fromBaked: boolean;
  /** the reconstruction control; absent: the architecture's objective in the essay (essayObjective) */
  readonly objective?: string;
  /** raw text of each numeric field, by key (MIWAE's K under MIWAE_FIELD.key) */
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * The objective each architecture's essay experiments train with: the training library's default
 * for the network (none of those configs sets one), the sum for MIWAE (its bound).
 */
export function essayObjective(arch: VaeArch): ReconObjective {
  return arch === 'masked' ? 'cell-mean' : 'observed-sum';
}

export type VaeValidation = { readonly ok: true; readonly config: VaeLabConfig } | { readonly ok: false; readonly errors: Record<string, string> };

/**
 * The baked weights fix the latent size: `bakedLatent` is that size when the reader asks to
 * start from them (null when no baked model was found).
 */
export function validateVae(v: VaeControlValues, bakedLatent: number | null = null): VaeValidation {
  const { values, errors } = parseFields(VAE_FIELDS, v.fields);
  const arch = VAE_ARCHS.find((a) => a.value === v.arch)?.value;
  if (!arch) errors.arch = `Architecture: choose one of ${VAE_ARCHS.map((a) => a.value).join(', ')}.`;
  // The plain VAE has no way to take a missing cell; mean-imputed is the plain VAE that can.
  if (arch === 'plain' && errors.missing === undefined && values.missing > 0) {
    errors.missing = 'Missing cells: the plain VAE needs complete data; set 0%, or choose the mask-aware or mean-imputed VAE.';
  }
  const objective = (v.objective ?? (arch ? essayObjective(arch) : 'observed-sum')) as ReconObjective;
  if (!VAE_OBJECTIVES.some((o) => o.value === objective)) errors.objective = `Reconstruction: choose one of ${VAE_OBJECTIVES.map((o) => o.value).join(', ')}.`;
  else if (arch === 'miwae' && objective !== 'observed-sum') errors.objective = 'Reconstruction: MIWAE’s bound sums over the observed cells; choose the sum, or another architecture.';
  let importanceSamples: number | null = null;
  if (arch === 'miwae') {
    const k = parseField(MIWAE_FIELD, v.fields[MIWAE_FIELD.key] ?? '');
    if (k.ok) importanceSamples = k.value;
    else errors[MIWAE_FIELD.key] = k.message;
  }
  if (v.fromBaked) {
    if (bakedLatent === null) errors.fromBaked = 'Baked weights: none are available for this architecture; untick to train from scratch.';
    else if (errors.latent === undefined && values.latent !== bakedLatent) errors.latent = `Latent size: the baked weights have latent size ${bakedLatent}; set ${bakedLatent}, or untick “start from the baked weights”.`;
  }
  if (Object.keys(errors).length > 0 || !arch) return { ok: false, errors };
  return {
    ok: true,
    config: {
      arch,
      rows: values.rows,
      missingFraction: values.missing / 100,
      latent: values.latent,
      learningRate: values.learningRate,
      maxEpochs: values.epochs,
      objective,
      importanceSamples,
      seed: LAB_SEED,
      fromBaked: v.fromBaked,
    },
  };
}
