/** SVD of an n = 100 sample: singular values, and the error of every rank-k reconstruction. */
import { svdConfigSchema, svdResultSchema } from '../results/spine';
import { declareExperiment } from './declaration';

const config = { seed: 100, n: 100, shownRanks: [2, 5, 12] };

export default declareExperiment({
  id: 'svd-100',
  family: 'data',
  title: 'Singular value decomposition of an n = 100 sample',
  configSchema: svdConfigSchema,
  config,
  // already cheap: CI runs the full configuration
  quickConfig: config,
  resultSchema: svdResultSchema,
  inputs: [],
});
