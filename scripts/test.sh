#!/usr/bin/env bash
# `npm test`: installs what is missing, then type-check, lint, format check, unit and
# integration tests (vitest, real nats-server) and e2e (Playwright, Debian Chromium, production
# build). Every step runs even when an earlier one failed; the last line is `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

bash scripts/ensure-deps.sh --browser || { echo "0 passed, 1 failed"; exit 1; }

out=.test-results
rm -rf "$out" && mkdir -p "$out"
check() {
  local name=$1
  shift
  echo "== $name"
  if "$@"; then echo "$name pass" >>"$out/steps"; else
    echo "!! $name failed"
    echo "$name fail" >>"$out/steps"
  fi
}

start=$(date +%s)
check typecheck npm run --silent typecheck
check lint npx eslint . --max-warnings=0
check format npx prettier --check . --log-level=warn
check vitest npx vitest run --reporter=default --reporter=json --outputFile.json="$out/vitest.json"
check e2e env PLAYWRIGHT_JSON_OUTPUT_NAME="$out/e2e.json" npx playwright test --reporter=list,json

echo "== total time $(($(date +%s) - start)) s"
node scripts/test-summary.mjs "$out"
