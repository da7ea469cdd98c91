import { selectBackend, selectFastestBackend, type BackendName } from '../../../src/lib/vae/backend-choice';
import { browserProbes, isSoftwareRenderer, type ProbeEnv } from '../../../src/islands/vae-lab/probes';

function env(over: Partial<ProbeEnv> = {}): ProbeEnv & { tried: BackendName[] } {
  const tried: BackendName[] = [];
  return {
    tried,
    hasWasm: true,
    setBackend: async (name) => {
      tried.push(name);
      return true;
    },
    smokeTest: async () => 2,
    ...over,
  };
}

describe('browser backend probes', () => {
  it('with no GPU, skips WebGPU and WebGL with reasons and takes WebAssembly', async () => {
    const e = env({ webglRenderer: () => null });
    const c = await selectBackend(browserProbes(e));
    expect(c.backend).toBe('wasm');
    expect(c.skipped.map((s) => s.backend)).toEqual(['webgpu', 'webgl']);
    expect(c.skipped[0].reason).toContain('navigator.gpu');
    expect(c.skipped[1].reason).toContain('no WebGL context');
    expect(e.tried).toEqual(['wasm']); // tf is never asked to start a backend whose precondition failed
  });

  it('skips WebGPU when the browser offers no adapter, and WebGL when OffscreenCanvas is missing', async () => {
    const c = await selectBackend(browserProbes(env({ gpu: { requestAdapter: async () => null } })));
    expect(c.skipped[0].reason).toContain('no WebGPU adapter');
    expect(c.skipped[1].reason).toContain('OffscreenCanvas');
  });

  it('treats a software-rendered WebGL as no GPU, unless asked to allow it', async () => {
    const e = env({ webglRenderer: () => 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)' });
    const c = await selectBackend(browserProbes(e));
    expect(c.backend).toBe('wasm');
    expect(c.skipped[1].reason).toContain('software-rendered');
    const allowed = await selectBackend(browserProbes(env({ webglRenderer: () => 'SwiftShader' }), { allowSoftwareWebgl: true }));
    expect(allowed.backend).toBe('webgl');
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11)')).toBe(false);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
  });

  it('takes a real GPU when one is there', async () => {
    const c = await selectBackend(browserProbes(env({ gpu: { requestAdapter: async () => ({}) }, webglRenderer: () => 'Apple M2' })));
    expect(c.backend).toBe('webgpu');
    expect(c.skipped).toEqual([]);
  });

  it('with a real GPU, the lab still keeps WebAssembly when its trial steps are faster', async () => {
    let current: BackendName | null = null;
    const e = env({
      gpu: { requestAdapter: async () => ({}) },
      webglRenderer: () => 'Apple M2',
      setBackend: async (name) => ((current = name), true),
    });
    const msPerStep: Record<BackendName, number> = { webgpu: 6, webgl: 9, wasm: 1.5, cpu: 4 };
    const trial = { warmUp: async () => undefined, timeStep: async () => msPerStep[current!] };
    const c = await selectFastestBackend(browserProbes(e), trial, e.setBackend);
    expect(c.backend).toBe('wasm');
    expect(current).toBe('wasm');
    expect(c.timings.map((t) => t.backend)).toEqual(['wasm', 'cpu', 'webgpu', 'webgl']);
  });

  it('skips a backend tf refuses, and one that starts but fails its first op', async () => {
    let current: BackendName | null = null;
    const e = env({
      gpu: { requestAdapter: async () => ({}) },
      webglRenderer: () => 'Mesa Intel(R) UHD Graphics 620',
      setBackend: async (name) => {
        current = name;
        return name !== 'webgpu';
      },
      smokeTest: async () => (current === 'webgl' ? NaN : 2),
    });
    const c = await selectBackend(browserProbes(e));
    expect(c.backend).toBe('wasm');
    expect(c.skipped[0]).toEqual({ backend: 'webgpu', reason: 'failed to initialise' });
    expect(c.skipped[1].reason).toContain('test op returned NaN');
  });

  it('falls through to CPU when WebAssembly is missing', async () => {
    const c = await selectBackend(browserProbes(env({ hasWasm: false })));
    expect(c.backend).toBe('cpu');
    expect(c.skipped.find((s) => s.backend === 'wasm')?.reason).toContain('WebAssembly is missing');
  });
});
