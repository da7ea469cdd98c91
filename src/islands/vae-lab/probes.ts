/**
 * Real backend probes for a browser worker, over an injected environment so they are
 * unit-tested with stubs. Each probe checks the cheap precondition first (so the reason a
 * backend was skipped names the missing piece), then asks tf to initialise it, then runs one
 * tiny op, because a backend can initialise and still fail on first use.
 */
import type { BackendName, BackendProbe } from '../../lib/vae/backend';

export interface ProbeEnv {
  /** navigator.gpu, if any */
  readonly gpu?: { requestAdapter(): Promise<unknown | null> };
  /** a WebGL context on an OffscreenCanvas, or null; absent when OffscreenCanvas is missing */
  readonly webglContext?: () => unknown | null;
  readonly hasWasm: boolean;
  /** tf.setBackend */
  readonly setBackend: (name: BackendName) => Promise<boolean>;
  /** runs a one-element op on the current backend and returns its value */
  readonly smokeTest: () => Promise<number>;
}

const fail = (why: string): never => {
  throw new Error(why);
};

async function initialise(env: ProbeEnv, name: BackendName): Promise<boolean> {
  if (!(await env.setBackend(name))) return false;
  const v = await env.smokeTest();
  if (v !== 2) fail(`a test op returned ${v} instead of 2`);
  return true;
}

export function browserProbes(env: ProbeEnv): Record<BackendName, BackendProbe> {
  return {
    webgpu: async () => {
      if (!env.gpu) fail('navigator.gpu is missing (no WebGPU in this browser or worker)');
      const adapter = await env.gpu!.requestAdapter();
      if (!adapter) fail('no WebGPU adapter (no usable GPU)');
      return initialise(env, 'webgpu');
    },
    webgl: async () => {
      if (!env.webglContext) fail('OffscreenCanvas is missing in this worker');
      if (!env.webglContext!()) fail('no WebGL context on an OffscreenCanvas (GPU disabled or blocklisted)');
      return initialise(env, 'webgl');
    },
    wasm: async () => {
      if (!env.hasWasm) fail('WebAssembly is missing');
      return initialise(env, 'wasm');
    },
    cpu: () => initialise(env, 'cpu'),
  };
}
