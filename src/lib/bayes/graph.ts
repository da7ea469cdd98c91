/**
 * Plain-data description of a model's graph (nodes, edges, plates) for the site to draw.
 * Node kinds follow the usual plate-notation conventions: free parameters, deterministic
 * transforms, observed data (shaded), missing data, and generated quantities.
 */

export type GraphNodeKind = 'parameter' | 'deterministic' | 'observed' | 'missing' | 'generated';

export interface GraphNode {
  readonly id: string;
  /** TeX for the node's symbol, e.g. '\\mu' */
  readonly label: string;
  readonly kind: GraphNodeKind;
  /** TeX for its distribution or definition, e.g. '\\mathcal{N}(0, 1)' */
  readonly distribution?: string;
  /** shape in words, e.g. 'p = 12' */
  readonly shape?: string;
  /** the plate it sits in, if any */
  readonly plate?: string;
  readonly description: string;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
}

export interface GraphPlate {
  readonly id: string;
  /** TeX, e.g. 'i = 1, \\dots, n' */
  readonly label: string;
  readonly size: number;
}

export interface ModelGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly plates: readonly GraphPlate[];
}

export interface MvnGraphOptions {
  readonly p: number;
  readonly n: number;
  /** how missing cells are treated, or null/undefined when the data are complete */
  readonly missing?: 'marginal' | 'parameters' | null;
  /** include the posterior predictive replicate node (default true) */
  readonly predictive?: boolean;
  readonly eta?: number;
}

/** The graph of the mvn model (section 8), with the missing-data node when present (section 9). */
export function mvnGraph(o: MvnGraphOptions): ModelGraph {
  const eta = o.eta ?? 1;
  const nodes: GraphNode[] = [
    { id: 'mu', label: '\\mu', kind: 'parameter', distribution: '\\mathcal{N}(0, 1)', shape: `p = ${o.p}`, description: 'mean of each indicator' },
    { id: 'sigma', label: '\\sigma', kind: 'parameter', distribution: '\\mathrm{HalfNormal}(1)', shape: `p = ${o.p}`, description: 'standard deviation of each indicator' },
    { id: 'L_Omega', label: 'L_\\Omega', kind: 'parameter', distribution: `\\mathrm{LKJCholesky}(${eta})`, shape: `${o.p} \\times ${o.p}`, description: 'Cholesky factor of the correlation matrix Ω' },
    { id: 'Sigma', label: '\\Sigma', kind: 'deterministic', distribution: '\\operatorname{diag}(\\sigma)\\, L_\\Omega L_\\Omega^\\top \\operatorname{diag}(\\sigma)', shape: `${o.p} \\times ${o.p}`, description: 'covariance matrix' },
    { id: 'y_obs', label: 'y_i^{\\text{obs}}', kind: 'observed', distribution: '\\mathcal{N}(\\mu, \\Sigma)', plate: 'rows', description: o.missing ? "each row's observed answers (the marginal of its observed cells)" : 'each respondent’s answers' },
  ];
  const edges: GraphEdge[] = [
    { from: 'sigma', to: 'Sigma' },
    { from: 'L_Omega', to: 'Sigma' },
    { from: 'mu', to: 'y_obs' },
    { from: 'Sigma', to: 'y_obs' },
  ];
  if (o.missing) {
    nodes.push({
      id: 'y_mis',
      label: 'y_i^{\\text{mis}}',
      kind: o.missing === 'parameters' ? 'missing' : 'generated',
      distribution: '\\mathcal{N}\\big(\\mu_m + \\Sigma_{mo}\\Sigma_{oo}^{-1}(y^{\\text{obs}}_i - \\mu_o),\\ \\Sigma_{mm} - \\Sigma_{mo}\\Sigma_{oo}^{-1}\\Sigma_{om}\\big)',
      plate: 'rows',
      description:
        o.missing === 'parameters'
          ? 'missing answers, sampled as unknowns alongside the parameters'
          : 'missing answers, marginalised out of the likelihood and drawn afterwards from their conditional normal',
    });
    edges.push({ from: 'mu', to: 'y_mis' }, { from: 'Sigma', to: 'y_mis' }, { from: 'y_obs', to: 'y_mis' });
  }
  if (o.predictive ?? true) {
    nodes.push({ id: 'y_rep', label: '\\tilde y_i', kind: 'generated', distribution: '\\mathcal{N}(\\mu, \\Sigma)', plate: 'rows', description: 'posterior predictive replicate' });
    edges.push({ from: 'mu', to: 'y_rep' }, { from: 'Sigma', to: 'y_rep' });
  }
  return { nodes, edges, plates: [{ id: 'rows', label: 'i = 1, \\dots, n', size: o.n }] };
}
