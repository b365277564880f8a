#!/usr/bin/env bash
# `npm run demo`: the first README command. Installs what a fresh clone needs, then runs the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
exec npx tsx scripts/demo.ts "$@"
