/**
 * `npm run bench:vae`: ms per training step (forward, backward, Adam) for the plain and masked
 * VAEs and MIWAE (K = 20 importance samples per row) at batch 32 and 256 on each
 * Node backend, the same for PyTorch on this CPU when python3 can import
 * torch, and the wall time of each VAE experiment in its quick configuration.
 *
 *   npm run bench:vae [-- --no-experiments] [--steps N]
 *
 * The machine is shared: medians of 3 repeats, and every figure is only as quiet as the machine.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../src/lib/random';
import { simulatePopulation, maskMcar } from '../src/lib/data';
import { MASKED_SPEC, MIWAE_SPEC, PLAIN_SPEC, createAdam, createVae, step, toVaeData, type VaeSpec } from '../src/lib/vae';
import { initTf, type NodeBackend } from '../precompute/tf-node';
import { runContext } from '../precompute/context';
import { loadExperiment } from '../precompute/registry';
import { intOption, parseOptions, UsageError } from './sampling-cli';
import { VAE_EXPERIMENT_IDS } from '../src/lib/experiments';
import { MIWAE_K } from '../src/lib/experiments/vae-missing-family';

const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE = 'Usage: npm run bench:vae [-- --no-experiments] [--steps N]';

function readOptions(argv: readonly string[]): { steps: number; experiments: boolean } {
  const v = parseOptions(argv, { 'no-experiments': 'boolean', steps: 'string' });
  return { steps: intOption(v, 'steps', 200, 1), experiments: v['no-experiments'] !== true };
}

let options: ReturnType<typeof readOptions>;
try {
  options = readOptions(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  console.error(`bench:vae: ${err.message}\n${USAGE}`);
  process.exit(2);
}
const STEPS = options.steps;
/** issue 16's target: a training step at batch 32 in at most half PyTorch's time per seed */
const TORCH_RATIO_TARGET = 0.5;
// MIWAE's K in the benchmark: MIWAE_K, the value vae-miwae-5000 trains with (stated once there)

interface Row {
  engine: string;
  arch: string;
  batch: number;
  msPerStep: number;
}

function timeSteps(spec: VaeSpec, batch: number, gradients: 'manual' | 'autodiff', rng: Rng): number {
  let x = simulatePopulation(rng, 4096);
  if (spec.kind !== 'plain') x = maskMcar(rng, x, 0.2).data;
  const d = toVaeData(spec, x);
  const model = createVae(spec, rng);
  const adam = createAdam(model.params, { learningRate: 1e-4 });
  const order = Uint32Array.from({ length: d.rows }, (_, i) => i);
  let at = 0;
  const one = () => {
    if (at + batch > d.rows) at = 0;
    step(model, adam, d, order, at, at + batch, rng, gradients, spec.kind === 'miwae' ? { samples: MIWAE_K } : {});
    at += batch;
  };
  for (let i = 0; i < 150; i++) one(); // JIT tiering and first-use kernel setup
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    for (let i = 0; i < STEPS; i++) one();
    runs.push((performance.now() - t) / STEPS);
  }
  return runs.sort((a, b) => a - b)[1];
}

function torchRows(threads?: number): Row[] | string {
  const script = path.join(here, 'bench_vae_torch.py');
  // Debian's python3-torch lives under /usr/bin/python3; a pyenv shim may shadow it.
  for (const py of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(py, ['-c', 'import torch'], { stdio: 'ignore' });
    } catch {
      continue;
    }
    const out = execFileSync(py, [script, ...(threads ? [String(threads)] : [])], { encoding: 'utf8' });
    const j = JSON.parse(out.trim().split('\n').pop() as string) as { torch: string; threads: number; results: { arch: string; batch: number; msPerStep: number }[] };
    return j.results.map((r) => ({ engine: `pytorch ${j.torch} (${j.threads} thread${j.threads > 1 ? 's' : ''})`, ...r }));
  }
  return 'PyTorch skipped: no python3 here can import torch (apt-get install -y python3-torch for the comparison)';
}

async function experimentTimes(): Promise<{ id: string; seconds: number }[]> {
  await initTf('wasm');
  const out: { id: string; seconds: number }[] = [];
  for (const id of VAE_EXPERIMENT_IDS) {
    const e = await loadExperiment(id);
    const t = performance.now();
    await e.run(runContext(e, { quick: true }));
    out.push({ id, seconds: (performance.now() - t) / 1000 });
    console.log(`  ${id.padEnd(20)} ${out[out.length - 1].seconds.toFixed(1)} s`);
  }
  return out;
}

async function main() {
  const rows: Row[] = [];
  console.log(`VAE training step (forward + backward + Adam), median of 3 × ${STEPS} steps`);
  for (const backend of ['wasm', 'cpu'] as NodeBackend[]) {
    await initTf(backend);
    for (const spec of [PLAIN_SPEC, MASKED_SPEC, MIWAE_SPEC]) {
      for (const batch of [32, 256]) {
        for (const g of ['manual', 'autodiff'] as const) {
          if (g === 'autodiff' && batch !== 32) continue; // the reference path, for the record
          const ms = timeSteps(spec, batch, g, createRng(1));
          const arch = spec.kind === 'miwae' ? `miwae K=${MIWAE_K}` : spec.kind;
          const row = { engine: `tfjs ${backend}${g === 'autodiff' ? ' (autodiff)' : ''}`, arch, batch, msPerStep: ms };
          rows.push(row);
          console.log(`  ${row.engine.padEnd(34)} ${arch.padEnd(12)} batch ${String(batch).padStart(3)}: ${ms.toFixed(3)} ms/step`);
        }
      }
    }
  }
  tf.disposeVariables();
  // PyTorch at its default thread count, then pinned to 1 thread (like our wasm) if that differs.
  for (const threads of [undefined, 1]) {
    const t = torchRows(threads);
    if (typeof t === 'string') {
      console.log(t);
      break;
    }
    if (threads === 1 && rows.some((r) => r.engine === t[0].engine)) break; // default was already 1
    for (const r of t) console.log(`  ${r.engine.padEnd(34)} ${r.arch.padEnd(12)} batch ${String(r.batch).padStart(3)}: ${r.msPerStep.toFixed(3)} ms/step`);
    rows.push(...t);
  }
  const firstTorch = rows.find((r) => r.engine.startsWith('pytorch'))?.engine;
  const torch = rows.filter((r) => r.engine === firstTorch);
  if (torch.length) {
    console.log(`Ratio tfjs wasm / ${firstTorch}; < 1 means tfjs is faster. Target at batch 32: ≤ ${TORCH_RATIO_TARGET}`);
    console.log('  (per seed, seeds one at a time: training seeds together was measured at 0.58–1.13× the speed per seed on wasm, so it is not used)');
    for (const r of rows.filter((q) => q.engine === 'tfjs wasm')) {
      const t = torch.find((q) => q.arch === r.arch && q.batch === r.batch);
      if (!t) continue;
      const ratio = r.msPerStep / t.msPerStep;
      const verdict = r.batch === 32 ? (ratio <= TORCH_RATIO_TARGET ? '  met' : '  not met') : '';
      console.log(`  ${r.arch.padEnd(12)} batch ${String(r.batch).padStart(3)}: ${ratio.toFixed(2)}${verdict}`);
    }
  }
  if (options.experiments) {
    console.log('Experiment wall time, QUICK configuration, wasm, one at a time:');
    await experimentTimes();
  }
}

main().catch((e) => {
  console.error(`bench:vae: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
