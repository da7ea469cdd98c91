/**
 * Probes for selectBackend that ask tf itself. The worker must have registered the backends it
 * offers first (import '@tensorflow/tfjs-backend-webgpu'; import '@tensorflow/tfjs-backend-wasm'
 * and setWasmPaths(...)); an unregistered one is reported as "not registered", not attempted.
 */
import * as tf from '@tensorflow/tfjs';
import { BACKEND_ORDER, type BackendName, type BackendProbe } from './backend';

export function tfBackendProbes(order: readonly BackendName[] = BACKEND_ORDER): Partial<Record<BackendName, BackendProbe>> {
  const probes: Partial<Record<BackendName, BackendProbe>> = {};
  for (const name of order) {
    probes[name] = async () => {
      if (!tf.findBackendFactory(name)) throw new Error(`the ${name} backend is not registered in this bundle`);
      if (name === 'webgpu' && typeof navigator !== 'undefined' && !('gpu' in navigator)) throw new Error('navigator.gpu is missing (WebGPU not supported or disabled)');
      const ok = await tf.setBackend(name);
      if (ok) await tf.ready();
      return ok;
    };
  }
  return probes;
}
