/**
 * A plain-data, layout-ready description of a SEM path diagram for the site's figure:
 * latent factors placed left to right by causal depth, their indicators fanned out beside
 * them, and every arrow with its estimate. Coordinates are in [0, 1]; the figure scales them.
 */
import type { SemDescription } from './description';
import type { PathPlacement } from './model';

export interface DiagramEstimate {
  /** posterior mean (or the point estimate when there is no posterior) */
  readonly mean: number;
  /** 94% HDI bounds, when a posterior is available */
  readonly lower: number | null;
  readonly upper: number | null;
  /** maximum likelihood estimate and its standard error, when fitted */
  readonly ml: number | null;
  readonly mlSe: number | null;
}

export interface DiagramNode {
  readonly id: string;
  readonly kind: 'latent' | 'indicator';
  readonly x: number;
  readonly y: number;
  /** (residual) variance of the node; null when the diagram has no estimate for it */
  readonly variance: DiagramEstimate | null;
}

export interface DiagramEdge {
  readonly name: string;
  /** arrow tail and head as the model's B actually places the effect */
  readonly from: string;
  readonly to: string;
  readonly kind: 'loading' | 'path' | 'residual-covariance' | 'latent-covariance';
  /** loadings fixed to 1 for identification */
  readonly fixed: boolean;
  readonly estimate: DiagramEstimate | null;
}

export interface PathDiagram {
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
  /** causal depth of each latent (0 = exogenous), in the description's latent order */
  readonly levels: Readonly<Record<string, number>>;
  /** how the arrows' direction was decided */
  readonly pathPlacement: PathPlacement;
}

export type EstimateLookup = (name: string) => DiagramEstimate | null;

/**
 * `latentCovariancePairs` adds covariance edges beyond the description's own (the original
 * specification's full LKJ covariance has one for every pair of factors).
 */
export function pathDiagram(
  d: SemDescription,
  placement: PathPlacement,
  estimate: EstimateLookup,
  latentCovariancePairs: readonly (readonly [string, string])[] = d.latentCovariances.map((c) => [c.a, c.b] as const),
): PathDiagram {
  // Depth by longest path from an exogenous factor, using the intended (lavaan) directions,
  // so both specifications share one layout and differ only in their arrows.
  const level = new Array<number>(d.latents.length).fill(0);
  for (const i of d.causalOrder) for (const p of d.paths) if (p.fromIndex === i) level[p.toIndex] = Math.max(level[p.toIndex], level[i] + 1);
  const maxLevel = Math.max(1, ...level);
  const byLevel = new Map<number, number[]>();
  d.latents.forEach((_, i) => byLevel.set(level[i], [...(byLevel.get(level[i]) ?? []), i]));

  const nodes: DiagramNode[] = [];
  const latentPos = new Map<string, { x: number; y: number }>();
  d.latents.forEach((name, i) => {
    const peers = byLevel.get(level[i])!;
    const x = 0.1 + (0.8 * level[i]) / maxLevel;
    // alternate factors above and below the centre line so indicator fans do not collide
    const y = peers.length === 1 ? (level[i] % 2 === 0 ? 0.4 : 0.6) : 0.25 + (0.5 * peers.indexOf(i)) / (peers.length - 1);
    latentPos.set(name, { x, y });
    nodes.push({ id: name, kind: 'latent', x, y, variance: estimate(`${name}~~${name}`) });
  });
  const placed = new Set<string>();
  for (const name of d.latents) {
    const own = d.loadings.filter((l) => l.latent === name && !placed.has(l.indicator));
    const { x, y } = latentPos.get(name)!;
    const side = y < 0.5 ? -1 : 1; // indicators on the far side from the centre line
    own.forEach((l, k) => {
      placed.add(l.indicator);
      const spread = own.length === 1 ? 0 : (k / (own.length - 1) - 0.5) * (0.6 / (maxLevel + 1));
      nodes.push({ id: l.indicator, kind: 'indicator', x: x + spread, y: y + side * 0.3, variance: estimate(`${l.indicator}~~${l.indicator}`) });
    });
  }

  const edges: DiagramEdge[] = [];
  for (const l of d.loadings) {
    edges.push({ name: l.name, from: l.latent, to: l.indicator, kind: 'loading', fixed: l.fixed !== null, estimate: l.fixed !== null ? fixedEstimate(l.fixed) : estimate(l.name) });
  }
  for (const p of d.paths) {
    const [from, to] = placement === 'intended' ? [p.from, p.to] : [p.to, p.from];
    edges.push({ name: p.name, from, to, kind: 'path', fixed: false, estimate: estimate(p.name) });
  }
  for (const c of d.residualCovariances) edges.push({ name: c.name, from: c.a, to: c.b, kind: 'residual-covariance', fixed: false, estimate: estimate(c.name) });
  for (const [a, b] of latentCovariancePairs) edges.push({ name: `${a}~~${b}`, from: a, to: b, kind: 'latent-covariance', fixed: false, estimate: estimate(`${a}~~${b}`) });

  const levels: Record<string, number> = {};
  d.latents.forEach((name, i) => (levels[name] = level[i]));
  return { nodes, edges, levels, pathPlacement: placement };
}

function fixedEstimate(v: number): DiagramEstimate {
  return { mean: v, lower: null, upper: null, ml: v, mlSe: null };
}
