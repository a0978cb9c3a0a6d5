#!/usr/bin/env bash
# The e2e suite several times over while two CPU hogs run: the flake hunt a 2-core CI box needs.
#   scripts/e2e-under-load.sh [repeat-each, default 2]
# Needs a build (npm run build) and stress-ng (apt-get install stress-ng). Exits with Playwright's code.
set -euo pipefail
cd "$(dirname "$0")/.."
repeat="${1:-2}"
command -v stress-ng >/dev/null || { echo "e2e-under-load: stress-ng is not installed (apt-get install stress-ng)." >&2; exit 69; }
stress-ng --cpu 2 --timeout 3600s --quiet &
hogs=$!
trap 'kill "$hogs" 2>/dev/null || true' EXIT
scripts/with-keyring.sh npx playwright test --repeat-each="$repeat"
