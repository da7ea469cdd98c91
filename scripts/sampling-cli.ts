/** What both sampling CLIs share: running chains with progress on stderr, and the JSON summary. */
import { writeFileSync } from 'node:fs';
import type { ChainExecutor, chainJobs } from '../src/lib/bayes/runner';
import type { samplerHealth } from '../src/lib/bayes/summary';

/** Run the chains, printing each chain's progress every 10%; returns the chains and wall seconds. */
export async function runChainsWithProgress(executor: ChainExecutor, jobs: ReturnType<typeof chainJobs>) {
  const started = performance.now();
  const last = new Map<number, number>();
  const chains = await executor.run(jobs, (p) => {
    const pct = Math.floor((100 * p.iteration) / p.total);
    if ((last.get(p.chain) ?? -10) + 10 <= pct) {
      last.set(p.chain, pct);
      process.stderr.write(`chain ${p.chain}: ${p.iteration}/${p.total} (${p.phase})\n`);
    }
  });
  return { chains, wall: (performance.now() - started) / 1000 };
}

type Health = ReturnType<typeof samplerHealth>;

export function samplerJson(health: Health) {
  return {
    divergences: health.divergences,
    treeDepthHits: health.treeDepthHits,
    ebfmi: health.ebfmi,
    stepSize: health.stepSize,
    meanAcceptStat: health.meanAcceptStat,
    gradientEvaluations: health.gradientEvaluations.warmup + health.gradientEvaluations.sampling,
    gradientEvaluationsByPhase: health.gradientEvaluations,
  };
}

/** Writes the summary; non-finite numbers (e.g. R-hat of a single chain) become null. */
export function writeSummaryJson(file: string, json: unknown): void {
  writeFileSync(file, JSON.stringify(json, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
  console.log(`wrote ${file}`);
}
