/**
 * The catalogue: every experiment, in the order the essay meets them. The site's schema table,
 * the VAE figure list, the VAE lab's baked-model table and the precompute runner's registry are
 * all derived from this list.
 *
 * To add an experiment: declare it in src/lib/experiments/<id>.ts, import it here, and write its
 * run in precompute/experiments/<id>.ts (README: "Adding an experiment"). Only the run module's
 * own imports enter its fingerprint, never this file: adding an experiment leaves the others fresh.
 */
import type { AnyDeclaration } from './declaration';
import sample263 from './sample-263';
import svd100 from './svd-100';
import vaePlain500 from './vae-plain-500';
import vaePlain1000 from './vae-plain-1000';
import vaePlain10000 from './vae-plain-10000';
import vaeMasked5000 from './vae-masked-5000';
import vaeMasked25000 from './vae-masked-25000';
import vaeImputed10000 from './vae-imputed-10000';
import vaeMaskedAblation from './vae-masked-ablation';
import vaeMaskedComplete5000 from './vae-masked-complete-5000';
import vaeMiwae5000 from './vae-miwae-5000';
import vaeMaskedFixed5000 from './vae-masked-fixed-5000';
import imputationComparison from './imputation-comparison';
import samplingFloor from './sampling-floor';
import mvn500 from './mvn-500';
import mvnMissing500 from './mvn-missing-500';
import semOriginal263 from './sem-original-263';
import semIdentified263 from './sem-identified-263';
import mvnReplication500 from './mvn-replication-500';
import mvnMar500 from './mvn-mar-500';
import semReplication263 from './sem-replication-263';
import semOriginalPriors263 from './sem-original-priors-263';
import equalN500 from './equal-n-500';

export type { AnyDeclaration, ExperimentDeclaration, ConfigOf } from './declaration';

/** Every declaration, in essay order. */
export const EXPERIMENTS = [
  sample263,
  svd100,
  vaePlain500,
  vaePlain1000,
  vaePlain10000,
  vaeMasked5000,
  vaeMasked25000,
  vaeImputed10000,
  vaeMaskedAblation,
  vaeMaskedComplete5000,
  vaeMaskedFixed5000,
  vaeMiwae5000,
  imputationComparison,
  samplingFloor,
  mvn500,
  mvnMissing500,
  mvnReplication500,
  mvnMar500,
  semOriginal263,
  semIdentified263,
  semOriginalPriors263,
  semReplication263,
  equalN500,
] as const;

type Listed = (typeof EXPERIMENTS)[number];
export type ExperimentId = Listed['id'];
/** The declaration of one experiment, by id. */
export type DeclarationOf<I extends ExperimentId> = Extract<Listed, { id: I }>;
export type ExperimentIdOfFamily<F extends string> = Extract<Listed, { family: F }>['id'];

function byId(list: readonly AnyDeclaration[]): Record<string, AnyDeclaration> {
  const out: Record<string, AnyDeclaration> = {};
  for (const d of list) {
    if (d.id in out) throw new Error(`src/lib/experiments/index.ts lists experiment ${d.id} twice`);
    out[d.id] = d;
  }
  return out;
}

/** The catalogue by id. */
export const CATALOGUE = byId(EXPERIMENTS) as { readonly [I in ExperimentId]: DeclarationOf<I> };

export const EXPERIMENT_IDS: readonly ExperimentId[] = EXPERIMENTS.map((d) => d.id);

export function isExperimentId(id: string): id is ExperimentId {
  return Object.hasOwn(CATALOGUE, id);
}

/** The experiments of one family, in essay order. */
export function family<F extends Listed['family']>(f: F): readonly Extract<Listed, { family: F }>[] {
  return EXPERIMENTS.filter((d): d is Extract<Listed, { family: F }> => d.family === f);
}

export type VaeExperimentId = ExperimentIdOfFamily<'vae'>;
/** The VAE experiments, in essay order (the order of the essay's VAE tables). */
export const VAE_EXPERIMENT_IDS: readonly VaeExperimentId[] = family('vae').map((d) => d.id);
