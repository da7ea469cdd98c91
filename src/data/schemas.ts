/**
 * Which schema validates which result, derived from the catalogue (src/lib/experiments). The
 * site validates every result it reads against this table at build time, so a corrupt or
 * outdated result file fails the build loudly.
 */
import type { z } from 'zod';
import { CATALOGUE, EXPERIMENTS, type ExperimentId } from '../lib/experiments';

export type ResultId = ExperimentId;

export const resultSchemas = Object.fromEntries(EXPERIMENTS.map((d) => [d.id, d.resultSchema])) as {
  readonly [I in ResultId]: (typeof CATALOGUE)[I]['resultSchema'];
};

export type ResultOf<I extends ResultId> = z.output<(typeof resultSchemas)[I]>;
