/**
 * Planning an experiment whose declared input is missing stops before anything runs, with a
 * message that names the file and what to do: for another experiment's result, the command that
 * makes it; for any other file, how to restore it. No stack trace reaches the user: the CLI and
 * check:results print the message alone.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../src/lib/experiments';
import { SEM_MODEL_FILE } from '../../../src/lib/experiments/sem-family';
import { ABLATION_RESULT_FILE } from '../../../src/lib/experiments/vae-missing-family';
import { plan } from '../../../precompute/freshness';
import { missingInputMessage, producerOf } from '../../../precompute/inputs';
import { loadExperiment } from '../../../precompute/registry';
import { tempDirs } from './helpers';

const tempDir = tempDirs('missing-input-test-');

describe('a missing declared input', () => {
  it('that is another experiment\'s result: planning names the file and the experiment to run first', async () => {
    expect(CATALOGUE['vae-masked-fixed-5000'].inputs).toEqual([ABLATION_RESULT_FILE]);
    const fixed = await loadExperiment('vae-masked-fixed-5000');
    const empty = tempDir(); // a checkout without public/results/vae-masked-ablation.json
    for (const quick of [false, true]) {
      const planning = plan(fixed, quick, empty);
      await expect(planning).rejects.toThrow('vae-masked-fixed-5000 reads the result of vae-masked-ablation (public/results/vae-masked-ablation.json');
      await expect(planning).rejects.toThrow('Run `npm run precompute -- vae-masked-ablation vae-masked-fixed-5000`: the runner makes vae-masked-ablation\'s result first');
    }
  });

  it('plans once the result is there', async () => {
    const root = tempDir();
    mkdirSync(path.join(root, 'public', 'results'), { recursive: true });
    writeFileSync(path.join(root, ABLATION_RESULT_FILE), '{}\n');
    const planned = await plan(await loadExperiment('vae-masked-fixed-5000'), true, root);
    expect(Object.keys(planned.code.inputs)).toEqual([ABLATION_RESULT_FILE]);
  });

  it('that is a data file: planning names the file, the declaration and how to restore it', async () => {
    const sem = await loadExperiment('sem-original-263');
    await expect(plan(sem, true, tempDir())).rejects.toThrow(
      `sem-original-263 declares the input ${SEM_MODEL_FILE} (src/lib/experiments/sem-original-263.ts), but there is no such file. Restore it (git checkout -- ${SEM_MODEL_FILE})`,
    );
  });

  it('is recognised as a result only for a catalogue experiment\'s file in public/results', () => {
    expect(producerOf('public/results/vae-masked-ablation.json')).toBe('vae-masked-ablation');
    expect(producerOf('public/results/manifest.json')).toBeUndefined();
    expect(producerOf('public/results/no-such-experiment.json')).toBeUndefined();
    expect(producerOf('.quick-results/vae-masked-ablation.json')).toBeUndefined();
    expect(producerOf('content/public/results/svd-100.json')).toBeUndefined();
    expect(missingInputMessage('x', 'public/results/manifest.json')).toMatch(/no such file/);
  });
});
