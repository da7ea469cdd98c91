/**
 * A missingness mechanism that separates the methods: the same cells removed completely at
 * random, at random given job satisfaction (MAR), and depending on the missing value itself
 * (MNAR), each handled by complete-case analysis, pairwise deletion, column-mean imputation,
 * EM and the Bayesian MVN in both formulations, over fresh samples of 500 rows.
 */
import { MAR_LOW_SATISFACTION, MCAR_SAME_CELLS, MNAR_LOW_VALUES, mechanismData } from '../missingness';
import { mvnMarConfigSchema, mvnMarResultSchema } from '../results/replication';
import { declareExperiment } from './declaration';
import { REPLICATION_QUICK_SAMPLING, REPLICATION_SAMPLING } from './replication-family';

const mechanisms = [
  { id: 'mcar', mechanism: mechanismData(MCAR_SAME_CELLS) },
  { id: 'mar', mechanism: mechanismData(MAR_LOW_SATISFACTION) },
  { id: 'mnar', mechanism: mechanismData(MNAR_LOW_VALUES) },
];

export default declareExperiment({
  id: 'mvn-mar-500',
  family: 'replication',
  title: 'Missing-data methods under MCAR, MAR and MNAR, n = 500',
  configSchema: mvnMarConfigSchema,
  // The cheap estimators on 200 samples per mechanism; the Bayesian MVN on the first 12, the
  // cells-as-parameters formulation (about 3× the cost) on the first 2, as a check that both
  // formulations give the same posterior under every mechanism.
  config: { seed: 5001, n: 500, mechanisms, replications: 200, bayesReplications: 12, cellsReplications: 2, ...REPLICATION_SAMPLING },
  quickConfig: { seed: 5001, n: 500, mechanisms, replications: 4, bayesReplications: 2, cellsReplications: 0, ...REPLICATION_QUICK_SAMPLING },
  resultSchema: mvnMarResultSchema,
  inputs: [],
});
