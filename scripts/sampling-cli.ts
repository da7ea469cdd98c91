/** The JSON summary both sampling CLIs write: the sampler block and the file write, in one place. */
import { writeFileSync } from 'node:fs';
import type { samplerHealth } from '../src/lib/bayes/summary';

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
