/**
 * The Bayesian engine's public surface: framework-free, Float64Array throughout, no Node or
 * DOM imports, so it runs in Node worker_threads and browser Web Workers alike.
 */
export type { Model, ParameterBlock } from './model';
export { blockLabels, summarisedIndices } from './model';
export * from './transforms';
export * from './densities';
export {
  sufficientStats,
  mvnPatternLogLik,
  mvnCholeskyLogLik,
  mvnWorkspace,
  type SufficientStats,
  type PatternStats,
  type MvnWorkspace,
} from './mvn-likelihood';
export { mvnModel, mvnLayout, covarianceOf, type MvnModelData, type MissingFormulation } from './models/mvn';
export { missingLayout, drawMissing, type MissingLayout } from './conditional-normal';
export { nutsInit, nutsStep, findReasonableStepSize, type NutsState, type NutsParameters, type NutsInfo, type LogDensityFn } from './nuts';
export * from './adaptation';
export { runChain, outputColumns, chainSeed, generatedSeed, type SamplerSettings, type ChainResult, type ChainStats, type ChainHooks } from './sampler';
export * from './diagnostics';
export * from './summary';
export { buildModel, registerModelKind, type ModelSpec, type MvnSpec, type ModelFactory } from './registry';
export type { ChainJob, ToWorker, FromWorker } from './protocol';
export { transferables } from './protocol';
export {
  runChainJob,
  handleWorkerMessage,
  installChainWorker,
  inlineExecutor,
  chainJobs,
  type ChainExecutor,
  type ChainProgress,
  type ChainWorkerScope,
} from './runner';
export { runChainPool, workerPoolExecutor, type ChainPoolOptions, type WorkerLike } from './pool';
export { mvnGraph, type ModelGraph, type GraphNode, type GraphEdge, type GraphPlate, type MvnGraphOptions } from './graph';
export { gammaDraw, betaDraw, lkjCorrCholeskyDraw, mvnPriorDraw } from './random-draws';
export { parseNumericCsv, type NumericTable } from './csv';
export { mvnDrawAt, mvnPredictive, evenDraws, type MvnDraw } from './predictive';
