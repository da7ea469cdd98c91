// One closing line for the whole suite: "tests: N passed, M failed" (unit + browser tests).
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync('.cache/unit.json')) {
  const u = JSON.parse(readFileSync('.cache/unit.json', 'utf8'));
  passed += u.numPassedTests ?? 0;
  // a suite that fails to load counts as a failure even though none of its tests ran
  failed += (u.numFailedTests ?? 0) + (u.numFailedTests > 0 ? 0 : u.numFailedTestSuites ?? 0);
  skipped += (u.numPendingTests ?? 0) + (u.numTodoTests ?? 0);
} else {
  console.log('unit tests: no report (they did not run)');
  failed += 1;
}
if (existsSync('.cache/e2e.json')) {
  const e = JSON.parse(readFileSync('.cache/e2e.json', 'utf8'));
  passed += (e.stats?.expected ?? 0) + (e.stats?.flaky ?? 0);
  failed += e.stats?.unexpected ?? 0;
  skipped += e.stats?.skipped ?? 0;
} else {
  console.log('browser tests: no report (they did not run)');
  failed += 1;
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
