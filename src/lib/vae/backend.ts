/**
 * The tf backends the browser lab can train on, their prior order, and the probe type. The
 * policy that picks one by timing them is backend-choice.ts (browser only, so that changing it
 * leaves the baked results' fingerprints alone).
 */

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Resolves true when the backend initialised; false or a rejection means "skip it". */
export type BackendProbe = () => Promise<boolean>;
