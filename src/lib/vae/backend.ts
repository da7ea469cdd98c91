/**
 * Which tf backend to train on in the browser: the first of WebGPU → WebGL → WASM → CPU that
 * initialises. Pure over injected probes, so the policy is unit-tested without a browser; the
 * worker supplies probes that call tf.setBackend.
 */

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Resolves true when the backend initialised; false or a rejection means "skip it". */
export type BackendProbe = () => Promise<boolean>;

export interface BackendChoice {
  /** null when nothing initialised */
  readonly backend: BackendName | null;
  /** why each earlier backend was skipped, in order */
  readonly skipped: { readonly backend: BackendName; readonly reason: string }[];
}

export async function selectBackend(probes: Partial<Record<BackendName, BackendProbe>>, order: readonly BackendName[] = BACKEND_ORDER): Promise<BackendChoice> {
  const skipped: { backend: BackendName; reason: string }[] = [];
  for (const name of order) {
    const probe = probes[name];
    if (!probe) {
      skipped.push({ backend: name, reason: 'not available in this build (no probe)' });
      continue;
    }
    try {
      if (await probe()) return { backend: name, skipped };
      skipped.push({ backend: name, reason: 'failed to initialise' });
    } catch (e) {
      skipped.push({ backend: name, reason: `error while initialising: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  return { backend: null, skipped };
}

/** Human-readable summary, e.g. for the lab's status line. */
export function describeChoice(c: BackendChoice): string {
  const why = c.skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
  if (!c.backend) return `no tf backend initialised (${why})`;
  return why ? `using ${c.backend} (skipped ${why})` : `using ${c.backend}`;
}
