#!/usr/bin/env bash
# Runs every test in CreditMesh.sln (Release). The integration tests start their own throwaway
# PostgreSQL and RabbitMQ from the installed binaries, so those packages are ensured first.
# Extra arguments go to `dotnet test`, e.g.: infra/test.sh --filter "FullyQualifiedName~Lists"
# Output is kept in .local/test-output.log. The last line is always the overall count:
#   Tests: N passed, N failed[, N skipped]
# Exit status is dotnet test's, and non-zero as well when a test failed or none ran.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=infra/lib.sh
source "$repo/infra/lib.sh"

ensure_packages
command -v dotnet >/dev/null 2>&1 || { fail "dotnet SDK not found on PATH (global.json asks for .NET 10)"; exit 1; }

mkdir -p "$repo/.local"
output="$repo/.local/test-output.log"
cd "$repo"

# Plain console output (no live terminal logger) so the per-assembly summaries can be parsed.
set +e
MSBUILDTERMINALLOGGER=off dotnet test CreditMesh.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 \
  | tee "$output"
statuses=("${PIPESTATUS[@]}")
set -e
rc="${statuses[0]}"

# One summary block per test assembly (console logger, normal verbosity):
#   Total tests: 14
#        Passed: 13
#        Failed: 1
#       Skipped: 0        (a count line is left out when it is zero)
#    Total time: 10.4 Seconds
read -r passed failed skipped total assemblies < <(
  awk '
    /^Total tests: +[0-9]+/ { t += $3; a++; inblock = 1; next }
    inblock && /^ +Passed: +[0-9]+/  { p += $2; next }
    inblock && /^ +Failed: +[0-9]+/  { fl += $2; next }
    inblock && /^ +Skipped: +[0-9]+/ { s += $2; next }
    /Total time:/ { inblock = 0 }
    END { printf "%d %d %d %d %d\n", p, fl, s, t, a }' "$output"
)

if [[ $assemblies -eq 0 || $total -eq 0 ]]; then
  log "no test results found in $output"
  [[ $rc -ne 0 ]] || rc=1
fi
if [[ $failed -gt 0 && $rc -eq 0 ]]; then rc=1; fi
if [[ $rc -ne 0 && $failed -eq 0 ]]; then
  log "dotnet test exited with $rc although no test failed: a project did not build or a test host crashed (see above)"
fi

summary="Tests: $passed passed, $failed failed"
[[ $skipped -gt 0 ]] && summary+=", $skipped skipped"
echo "$summary"
exit "$rc"
