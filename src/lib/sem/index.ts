/** Public surface of the SEM engine (framework-free; Float64Array throughout). */
export { parseLavaan, SemSyntaxError, type Statement, type SemOperator } from './syntax';
export { describeLavaan, describeModel, SemModelError, type SemDescription, type LoadingSpec, type PathSpec, type CovarianceSpec } from './description';
export { sufficientStats, selectStats, centered, secondMomentAboutZero, patternData, MvnLikelihood, type SufficientStats, type SemPattern } from './likelihood';
export { buildSemModel, type SemModel, type ImpliedMatrices } from './model';
export {
  withPriors,
  usedPriors,
  IDENTIFIED_SPEC,
  ORIGINAL_SPEC,
  NAMED_SPECS,
  PRIOR_SETS,
  type SpecName,
  type PriorSetName,
  type SemSpec,
  type SemPriors,
  type PathPlacement,
  type LatentCovarianceForm,
  type ResidualCovarianceForm,
  type MeanStructure,
} from './spec';
export { saturatedFit, independenceFit, type ReferenceFit } from './saturated';
export { normal, halfNormal, inverseGamma, beta, uniform, lkj, flat, describePrior, type Prior } from './priors';
export { fitMl, fitIndices, type MlFit, type MlParameter, type FitIndices, type MlOptions } from './ml';
export { minimizeLbfgs, type LbfgsOptions, type LbfgsResult } from './lbfgs';
export { effects, pathMatrix, type Effects } from './effects';
export { pathDiagram, type PathDiagram, type DiagramNode, type DiagramEdge, type DiagramEstimate } from './diagram';
export { predictiveResiduals, type PredictiveCheck } from './predictive';
export { analyseSemRun, impliedFromDraw, groupOf, type SemAnalysisInput } from './analysis';
