// One closing line for the whole suite: "tests: N passed, M failed". Unit and browser tests count
// one each (from their JSON reports); every other step of scripts/test-all.sh (typecheck, quick
// precompute, staleness check, build, HTML validation, Lighthouse…) counts as one test, so a
// failed step can never read as "0 failed". Steps come from .cache/steps.tsv ("ok|failed<TAB>name").
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Steps whose tests are counted from their own reports. */
const REPORTED = { 'unit tests': 'unit', 'browser tests': 'e2e' };

/** Counts from a Vitest JSON report (a suite that fails to load counts as a failure). */
export function unitCounts(u) {
  return {
    passed: u.numPassedTests ?? 0,
    failed: (u.numFailedTests ?? 0) + (u.numFailedTests > 0 ? 0 : u.numFailedTestSuites ?? 0),
    skipped: (u.numPendingTests ?? 0) + (u.numTodoTests ?? 0),
  };
}

/** Counts from a Playwright JSON report. */
export function e2eCounts(e) {
  return { passed: (e.stats?.expected ?? 0) + (e.stats?.flaky ?? 0), failed: e.stats?.unexpected ?? 0, skipped: e.stats?.skipped ?? 0 };
}

/**
 * steps: [{ name, ok }] in run order; reports: { unit?, e2e? } parsed JSON (undefined when the
 * step wrote none). Returns the totals and a note per step that needs one.
 */
export function summarise(steps, reports) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const notes = [];
  const seen = new Set(steps.map((s) => s.name));
  for (const name of Object.keys(REPORTED)) {
    if (!seen.has(name)) {
      notes.push(`${name}: did not run`);
      failed += 1;
    }
  }
  for (const step of steps) {
    const kind = REPORTED[step.name];
    if (!kind) {
      if (step.ok) passed += 1;
      else {
        failed += 1;
        notes.push(`${step.name}: failed`);
      }
      continue;
    }
    const report = reports[kind];
    if (!report) {
      failed += 1;
      notes.push(`${step.name}: no report (${step.ok ? 'it wrote none' : 'it failed before reporting'})`);
      continue;
    }
    const c = kind === 'unit' ? unitCounts(report) : e2eCounts(report);
    passed += c.passed;
    skipped += c.skipped;
    // a runner that failed although every test it reported passed (a crash, a failed web server)
    const extra = !step.ok && c.failed === 0 ? 1 : 0;
    failed += c.failed + extra;
    if (extra) notes.push(`${step.name}: failed although no test in its report did`);
  }
  return { passed, failed, skipped, notes };
}

export function line({ passed, failed, skipped }) {
  return `tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}

function readJson(file) {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const steps = existsSync('.cache/steps.tsv')
    ? readFileSync('.cache/steps.tsv', 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const [status, ...name] = l.split('\t');
          return { name: name.join('\t'), ok: status === 'ok' };
        })
    : [];
  const s = summarise(steps, { unit: readJson('.cache/unit.json'), e2e: readJson('.cache/e2e.json') });
  for (const n of s.notes) console.log(n);
  console.log(line(s));
}
