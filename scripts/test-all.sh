#!/usr/bin/env bash
# The whole test suite, as CI runs it: types, unit tests, the quick precompute, the staleness
# check of the committed results, the site build, and the browser tests in Debian's Chromium.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .cache
rm -f .cache/unit.json .cache/e2e.json .cache/steps.tsv

failed=()
step() {
  local name="$1"; shift
  echo
  echo "━━ $name"
  local t0=$SECONDS
  if "$@"; then
    echo "━━ $name: ok ($((SECONDS - t0)) s)"
    printf 'ok\t%s\n' "$name" >> .cache/steps.tsv
  else
    echo "━━ $name: FAILED ($((SECONDS - t0)) s)"
    printf 'failed\t%s\n' "$name" >> .cache/steps.tsv
    failed+=("$name")
  fi
}

bash scripts/ensure-deps.sh || { echo "npm dependencies could not be installed"; exit 1; }
step "chromium" bash scripts/ensure-chromium.sh
step "typecheck" npx tsc --noEmit -p .
step "unit tests" npx vitest run --reporter=default --reporter=json --outputFile.json=.cache/unit.json
step "quick precompute" npx tsx precompute/cli.ts --quick --force --jobs 2
step "committed results are fresh" npx tsx precompute/check.ts
step "site build" npx astro build
if [ -d dist ] && [ -f dist/index.html ]; then
  step "HTML validation" npx html-validate --config .htmlvalidate.json "dist/**/*.html"
  step "browser tests" npx playwright test
  step "lighthouse (accessibility ≥ 95; performance printed beside its target)" node scripts/lighthouse.mjs
else
  # counted by the summary as "browser tests: did not run"
  failed+=("browser tests (no build)")
fi

node scripts/test-summary.mjs
if [ ${#failed[@]} -gt 0 ]; then
  echo "Failed steps: ${failed[*]}"
  exit 1
fi
echo "All steps passed."
