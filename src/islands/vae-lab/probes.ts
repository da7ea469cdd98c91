/**
 * Real backend probes for a browser worker, over an injected environment so they are
 * unit-tested with stubs. Each probe checks the cheap precondition first (so the reason a
 * backend was skipped names the missing piece), then asks tf to initialise it, then runs one
 * tiny op, because a backend can initialise and still fail on first use.
 */
import type { BackendName, BackendProbe } from '../../lib/vae/backend-choice';

export interface ProbeEnv {
  /** navigator.gpu, if any */
  readonly gpu?: { requestAdapter(): Promise<unknown | null> };
  /**
   * Opens a WebGL context on an OffscreenCanvas and returns its renderer string ('' when the
   * browser hides it), or null when no context opens; absent when OffscreenCanvas is missing.
   */
  readonly webglRenderer?: () => string | null;
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

/** CPU rasterisers behind WebGL: SwiftShader (Chromium), llvmpipe/softpipe (Mesa), Microsoft Basic Render. */
export function isSoftwareRenderer(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
}

export interface ProbeOptions {
  /** accept a software-rendered WebGL (for benchmarks that want to time it anyway) */
  readonly allowSoftwareWebgl?: boolean;
}

export function browserProbes(env: ProbeEnv, options: ProbeOptions = {}): Record<BackendName, BackendProbe> {
  return {
    webgpu: async () => {
      if (!env.gpu) fail('navigator.gpu is missing (no WebGPU in this browser or worker)');
      const adapter = await env.gpu!.requestAdapter();
      if (!adapter) fail('no WebGPU adapter (no usable GPU)');
      return initialise(env, 'webgpu');
    },
    webgl: async () => {
      if (!env.webglRenderer) fail('OffscreenCanvas is missing in this worker');
      const renderer = env.webglRenderer!();
      if (renderer === null) fail('no WebGL context on an OffscreenCanvas (GPU disabled or blocklisted)');
      // Without a GPU, Chromium still offers WebGL through a CPU rasteriser; for networks this
      // small it is slower than WebAssembly (npm run bench:browser), so count it as "no GPU".
      if (!options.allowSoftwareWebgl && isSoftwareRenderer(renderer!)) fail(`WebGL is software-rendered here (${renderer}), so there is no GPU to gain from`);
      return initialise(env, 'webgl');
    },
    wasm: async () => {
      if (!env.hasWasm) fail('WebAssembly is missing');
      return initialise(env, 'wasm');
    },
    cpu: () => initialise(env, 'cpu'),
  };
}
