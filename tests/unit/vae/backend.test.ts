import { describe, expect, it } from 'vitest';
import { describeChoice, selectBackend } from '../../../src/lib/vae/backend';

const yes = async () => true;
const no = async () => false;

describe('selectBackend', () => {
  it('takes the first backend that initialises, in the order WebGPU → WebGL → WASM → CPU', async () => {
    expect(await selectBackend({ webgpu: yes, webgl: yes, wasm: yes, cpu: yes })).toEqual({ backend: 'webgpu', skipped: [] });
    const c = await selectBackend({ webgpu: no, webgl: yes, wasm: yes, cpu: yes });
    expect(c.backend).toBe('webgl');
    expect(c.skipped).toEqual([{ backend: 'webgpu', reason: 'failed to initialise' }]);
  });

  it('says why each earlier backend was skipped: no probe, false, or an error', async () => {
    const c = await selectBackend({
      webgl: async () => {
        throw new Error('WebGL context lost');
      },
      wasm: no,
      cpu: yes,
    });
    expect(c.backend).toBe('cpu');
    expect(c.skipped.map((s) => s.backend)).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(c.skipped[0].reason).toMatch(/no probe/);
    expect(c.skipped[1].reason).toMatch(/WebGL context lost/);
    expect(describeChoice(c)).toMatch(/^using cpu \(skipped webgpu/);
  });

  it('returns null when nothing initialises, and does not call probes after a success', async () => {
    expect((await selectBackend({ webgpu: no, webgl: no, wasm: no, cpu: no })).backend).toBeNull();
    let called = false;
    await selectBackend({ webgpu: yes, cpu: async () => ((called = true), true) });
    expect(called).toBe(false);
  });
});
