/**
 * Where each SEM parameter sits in the unconstrained vector θ, and the constrained blocks the
 * model reports. Pure bookkeeping from a description and a specification.
 */
import type { ParameterBlock } from '../bayes/model';
import type { LoadingSpec, SemDescription } from './description';
import type { SemSpec } from './spec';

export interface Layout {
  /** a name per coordinate of θ, e.g. 'CTS=~ST', 'log sd[CTS]', 'z[EBA~1]' */
  readonly names: readonly string[];
  readonly dim: number;
  readonly freeLoadings: readonly LoadingSpec[];
  readonly loadingOffset: number;
  readonly pathOffset: number;
  /** log sds of the latents, then their correlation parameters */
  readonly latentScaleOffset: number;
  readonly latentCorrOffset: number;
  /** log sds of the indicator residuals, then their correlation (or β) parameters */
  readonly residualScaleOffset: number;
  readonly residualCorrOffset: number;
  /** standardised intercepts z_j = (ν_j − x̄_j)/s_j, or null without a mean structure */
  readonly interceptOffset: number | null;
  /** 'rho' or 'beta': how the residual correlation parameters are reported */
  readonly residualLabel: 'rho' | 'beta';
  /** the latent pairs whose covariance is reported ([i, j], i > j in the LKJ form) */
  readonly latentPairs: readonly (readonly [number, number])[];
  /** constrained blocks, in the order constrain() fills them */
  readonly blocks: readonly ParameterBlock[];
}

export function layoutOf(d: SemDescription, spec: SemSpec): Layout {
  const m = d.latents.length;
  const names: string[] = [];
  const freeLoadings = d.loadings.filter((l) => l.fixed === null);
  const loadingOffset = names.length;
  for (const l of freeLoadings) names.push(l.name);
  const pathOffset = names.length;
  for (const pth of d.paths) names.push(pth.name);
  const latentScaleOffset = names.length;
  for (const l of d.latents) names.push(`log sd[${l}]`);
  const latentCorrOffset = names.length;
  const latentPairs: [number, number][] =
    spec.latentCovariance === 'lkj'
      ? d.latents.flatMap((_, i) => d.latents.slice(0, i).map((__, j) => [i, j] as [number, number]))
      : d.latentCovariances.map((c) => [c.i, c.j] as [number, number]);
  if (spec.latentCovariance === 'lkj') {
    for (let i = 1; i < m; i++) for (let j = 0; j < i; j++) names.push(`cpc[${d.latents[i]},${d.latents[j]}]`);
  } else {
    for (const c of d.latentCovariances) names.push(`rho[${c.a},${c.b}] (unconstrained)`);
  }
  const residualScaleOffset = names.length;
  for (const o of d.observed) names.push(`log s[${o}]`);
  const residualCorrOffset = names.length;
  const residualLabel = spec.residualCovariance === 'correlation' ? 'rho' : 'beta';
  for (const c of d.residualCovariances) names.push(`${residualLabel}[${c.a},${c.b}] (unconstrained)`);
  // Intercepts last, so the other coordinates keep their places whatever the mean structure.
  const interceptOffset = spec.meanStructure === 'intercepts' ? names.length : null;
  if (interceptOffset !== null) for (const o of d.observed) names.push(`z[${o}~1]`);

  const blocks: ParameterBlock[] = [];
  const scalar = (name: string) => blocks.push({ name, shape: [] });
  freeLoadings.forEach((l) => scalar(l.name));
  d.paths.forEach((x) => scalar(x.name));
  d.latents.forEach((l) => scalar(`${l}~~${l}`));
  latentPairs.forEach(([i, j]) => scalar(`${d.latents[i]}~~${d.latents[j]}`));
  d.observed.forEach((o) => scalar(`${o}~~${o}`));
  d.residualCovariances.forEach((c) => scalar(c.name));
  d.residualCovariances.forEach((c) => scalar(`${residualLabel}[${c.a},${c.b}]`));
  if (interceptOffset !== null) d.observed.forEach((o) => scalar(`${o}~1`));

  return {
    names,
    dim: names.length,
    freeLoadings,
    loadingOffset,
    pathOffset,
    latentScaleOffset,
    latentCorrOffset,
    residualScaleOffset,
    residualCorrOffset,
    interceptOffset,
    residualLabel,
    latentPairs,
    blocks,
  };
}
