#!/usr/bin/env bash
# `npm run demo`: installs what is missing, then hands over to the demo supervisor.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-deps.sh
exec node_modules/.bin/tsx scripts/demo.ts
