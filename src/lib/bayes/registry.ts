/**
 * Model kinds a chain job can name. A job carries plain data (a ModelSpec); the worker turns
 * it into a Model here, so the same job runs identically in any thread. Other engines (the
 * SEM) register their kinds from their own module, which the worker entry imports.
 */
import type { Model } from './model';
import { mvnModel, type MvnModelData } from './models/mvn';

/** The multivariate normal's job: its data and options as mvnModel takes them (stated once, in MvnModelData). */
export interface MvnSpec extends MvnModelData {
  readonly kind: 'mvn';
}

/**
 * Any serialisable description of a model; `kind` selects the factory. Open (no index
 * signature), so an engine's own spec interface (the SEM's SemJobSpec) is one without a cast.
 */
export type ModelSpec = MvnSpec | { readonly kind: string };

export type ModelFactory = (spec: ModelSpec) => Model;

const factories = new Map<string, ModelFactory>([['mvn', (spec) => mvnModel(spec as MvnSpec)]]);

/** Make a model kind available to `buildModel` (call at module load in the registering module). */
export function registerModelKind(kind: string, factory: ModelFactory): void {
  factories.set(kind, factory);
}

export function buildModel(spec: ModelSpec): Model {
  const f = factories.get(spec.kind);
  if (!f) {
    throw new Error(
      `buildModel: unknown model kind '${spec.kind}' (known: ${[...factories.keys()].join(', ')}); ` +
        `import the module that calls registerModelKind('${spec.kind}', …) in the worker entry`,
    );
  }
  return f(spec);
}
