/**
 * The VAE lab's controls and the config they make. Pure: validation and the mapping from
 * controls to a training config are unit-tested without a browser.
 */
import { parseFields, type FieldSpec } from '../labs/fields';
import { VAE_LEARNING_RATE } from '../../lib/experiments/vae-family';

export type VaeArch = 'plain' | 'masked' | 'imputed';

export const VAE_ARCHS: readonly { readonly value: VaeArch; readonly label: string }[] = [
  { value: 'plain', label: 'Plain VAE (complete data)' },
  { value: 'masked', label: 'Mask-aware VAE' },
  { value: 'imputed', label: 'Plain VAE on mean-imputed data' },
];

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
  readonly seed: number;
  readonly fromBaked: boolean;
}

export const LAB_SEED = 2025;

export interface VaeControlValues {
  readonly arch: string;
  readonly fromBaked: boolean;
  /** raw text of each numeric field, by key */
  readonly fields: Readonly<Record<string, string>>;
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
      seed: LAB_SEED,
      fromBaked: v.fromBaked,
    },
  };
}
