/** Public surface of the SEM engine (framework-free; Float64Array throughout). */
export { parseLavaan, SemSyntaxError, type Statement, type SemOperator } from './syntax';
export { describeLavaan, describeModel, SemModelError, type SemDescription, type LoadingSpec, type PathSpec, type CovarianceSpec } from './description';
export { sufficientStats, selectStats, centered, secondMomentAboutZero, ZeroMeanMvn, type SufficientStats } from './likelihood';
export {
  buildSemModel,
  withPriors,
  IDENTIFIED_SPEC,
  ORIGINAL_SPEC,
  type SemModel,
  type SemSpec,
  type SemPriors,
  type ImpliedMatrices,
  type PathPlacement,
  type LatentCovarianceForm,
  type ResidualCovarianceForm,
} from './model';
export { normal, halfNormal, inverseGamma, beta, uniform, lkj, flat, describePrior, type Prior } from './priors';
export { fitMl, fitIndices, type MlFit, type MlParameter, type FitIndices, type MlOptions } from './ml';
export { minimizeLbfgs, type LbfgsOptions, type LbfgsResult } from './lbfgs';
export { effects, pathMatrix, type Effects } from './effects';
export { pathDiagram, type PathDiagram, type DiagramNode, type DiagramEdge, type DiagramEstimate } from './diagram';
export { predictiveResiduals, type PredictiveCheck } from './predictive';
export { analyseSemRun, impliedFromDraw, groupOf, type SemAnalysisInput } from './analysis';
