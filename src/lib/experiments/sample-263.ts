/** One simulated sample of the original study's size, and how far its correlations are from the truth. */
import { ORIGINAL_N } from '../data';
import { sampleConfigSchema, sampleResultSchema } from '../results/spine';
import { declareExperiment } from './declaration';

const config = { seed: 20250725, n: ORIGINAL_N, previewRows: 8, previewMissingFraction: 0.05 };

export default declareExperiment({
  id: 'sample-263',
  family: 'data',
  title: 'One simulated sample (n = 263) and its correlation matrix',
  configSchema: sampleConfigSchema,
  config,
  // already cheap: CI runs the full configuration
  quickConfig: config,
  resultSchema: sampleResultSchema,
  inputs: [],
});
