/**
 * The No-U-Turn Sampler as Stan implements it (base_nuts.hpp, Betancourt 2017):
 * multinomial sampling of a state along the trajectory — biased progressive sampling
 * between the old tree and each new subtree, uniform progressive sampling inside a subtree —
 * the generalised no-U-turn criterion on ρ (sum of momenta) with sharp momenta M⁻¹p, plus
 * the extra checks across the seam of two merged subtrees that Stan added in 2.23, and a
 * divergence whenever the energy error exceeds `maxDeltaH`.
 *
 * Written BlackJAX-style: `nutsInit` builds an explicit state from a position, `nutsStep`
 * maps (state, parameters, rng) to a new state plus transition info. No hidden state: the
 * only mutation is of the rng, which the caller threads through, and of the state's scratch
 * buffers, which `nutsInit` allocates, each transition hands on to the state it returns, and
 * every transition writes before it reads (so they carry nothing from one transition to the
 * next: stepping the same state twice with the same rng gives the same transition).
 */
import type { Rng } from '../random';

/** What a kernel needs from a model: the potential's ingredients. */
export type LogDensityFn = (theta: Float64Array, grad: Float64Array) => number;

export interface NutsState {
  readonly position: Float64Array;
  readonly logDensity: number;
  readonly gradient: Float64Array;
  /**
   * Scratch for the next transition (see Workspace), made by `nutsInit` and passed along by
   * `nutsStep`; holds no information. Opaque to callers.
   */
  readonly scratch: NutsScratch;
}

/** The transition's scratch buffers, opaque outside this module. */
export type NutsScratch = { readonly __nutsScratch: unique symbol };

export interface NutsParameters {
  readonly stepSize: number;
  /** diagonal of M⁻¹ (Stan's inv_metric) */
  readonly inverseMassDiagonal: Float64Array;
  readonly maxTreeDepth: number;
  /** divergence threshold on H − H₀ (Stan: 1000) */
  readonly maxDeltaH: number;
}

export interface NutsInfo {
  /** mean Metropolis acceptance over the trajectory's leapfrog steps (Stan's accept_stat__) */
  readonly acceptanceRate: number;
  readonly treeDepth: number;
  readonly numLeapfrog: number;
  readonly divergent: boolean;
  /** Hamiltonian at the selected state (Stan's energy__) */
  readonly energy: number;
}

/** A phase-space point: position, momentum, log density and its gradient. */
interface Point {
  q: Float64Array;
  p: Float64Array;
  logp: number;
  g: Float64Array;
}

function copyInto(dst: Point, src: Point): void {
  dst.q.set(src.q);
  dst.p.set(src.p);
  dst.g.set(src.g);
  dst.logp = src.logp;
}

function logSumExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

export function nutsInit(position: Float64Array, logDensity: LogDensityFn): NutsState {
  const gradient = new Float64Array(position.length);
  const lp = logDensity(position, gradient);
  return { position: position.slice(), logDensity: lp, gradient, scratch: newWorkspace(position.length) as unknown as NutsScratch };
}

/** Scratch for one recursion level of build_tree (levels never overlap in time). */
interface Level {
  pInitEnd: Float64Array;
  pSharpInitEnd: Float64Array;
  rhoInit: Float64Array;
  proposeFinal: Point;
  pFinalBeg: Float64Array;
  pSharpFinalBeg: Float64Array;
  rhoFinal: Float64Array;
  rhoSubtree: Float64Array;
  rhoExt: Float64Array;
}

// logp starts as a double (not the small integer 0), so every Point shares one V8 shape from the start.
const newPoint = (d: number): Point => ({ q: new Float64Array(d), p: new Float64Array(d), logp: -Infinity, g: new Float64Array(d) });

function newLevel(d: number): Level {
  const v = () => new Float64Array(d);
  return { pInitEnd: v(), pSharpInitEnd: v(), rhoInit: v(), proposeFinal: newPoint(d), pFinalBeg: v(), pSharpFinalBeg: v(), rhoFinal: v(), rhoSubtree: v(), rhoExt: v() };
}

/**
 * Scratch for one transition of dimension d: the trajectory's ends, sample and proposal, the
 * boundary momenta and ρ's, and one Level per recursion depth. Allocating these per transition
 * cost more than the leapfrog arithmetic for the essay's models (90 parameters), so a chain's
 * states carry one set (NutsState.scratch) from transition to transition: a transition writes
 * every buffer before reading it, and nothing in them outlives the transition (nutsStep returns
 * copies). A transition runs to completion before another starts (a log density does not call
 * back into NUTS), so a state and its successors may share the set.
 */
interface Workspace {
  readonly z: Point;
  readonly zFwd: Point;
  readonly zBck: Point;
  readonly zSample: Point;
  readonly zPropose: Point;
  readonly pFwdFwd: Float64Array;
  readonly pSharpFwdFwd: Float64Array;
  readonly pFwdBck: Float64Array;
  readonly pSharpFwdBck: Float64Array;
  readonly pBckFwd: Float64Array;
  readonly pSharpBckFwd: Float64Array;
  readonly pBckBck: Float64Array;
  readonly pSharpBckBck: Float64Array;
  readonly rho: Float64Array;
  readonly rhoFwd: Float64Array;
  readonly rhoBck: Float64Array;
  readonly rhoExt: Float64Array;
  readonly levels: Level[];
}

function newWorkspace(d: number): Workspace {
  const v = () => new Float64Array(d);
  return {
    z: newPoint(d),
    zFwd: newPoint(d),
    zBck: newPoint(d),
    zSample: newPoint(d),
    zPropose: newPoint(d),
    pFwdFwd: v(),
    pSharpFwdFwd: v(),
    pFwdBck: v(),
    pSharpFwdBck: v(),
    pBckFwd: v(),
    pSharpBckFwd: v(),
    pBckBck: v(),
    pSharpBckBck: v(),
    rho: v(),
    rhoFwd: v(),
    rhoBck: v(),
    rhoExt: v(),
    levels: [],
  };
}

/** Everything a transition shares across its recursion. */
class Trajectory {
  nLeapfrog = 0;
  sumMetroProb = 0;
  divergent = false;
  constructor(
    readonly logDensity: LogDensityFn,
    readonly rng: Rng,
    readonly invMass: Float64Array,
    readonly stepSize: number,
    readonly maxDeltaH: number,
    public h0: number,
    /** recursion levels' buffers, reused (see Workspace) */
    private readonly levels: Level[] = [],
  ) {}

  hamiltonian(z: Point): number {
    let k = 0;
    for (let i = 0; i < z.p.length; i++) k += z.p[i] * z.p[i] * this.invMass[i];
    return -z.logp + 0.5 * k;
  }

  sharp(p: Float64Array, out: Float64Array): void {
    for (let i = 0; i < p.length; i++) out[i] = this.invMass[i] * p[i];
  }

  /** One leapfrog step of signed size; the potential is −log p, so ∂V/∂q = −g. */
  leapfrog(z: Point, eps: number): void {
    const d = z.q.length;
    for (let i = 0; i < d; i++) z.p[i] += 0.5 * eps * z.g[i];
    for (let i = 0; i < d; i++) z.q[i] += eps * this.invMass[i] * z.p[i];
    const lp = this.logDensity(z.q, z.g);
    z.logp = Number.isNaN(lp) ? -Infinity : lp;
    if (z.logp !== -Infinity) for (let i = 0; i < d; i++) z.p[i] += 0.5 * eps * z.g[i];
  }

  /**
   * Stan's build_tree. Extends `z` by 2^depth leapfrog steps in direction `sign`, writing the
   * subtree's multinomial proposal into `propose`, adding its momenta into `rho`, and setting
   * its boundary momenta (pBeg/pEnd) and sharp momenta. Returns [valid, logSumWeight].
   */
  buildTree(
    depth: number,
    z: Point,
    propose: Point,
    pSharpBeg: Float64Array,
    pSharpEnd: Float64Array,
    rho: Float64Array,
    pBeg: Float64Array,
    pEnd: Float64Array,
    sign: number,
    logSumWeight: { v: number },
  ): boolean {
    const d = z.q.length;
    if (depth === 0) {
      // One leapfrog step, then in one pass over the coordinates the closing half-kick and
      // everything the leaf records of the new momentum (kinetic energy, sharp momentum, ρ,
      // boundary momenta); the same arithmetic, in the same order, as leapfrog(),
      // hamiltonian() and sharp() one after another.
      const eps = sign * this.stepSize;
      const invMass = this.invMass;
      const { q, p, g } = z;
      for (let i = 0; i < d; i++) p[i] += 0.5 * eps * g[i];
      for (let i = 0; i < d; i++) q[i] += eps * invMass[i] * p[i];
      const lp = this.logDensity(q, g);
      z.logp = Number.isNaN(lp) ? -Infinity : lp;
      const kick = z.logp !== -Infinity;
      let k = 0;
      for (let i = 0; i < d; i++) {
        if (kick) p[i] += 0.5 * eps * g[i];
        const pi = p[i];
        const m = invMass[i];
        k += pi * pi * m;
        const sharp = m * pi;
        pSharpBeg[i] = sharp;
        pSharpEnd[i] = sharp;
        rho[i] += pi;
        pBeg[i] = pi;
        pEnd[i] = pi;
      }
      this.nLeapfrog++;
      let h = -z.logp + 0.5 * k;
      if (Number.isNaN(h)) h = Infinity;
      if (h - this.h0 > this.maxDeltaH) this.divergent = true;
      logSumWeight.v = logSumExp(logSumWeight.v, this.h0 - h);
      this.sumMetroProb += this.h0 - h > 0 ? 1 : Math.exp(this.h0 - h);
      copyInto(propose, z);
      return !this.divergent;
    }
    const lv = this.levels[depth] ?? (this.levels[depth] = newLevel(d));
    const { pInitEnd, pSharpInitEnd, rhoInit, proposeFinal, pFinalBeg, pSharpFinalBeg, rhoFinal, rhoSubtree, rhoExt } = lv;
    // Initial subtree
    const lswInit = { v: -Infinity };
    rhoInit.fill(0);
    const validInit = this.buildTree(depth - 1, z, propose, pSharpBeg, pSharpInitEnd, rhoInit, pBeg, pInitEnd, sign, lswInit);
    if (!validInit) return false;
    // Final subtree
    copyInto(proposeFinal, z);
    const lswFinal = { v: -Infinity };
    rhoFinal.fill(0);
    const validFinal = this.buildTree(depth - 1, z, proposeFinal, pSharpFinalBeg, pSharpEnd, rhoFinal, pFinalBeg, pEnd, sign, lswFinal);
    if (!validFinal) return false;
    // Multinomial sample from the right subtree (uniform progressive sampling)
    const lswSubtree = logSumExp(lswInit.v, lswFinal.v);
    logSumWeight.v = logSumExp(logSumWeight.v, lswSubtree);
    if (lswFinal.v > lswSubtree) {
      copyInto(propose, proposeFinal);
    } else {
      const acceptProb = Math.exp(lswFinal.v - lswSubtree);
      if (this.rng.uniform() < acceptProb) copyInto(propose, proposeFinal);
    }
    for (let i = 0; i < d; i++) {
      rhoSubtree[i] = rhoInit[i] + rhoFinal[i];
      rho[i] += rhoSubtree[i];
    }
    // Demand satisfaction around merged subtrees, then across the seam between them.
    let persist = criterion(pSharpBeg, pSharpEnd, rhoSubtree);
    for (let i = 0; i < d; i++) rhoExt[i] = rhoInit[i] + pFinalBeg[i];
    persist = persist && criterion(pSharpBeg, pSharpFinalBeg, rhoExt);
    for (let i = 0; i < d; i++) rhoExt[i] = rhoFinal[i] + pInitEnd[i];
    persist = persist && criterion(pSharpInitEnd, pSharpEnd, rhoExt);
    return persist;
  }
}

/** Generalised no-U-turn: both ends still move along ρ. */
function criterion(pSharpMinus: Float64Array, pSharpPlus: Float64Array, rho: Float64Array): boolean {
  let a = 0;
  let b = 0;
  for (let i = 0; i < rho.length; i++) {
    a += pSharpPlus[i] * rho[i];
    b += pSharpMinus[i] * rho[i];
  }
  return a > 0 && b > 0;
}

/** Momentum p ~ N(0, M) for a diagonal metric given by M⁻¹, into `p`. */
function sampleMomentumInto(rng: Rng, invMass: Float64Array, p: Float64Array): Float64Array {
  for (let i = 0; i < p.length; i++) p[i] = rng.normal() / Math.sqrt(invMass[i]);
  return p;
}

const sampleMomentum = (rng: Rng, invMass: Float64Array): Float64Array => sampleMomentumInto(rng, invMass, new Float64Array(invMass.length));

/** One NUTS transition (Stan's base_nuts::transition). */
export function nutsStep(
  state: NutsState,
  params: NutsParameters,
  logDensity: LogDensityFn,
  rng: Rng,
): { state: NutsState; info: NutsInfo } {
  const d = state.position.length;
  const invMass = params.inverseMassDiagonal;
  const ws = state.scratch as unknown as Workspace;
  if (ws.z.q.length !== d) throw new Error(`NUTS: the state's scratch is for dimension ${ws.z.q.length}, its position has ${d}; make states with nutsInit`);
  const { z, zFwd, zBck, zSample, zPropose, rho, rhoFwd, rhoBck, rhoExt } = ws;
  const { pFwdFwd, pSharpFwdFwd, pFwdBck, pSharpFwdBck, pBckFwd, pSharpBckFwd, pBckBck, pSharpBckBck } = ws;
  z.q.set(state.position);
  sampleMomentumInto(rng, invMass, z.p);
  z.logp = state.logDensity;
  z.g.set(state.gradient);
  const traj = new Trajectory(logDensity, rng, invMass, params.stepSize, params.maxDeltaH, 0, ws.levels);
  traj.h0 = traj.hamiltonian(z);

  copyInto(zFwd, z);
  copyInto(zBck, z);
  copyInto(zSample, z);
  copyInto(zPropose, z);

  pFwdFwd.set(z.p);
  traj.sharp(z.p, pSharpFwdFwd);
  pFwdBck.set(z.p);
  pSharpFwdBck.set(pSharpFwdFwd);
  pBckFwd.set(z.p);
  pSharpBckFwd.set(pSharpFwdFwd);
  pBckBck.set(z.p);
  pSharpBckBck.set(pSharpFwdFwd);

  rho.set(z.p);
  let logSumWeight = 0; // the initial point has weight exp(H0 − H0) = 1
  let depth = 0;

  while (depth < params.maxTreeDepth) {
    const lswSubtree = { v: -Infinity };
    let valid: boolean;
    if (rng.uniform() > 0.5) {
      // Extend forward from the forward end; the old tree becomes the backward part.
      copyInto(z, zFwd);
      rhoBck.set(rho);
      rhoFwd.fill(0);
      pBckFwd.set(pFwdBck);
      pSharpBckFwd.set(pSharpFwdBck);
      valid = traj.buildTree(depth, z, zPropose, pSharpFwdBck, pSharpFwdFwd, rhoFwd, pFwdBck, pFwdFwd, 1, lswSubtree);
      copyInto(zFwd, z);
    } else {
      copyInto(z, zBck);
      rhoFwd.set(rho);
      rhoBck.fill(0);
      pFwdBck.set(pBckFwd);
      pSharpFwdBck.set(pSharpBckFwd);
      valid = traj.buildTree(depth, z, zPropose, pSharpBckFwd, pSharpBckBck, rhoBck, pBckFwd, pBckBck, -1, lswSubtree);
      copyInto(zBck, z);
    }
    if (!valid) break;
    depth++;
    // Biased progressive sampling: favour the new subtree.
    if (lswSubtree.v > logSumWeight) {
      copyInto(zSample, zPropose);
    } else {
      const acceptProb = Math.exp(lswSubtree.v - logSumWeight);
      if (rng.uniform() < acceptProb) copyInto(zSample, zPropose);
    }
    logSumWeight = logSumExp(logSumWeight, lswSubtree.v);
    for (let i = 0; i < d; i++) rho[i] = rhoBck[i] + rhoFwd[i];
    let persist = criterion(pSharpBckBck, pSharpFwdFwd, rho);
    for (let i = 0; i < d; i++) rhoExt[i] = rhoBck[i] + pFwdBck[i];
    persist = persist && criterion(pSharpBckBck, pSharpFwdBck, rhoExt);
    for (let i = 0; i < d; i++) rhoExt[i] = rhoFwd[i] + pBckFwd[i];
    persist = persist && criterion(pSharpBckFwd, pSharpFwdFwd, rhoExt);
    if (!persist) break;
  }

  const energy = traj.hamiltonian(zSample);
  return {
    // copies: the scratch is reused by the next transition
    state: { position: zSample.q.slice(), logDensity: zSample.logp, gradient: zSample.g.slice(), scratch: state.scratch },
    info: {
      acceptanceRate: traj.nLeapfrog > 0 ? traj.sumMetroProb / traj.nLeapfrog : 0,
      treeDepth: depth,
      numLeapfrog: traj.nLeapfrog,
      divergent: traj.divergent,
      energy,
    },
  };
}

/**
 * Stan's init_stepsize heuristic: double or halve ε until a single leapfrog step from the
 * current point crosses an acceptance probability of 0.8. Consumes momenta from `rng`.
 */
export function findReasonableStepSize(
  state: NutsState,
  stepSize: number,
  invMass: Float64Array,
  logDensity: LogDensityFn,
  rng: Rng,
): number {
  if (stepSize === 0 || stepSize > 1e7 || Number.isNaN(stepSize)) return stepSize;
  const traj = new Trajectory(logDensity, rng, invMass, stepSize, Infinity, 0);
  const deltaH = (eps: number): number => {
    const z: Point = { q: state.position.slice(), p: sampleMomentum(rng, invMass), logp: state.logDensity, g: state.gradient.slice() };
    const h0 = traj.hamiltonian(z);
    traj.leapfrog(z, eps);
    let h = traj.hamiltonian(z);
    if (Number.isNaN(h)) h = Infinity;
    return h0 - h;
  };
  let eps = stepSize;
  const direction = deltaH(eps) > Math.log(0.8) ? 1 : -1;
  for (;;) {
    const dh = deltaH(eps);
    if (direction === 1 && !(dh > Math.log(0.8))) break;
    if (direction === -1 && !(dh < Math.log(0.8))) break;
    eps = direction === 1 ? 2 * eps : 0.5 * eps;
    if (eps > 1e7) throw new Error('NUTS: step size exploded during initialisation; the posterior may be improper (check priors)');
    if (eps === 0) throw new Error('NUTS: step size collapsed to 0 during initialisation; the model is ill-conditioned or its gradient is wrong');
  }
  return eps;
}
