#!/usr/bin/env bash
# Stops what infra/run.sh started: the gateway, the services (by their PID files),
# then RabbitMQ and PostgreSQL. Safe to run again; leaves data and logs in place.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=infra/lib.sh
source "$repo/infra/lib.sh"
cm_config "$repo"

status=0
# The supervisor first, so it does not start again what is being stopped.
if [[ -f "$CM_PID_DIR/supervisor.pid" ]]; then
  kill "$(cat "$CM_PID_DIR/supervisor.pid")" 2>/dev/null || true
  rm -f "$CM_PID_DIR/supervisor.pid"
fi
# The gateway first, so no request reaches a service that is going away.
stop_pid gateway "$CM_PID_DIR/gateway.pid" "$(basename "$CM_GATEWAY_PROJECT").dll" || status=1
for entry in "${CM_SERVICES[@]}"; do
  IFS='|' read -r name project _ _ <<<"$entry"
  stop_pid "$name" "$CM_PID_DIR/$name.pid" "$(basename "$project").dll" || status=1
done

if [[ -d "$CM_RABBIT_DIR" ]]; then
  stop_rabbitmq "$CM_RABBIT_NODE" "$CM_RABBIT_DIR" || status=1
fi
stop_postgres "$CM_PG_DIR" || status=1

if [[ $status -eq 0 ]]; then log "CreditMesh stopped"; else fail "some parts did not stop; see above"; fi
exit $status
