#!/usr/bin/env bash
# Writes a PNG of each web-console page to docs/screenshots/ (referenced from the README), by running the
# console's browser tests against the in-process system with CREDITMESH_SCREENSHOTS set.
# Extra arguments go to infra/test.sh, e.g. --no-build.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CREDITMESH_SCREENSHOTS="$repo/docs/screenshots"
exec "$repo/infra/test.sh" --filter "FullyQualifiedName~Stack.WebConsole" "$@"
