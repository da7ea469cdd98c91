/**
 * Messages between the VAE lab's page and its worker. Structured-clone data only.
 *
 *   → init { wasmPaths }             ← backend { choice }
 *   → train { id, config, weights? } ← epoch … ← auditing … ← done | cancelled | error
 *   → cancel { id }
 *   → bench { backend, epochs }      ← bench { … }
 */
import type { BackendChoice, BackendName } from '../../lib/vae/backend-choice';
import type { VaeWeightsJson } from '../../lib/vae/serialize';
import type { VaeLabConfig } from './controls';

export interface TensorMemory {
  readonly numTensors: number;
  readonly numBytes: number;
}

export type ToVaeWorker =
  | { readonly type: 'init'; readonly wasmPaths: Record<string, string> }
  | { readonly type: 'train'; readonly id: number; readonly config: VaeLabConfig; readonly weights?: VaeWeightsJson }
  | { readonly type: 'cancel'; readonly id: number }
  | { readonly type: 'bench'; readonly backend: BackendName; readonly epochs: number };

export interface VaeLabOutcome {
  readonly srmr: number;
  /** mean residual correlation matrix, truth − model, 12×12 */
  readonly residual: number[][];
  readonly auditSets: number;
  readonly epochsRun: number;
  readonly bestEpoch: number;
  readonly stoppedBy: 'patience' | 'max-epochs';
  readonly activeDims: number;
  readonly latentDim: number;
  readonly seconds: number;
}

export type FromVaeWorker =
  | { readonly type: 'backend'; readonly choice: BackendChoice }
  | { readonly type: 'epoch'; readonly id: number; readonly epoch: number; readonly maxEpochs: number; readonly trainLoss: number; readonly testLoss: number; readonly kl: number }
  | { readonly type: 'auditing'; readonly id: number; readonly fraction: number }
  | { readonly type: 'done'; readonly id: number; readonly outcome: VaeLabOutcome; readonly memory: TensorMemory }
  | { readonly type: 'cancelled'; readonly id: number; readonly epoch: number; readonly memory: TensorMemory }
  | { readonly type: 'error'; readonly id: number; readonly message: string; readonly memory?: TensorMemory }
  | { readonly type: 'bench'; readonly backend: BackendName; readonly ok: boolean; readonly stepsPerSecond: number; readonly steps: number; readonly reason?: string };
