#!/usr/bin/env bash
# The one test command (`npm test`): dependencies, typecheck, lint, build, store checks, every test layer.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh

step() { printf '\n== %s\n' "$*"; }
# One command per line: under `set -e` a failure inside an `a && b` list would not stop the script.
step "typecheck"
npx tsc -b
step "lint"
npx eslint .
npx prettier --check . >/dev/null
echo "eslint and prettier: clean"
step "build"
npx tsx scripts/build.ts
step "store checks"
npx tsx scripts/check-dist.ts dist
step "tests (unit, browser, e2e)"
report="$(mktemp)"
status=0
npx vitest run --reporter=default --reporter=json --outputFile="$report" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`\nTests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$report" || true
exit "$status"
