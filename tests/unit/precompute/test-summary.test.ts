/** The test suite's closing line (scripts/test-summary.mjs) counts failed steps as failures. */
import { describe, expect, it } from 'vitest';
import { line, summarise } from '../../../scripts/test-summary.mjs';

const unit = { numPassedTests: 300, numFailedTests: 0, numFailedTestSuites: 0, numPendingTests: 1, numTodoTests: 0 };
const e2e = { stats: { expected: 20, flaky: 1, unexpected: 0, skipped: 0 } };
const ok = (name: string) => ({ name, ok: true });
const bad = (name: string) => ({ name, ok: false });

describe('the closing line of the test suite', () => {
  it('counts each unit and browser test, and each other step as one test', () => {
    const s = summarise([ok('typecheck'), ok('unit tests'), ok('quick precompute'), ok('site build'), ok('browser tests'), ok('lighthouse')], { unit, e2e });
    expect(line(s)).toBe('tests: 325 passed, 0 failed, 1 skipped');
  });

  it('never reads "0 failed" when a step failed', () => {
    const typecheck = summarise([bad('typecheck'), ok('unit tests'), ok('browser tests')], { unit, e2e });
    expect(typecheck.failed).toBe(1);
    expect(typecheck.notes).toEqual(['typecheck: failed']);
    const lighthouse = summarise([ok('unit tests'), ok('browser tests'), bad('lighthouse (performance and accessibility ≥ 95)')], { unit, e2e });
    expect(line(lighthouse)).toMatch(/, 1 failed/);
    // a runner that failed without a failing test in its report (crash, web server) still counts
    expect(summarise([bad('unit tests'), ok('browser tests')], { unit, e2e }).failed).toBe(1);
  });

  it('counts a missing report or a runner that never ran as a failure', () => {
    expect(summarise([ok('unit tests')], { unit }).notes).toEqual(['browser tests: did not run']);
    expect(summarise([ok('unit tests'), bad('browser tests')], { unit }).failed).toBe(1);
    expect(summarise([ok('unit tests'), ok('browser tests')], { unit: { ...unit, numFailedTests: 2 }, e2e }).failed).toBe(2);
    // a suite that failed to load, with no failed test, is one failure
    expect(summarise([ok('unit tests'), ok('browser tests')], { unit: { ...unit, numFailedTestSuites: 1 }, e2e }).failed).toBe(1);
  });
});
