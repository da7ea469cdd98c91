/**
 * Is a stored result still what the current config and code would produce?
 * Shared by the runner (to skip fresh results) and by check:results (to fail CI on stale ones).
 */
import type { z } from 'zod';
import { codeFingerprint, configHash, sha256, withInputs, type Fingerprint } from './fingerprint';
import { inputHashes } from './inputs';
import { ROOT } from './paths';
import { experimentFile, type AnyExperiment } from './registry';
import { readManifest, readResult } from './store';

export type Freshness =
  | { fresh: true }
  | { fresh: false; reason: string };

export interface Planned {
  experiment: AnyExperiment;
  config: Record<string, unknown>;
  configHash: string;
  /** source files, packages and declared inputs */
  code: Fingerprint;
}

/** The config the run would use (full or quick), validated by its schema; an invalid one is an error naming the field and the file. */
export function validConfig(experiment: AnyExperiment, quick: boolean): Record<string, unknown> {
  const raw = quick ? experiment.quickConfig : experiment.config;
  const parsed = (experiment.configSchema as z.ZodTypeAny).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Invalid ${quick ? 'quick ' : ''}config for ${experiment.id}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}. ` +
        `Fix it in src/lib/experiments/${experiment.id}.ts.`,
    );
  }
  return parsed.data as Record<string, unknown>;
}

/** Validate the config the run would use (full or quick) and fingerprint config, code and declared inputs (read under `root`). */
export async function plan(experiment: AnyExperiment, quick: boolean, root: string = ROOT): Promise<Planned> {
  const config = validConfig(experiment, quick);
  const code = withInputs(await codeFingerprint(experimentFile(experiment.id)), inputHashes(experiment.id, experiment.inputs, root));
  return { experiment, config, configHash: configHash(config), code };
}

export function freshness(dir: string, planned: Planned): Freshness {
  const { experiment } = planned;
  const manifest = readManifest(dir);
  const entry = manifest.experiments[experiment.id];
  const stored = readResult(dir, experiment.id);
  if (!stored.ok) return { fresh: false, reason: `result file is ${stored.problem}` };
  if (!entry) return { fresh: false, reason: 'not recorded in the manifest' };
  if (entry.resultSha256 !== sha256(stored.text)) return { fresh: false, reason: 'result file does not match the manifest (edited or corrupt)' };
  if (stored.envelope.configHash !== planned.configHash) return { fresh: false, reason: 'its config changed' };
  if (stored.envelope.codeHash !== planned.code.hash) {
    const inputs = Object.keys(planned.code.inputs);
    const newInputs = inputs.filter((p) => entry.inputs?.[p] === undefined);
    const changedInputs = inputs.filter((p) => entry.inputs?.[p] !== undefined && entry.inputs[p] !== planned.code.inputs[p]);
    if (changedInputs.length > 0) return { fresh: false, reason: `its declared input ${changedInputs.join(', ')} changed` };
    if (newInputs.length > 0) return { fresh: false, reason: `it declares a new input, ${newInputs.join(', ')}` };
    const changed = planned.code.files.filter((f) => !entry.files.includes(f));
    const hint = changed.length > 0 ? ` (new source files: ${changed.slice(0, 3).join(', ')})` : ' (a source file it imports changed)';
    return { fresh: false, reason: `its code changed${hint}` };
  }
  const payload = (experiment.resultSchema as z.ZodTypeAny).safeParse(stored.envelope.result);
  if (!payload.success) {
    const issue = payload.error.issues[0];
    return { fresh: false, reason: `result fails its schema at ${issue?.path.join('.') || '(root)'}: ${issue?.message}` };
  }
  return { fresh: true };
}
