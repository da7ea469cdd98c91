/**
 * From parsed lavaan statements and the data's column names to a model description:
 * which variables are latent and observed, the loading pattern (marker-variable
 * convention), the path matrix B with B[i, j] = effect of latent j on latent i, and the free
 * residual covariances. Pure data; no parameters or priors yet.
 */
import { parseLavaan, type Operand, type Statement } from './syntax';

/** A model that parses but cannot be built on the given data. */
export class SemModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SemModelError';
  }
}

export interface LoadingSpec {
  /** lavaan name, e.g. 'CTS=~ST' */
  readonly name: string;
  readonly latent: string;
  readonly indicator: string;
  /** row in Λ (index into `observed`) */
  readonly row: number;
  /** column in Λ (index into `latents`) */
  readonly col: number;
  /** 1 for the marker (first indicator of its factor), null when free */
  readonly fixed: number | null;
}

export interface PathSpec {
  /** lavaan name, e.g. 'SWB~DTP' (SWB regressed on DTP) */
  readonly name: string;
  /** the outcome (left of `~`) */
  readonly to: string;
  /** the predictor (right of `~`) */
  readonly from: string;
  /** B[toIndex, fromIndex] holds the effect of `from` on `to` */
  readonly toIndex: number;
  readonly fromIndex: number;
}

export interface CovarianceSpec {
  /** lavaan name, e.g. 'UF1~~FOR' */
  readonly name: string;
  readonly a: string;
  readonly b: string;
  readonly i: number;
  readonly j: number;
}

export interface SemDescription {
  /** indicators used by the model, in the data's column order */
  readonly observed: readonly string[];
  /** for each observed variable, its column in the data */
  readonly columnIndex: readonly number[];
  /** latent factors, in order of first definition */
  readonly latents: readonly string[];
  /** latent indices with no incoming path (free variance) and with incoming paths (residual variance) */
  readonly exogenous: readonly number[];
  readonly endogenous: readonly number[];
  /** latent indices, predictors before outcomes */
  readonly causalOrder: readonly number[];
  readonly loadings: readonly LoadingSpec[];
  readonly paths: readonly PathSpec[];
  /** free covariances between indicator residuals (from `a ~~ b`, a ≠ b) */
  readonly residualCovariances: readonly CovarianceSpec[];
  /** free covariances between latent (residual) variables: explicit ones plus all pairs of exogenous factors, as lavaan does */
  readonly latentCovariances: readonly CovarianceSpec[];
}

const at = (o: Operand) => `line ${o.line}, column ${o.column}`;

/** Parse text and describe it against the data's column names. */
export function describeLavaan(text: string, columnNames: readonly string[]): SemDescription {
  return describeModel(parseLavaan(text), columnNames);
}

export function describeModel(statements: readonly Statement[], columnNames: readonly string[]): SemDescription {
  const columns = new Map<string, number>();
  columnNames.forEach((c, i) => columns.set(c, i));

  // Latents are exactly the names defined with =~.
  const latents: string[] = [];
  for (const s of statements) if (s.op === '=~' && !latents.includes(s.lhs.name)) latents.push(s.lhs.name);
  if (latents.length === 0) throw new SemModelError("the model defines no latent factor: add a measurement line such as 'F =~ x1 + x2 + x3'");
  const latentIndex = new Map(latents.map((l, i) => [l, i] as const));
  for (const l of latents) {
    if (columns.has(l)) throw new SemModelError(`'${l}' is defined as a latent factor (with =~) but is also a data column: rename the factor`);
  }

  // Every indicator must be a data column; report all the unknown ones at once.
  const unknown: string[] = [];
  for (const s of statements) {
    if (s.op !== '=~') continue;
    for (const r of s.rhs) {
      if (latentIndex.has(r.name)) {
        throw new SemModelError(`${at(r)}: '${r.name}' is a latent factor used as an indicator of '${s.lhs.name}'; higher-order factors are not supported`);
      }
      if (!columns.has(r.name)) unknown.push(`'${r.name}' (${at(r)})`);
    }
  }
  if (unknown.length > 0) {
    throw new SemModelError(
      `unknown indicator${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: not among the data's columns [${columnNames.join(', ')}]; check the spelling or the CSV header`,
    );
  }

  const usedColumns = new Set<number>();
  for (const s of statements) if (s.op === '=~') for (const r of s.rhs) usedColumns.add(columns.get(r.name)!);
  const columnIndex = [...usedColumns].sort((a, b) => a - b);
  const observed = columnIndex.map((c) => columnNames[c]);
  const obsIndex = new Map(observed.map((o, i) => [o, i] as const));

  const seen = new Set<string>();
  const once = (name: string, o: Operand) => {
    if (seen.has(name)) throw new SemModelError(`${at(o)}: '${name}' is specified twice; remove the duplicate`);
    seen.add(name);
  };

  const loadings: LoadingSpec[] = [];
  const paths: PathSpec[] = [];
  const residualCovariances: CovarianceSpec[] = [];
  const latentCovariances: CovarianceSpec[] = [];
  const hasMarker = new Set<string>();

  for (const s of statements) {
    const lhs = s.lhs.name;
    for (const r of s.rhs) {
      const rhs = r.name;
      if (s.op === '=~') {
        const name = `${lhs}=~${rhs}`;
        once(name, r);
        const marker = !hasMarker.has(lhs);
        hasMarker.add(lhs);
        loadings.push({ name, latent: lhs, indicator: rhs, row: obsIndex.get(rhs)!, col: latentIndex.get(lhs)!, fixed: marker ? 1 : null });
      } else if (s.op === '~') {
        for (const o of [s.lhs, r]) {
          if (latentIndex.has(o.name)) continue;
          if (columns.has(o.name)) {
            throw new SemModelError(`${at(o)}: '${o.name}' is an observed column; regressions are supported between latent factors only (define a factor for it with =~)`);
          }
          throw new SemModelError(`${at(o)}: unknown variable '${o.name}' in a regression: it is neither a latent factor (defined with =~) nor a data column`);
        }
        if (lhs === rhs) throw new SemModelError(`${at(r)}: '${lhs}' cannot be regressed on itself`);
        const name = `${lhs}~${rhs}`;
        once(name, r);
        paths.push({ name, to: lhs, from: rhs, toIndex: latentIndex.get(lhs)!, fromIndex: latentIndex.get(rhs)! });
      } else {
        const kinds = [s.lhs, r].map((o) => {
          if (latentIndex.has(o.name)) return 'latent';
          if (obsIndex.has(o.name)) return 'observed';
          if (columns.has(o.name)) {
            throw new SemModelError(`${at(o)}: column '${o.name}' is not an indicator of any factor, so its (co)variance is not part of the model`);
          }
          throw new SemModelError(`${at(o)}: unknown variable '${o.name}' in a covariance: neither a latent factor nor a data column`);
        });
        if (kinds[0] !== kinds[1]) {
          throw new SemModelError(`${at(r)}: '${lhs} ~~ ${rhs}' mixes a latent factor and an observed indicator; covariances must be between two indicators or two factors`);
        }
        if (lhs === rhs) continue; // variances are free by default; an explicit one changes nothing
        const [a, b] = [lhs, rhs];
        const name = `${a}~~${b}`;
        if (seen.has(`${b}~~${a}`)) throw new SemModelError(`${at(r)}: '${name}' repeats '${b}~~${a}'; remove the duplicate`);
        once(name, r);
        if (kinds[0] === 'latent') latentCovariances.push({ name, a, b, i: latentIndex.get(a)!, j: latentIndex.get(b)! });
        else residualCovariances.push({ name, a, b, i: obsIndex.get(a)!, j: obsIndex.get(b)! });
      }
    }
  }

  const m = latents.length;
  const hasParent = new Array<boolean>(m).fill(false);
  for (const p of paths) hasParent[p.toIndex] = true;
  const exogenous = latents.map((_, i) => i).filter((i) => !hasParent[i]);
  const endogenous = latents.map((_, i) => i).filter((i) => hasParent[i]);
  const causalOrder = topologicalOrder(m, paths, latents);

  // lavaan lets exogenous factors covary freely; add those pairs unless given explicitly.
  for (let x = 0; x < exogenous.length; x++) {
    for (let y = x + 1; y < exogenous.length; y++) {
      const a = latents[exogenous[x]];
      const b = latents[exogenous[y]];
      if (seen.has(`${a}~~${b}`) || seen.has(`${b}~~${a}`)) continue;
      latentCovariances.push({ name: `${a}~~${b}`, a, b, i: exogenous[x], j: exogenous[y] });
    }
  }

  return { observed, columnIndex, latents, exogenous, endogenous, causalOrder, loadings, paths, residualCovariances, latentCovariances };
}

/** Kahn's algorithm; a cycle means (I − B) may be singular, which this module does not handle. */
function topologicalOrder(m: number, paths: readonly PathSpec[], latents: readonly string[]): number[] {
  const indegree = new Array<number>(m).fill(0);
  for (const p of paths) indegree[p.toIndex]++;
  const order: number[] = [];
  const ready = latents.map((_, i) => i).filter((i) => indegree[i] === 0);
  while (ready.length > 0) {
    const i = ready.shift()!;
    order.push(i);
    for (const p of paths) if (p.fromIndex === i && --indegree[p.toIndex] === 0) ready.push(p.toIndex);
  }
  if (order.length < m) {
    const inCycle = latents.filter((_, i) => !order.includes(i));
    throw new SemModelError(`the regressions form a feedback loop among ${inCycle.join(', ')}; only recursive (acyclic) structural models are supported`);
  }
  return order;
}
