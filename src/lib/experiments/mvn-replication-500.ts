/**
 * Sections 8 and 9 over fresh samples: the Bayesian MVN on samples of 500 rows, complete and
 * with 10% of cells MCAR (the missing fraction of mvn-missing-500), graded per sample against
 * the truth, with interval coverage across samples.
 */
import { mvnReplicationConfigSchema, mvnReplicationResultSchema } from '../results/replication';
import { declareExperiment } from './declaration';
import { MVN_MISSING_DESIGN } from './mvn-family';
import { REPLICATION_QUICK_SAMPLING, REPLICATION_SAMPLING } from './replication-family';

const design = { seed: 5000, ...MVN_MISSING_DESIGN, hdiProb: 0.94 };

export default declareExperiment({
  id: 'mvn-replication-500',
  family: 'replication',
  title: 'The Bayesian MVN over 20 fresh samples of 500 rows, complete and 10% MCAR',
  configSchema: mvnReplicationConfigSchema,
  config: { ...design, replications: 20, ...REPLICATION_SAMPLING },
  quickConfig: { ...design, replications: 2, ...REPLICATION_QUICK_SAMPLING },
  resultSchema: mvnReplicationResultSchema,
  inputs: [],
});
