#!/usr/bin/env bash
# Runs the whole CreditMesh stack on this machine, without Docker:
#   PostgreSQL 127.0.0.1:55432, RabbitMQ 127.0.0.1:55672, the services on 127.0.0.1:5101-5107,
#   the gateway on http://localhost:8080.
# Usage: infra/run.sh [--infra-only] [--no-build]
#   --infra-only  start PostgreSQL and RabbitMQ (with roles and databases) and stop there,
#                 e.g. to run services from an IDE with their appsettings.json defaults
#   --no-build    skip `dotnet build` (use the existing Release output)
# Overrides (environment): CM_LOCAL_DIR, CM_DATA_DIR, CM_PG_PORT, CM_RABBIT_PORT,
# CM_RABBIT_DIST_PORT, CM_RABBIT_NODE, CM_GATEWAY_PORT, CM_SERVICE_PORT_BASE (services on base+n, see infra/lib.sh),
# CM_READY_TIMEOUT.
# Running it again reuses whatever is already running (and runs infra/seed.sh again, so the seed
# must be idempotent). Stop everything with infra/stop.sh.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=infra/lib.sh
source "$repo/infra/lib.sh"

infra_only=0 build=1
for arg in "$@"; do
  case "$arg" in
    --infra-only) infra_only=1 ;;
    --no-build) build=0 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) fail "unknown argument: $arg (see --help)"; exit 2 ;;
  esac
done

# Packages first: cm_config checks what the postgres and rabbitmq users (made by them) can reach.
ensure_packages
cm_config "$repo"
mkdir -p "$CM_LOG_DIR" "$CM_PID_DIR"
if [[ "$CM_DATA_DIR" != "$CM_LOCAL_DIR" ]]; then
  # Fallback location: its parents must stay traversable by the postgres and rabbitmq users.
  mkdir -p "$CM_DATA_DIR" && chmod 755 "$CM_DATA_DIR"
  log "server data in $CM_DATA_DIR (the checkout is not reachable by the postgres/rabbitmq users)"
fi
printf '%s\n' "$CM_DATA_DIR" > "$CM_LOCAL_DIR/data-dir"

# --- infrastructure ----------------------------------------------------------------------------
start_postgres "$CM_PG_DIR" "$CM_PG_PORT"
ln -sfn "$CM_PG_DIR/postgresql.log" "$CM_LOG_DIR/postgres.log"

databases=()
for entry in "${CM_SERVICES[@]}"; do
  IFS='|' read -r _ _ _ db <<<"$entry"
  databases+=("$db")
done
ensure_role_and_databases "$CM_PG_PORT" "$CM_DB_USER" "$CM_DB_PASSWORD" "${databases[@]}"
log "role $CM_DB_USER and databases ${databases[*]} present"

start_rabbitmq "$CM_RABBIT_DIR" "$CM_RABBIT_PORT" "$CM_RABBIT_DIST_PORT" "$CM_RABBIT_NODE"
ln -sfn "$CM_RABBIT_DIR/log" "$CM_LOG_DIR/rabbitmq"

if [[ $infra_only -eq 1 ]]; then
  cat <<EOF

Infrastructure is up:
  PostgreSQL  127.0.0.1:$CM_PG_PORT  (user $CM_DB_USER / $CM_DB_PASSWORD; databases ${databases[*]})
  RabbitMQ    127.0.0.1:$CM_RABBIT_PORT  (guest / guest, node $CM_RABBIT_NODE)
Stop with: infra/stop.sh
EOF
  exit 0
fi

# --- build -------------------------------------------------------------------------------------
command -v dotnet >/dev/null 2>&1 || { fail "dotnet SDK not found on PATH (global.json asks for .NET 10)"; exit 1; }
if [[ $build -eq 1 ]]; then
  log "dotnet build CreditMesh.sln -c Release (log: $CM_LOG_DIR/build.log)"
  if ! (cd "$repo" && dotnet build CreditMesh.sln -c Release -nologo) >"$CM_LOG_DIR/build.log" 2>&1; then
    grep -E ': error ' "$CM_LOG_DIR/build.log" | sort -u | head -n 30 >&2 || true
    show_log_tail "$CM_LOG_DIR/build.log" 20
    fail "build failed"
    exit 1
  fi
fi

# --- .NET processes ----------------------------------------------------------------------------
rabbit_env=(
  "RabbitMq__Host=127.0.0.1" "RabbitMq__Port=$CM_RABBIT_PORT"
  "RabbitMq__Username=guest" "RabbitMq__Password=guest" "RabbitMq__VirtualHost=/"
)

# start_app NAME PROJECT_DIR PORT ENV... — starts `dotnet <dll>` in the background, or reuses it.
# Runs from the output directory: that is the content root, where appsettings.json is.
start_app() {
  local name="$1" project="$2" port="$3"; shift 3
  local out="$repo/$project/bin/Release/net10.0"
  local dll
  dll="$out/$(basename "$project").dll"
  local pidfile="$CM_PID_DIR/$name.pid" logfile="$CM_LOG_DIR/$name.log" pid
  if pid="$(pid_alive "$pidfile" "$dll")"; then
    log "$name already running (pid $pid) on 127.0.0.1:$port (reused; infra/stop.sh first to load a new build)"
    return 0
  fi
  [[ -f "$dll" ]] || { fail "$dll not found (build first, or drop --no-build)"; return 1; }
  if port_in_use "$port"; then
    fail "127.0.0.1:$port is taken by another process; $name cannot start"
    return 1
  fi
  printf '\n===== %s start %s =====\n' "$name" "$(date -Is)" >>"$logfile"
  (
    cd "$out"
    # Urls (not only ASPNETCORE_URLS): appsettings.json names a default port, and app configuration outranks host configuration.
    exec setsid nohup env ASPNETCORE_URLS="http://127.0.0.1:$port" Urls="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Development \
      "$@" dotnet "$dll" >>"$logfile" 2>&1 </dev/null
  ) &
  echo $! >"$pidfile"
  log "$name started (pid $!) on http://127.0.0.1:$port, log $logfile"
}

# launch NAME — starts one service or the gateway with its configuration (used at start and by the supervisor).
launch() {
  local wanted="$1" entry name project port db gateway_env=()
  for entry in "${CM_SERVICES[@]}"; do
    IFS='|' read -r name project port db <<<"$entry"
    gateway_env+=("Services__${name^}=http://127.0.0.1:$port")
    [[ "$name" == "$wanted" ]] || continue
    start_app "$name" "$project" "$port" "${rabbit_env[@]}" \
      "EventStore__ConnectionString=Host=127.0.0.1;Port=$CM_PG_PORT;Username=$CM_DB_USER;Password=$CM_DB_PASSWORD;Database=$db;Maximum Pool Size=${CM_PG_POOL:-40}"
    return
  done
  [[ "$wanted" == gateway ]] && start_app gateway "$CM_GATEWAY_PROJECT" "$CM_GATEWAY_PORT" "${gateway_env[@]}"
}

apps=()
for entry in "${CM_SERVICES[@]}"; do
  IFS='|' read -r name project port _ <<<"$entry"
  launch "$name" || exit 1
  apps+=("$name|$project|$port")
done
launch gateway || exit 1
apps+=("gateway|$CM_GATEWAY_PROJECT|$CM_GATEWAY_PORT")

# --- supervisor --------------------------------------------------------------------------------
# What an orchestrator's liveness probe does (ADR 0013): a process that runs but fails /health/live
# CM_SUPERVISE_FAILURES times in a row (e.g. its bus stayed broken past RabbitMq:UnhealthyBusRestartAfter)
# is stopped and started again. A process that died is started again by running infra/run.sh.
# A process that has not answered live yet is still starting (matching loading a large index on a busy machine takes
# minutes): like a startup probe, its failures count only after CM_SUPERVISE_START_GRACE seconds (default 300).
supervise() {
  local -A failures=() started=() live=()
  local app name project port pid
  while true; do
    sleep "${CM_SUPERVISE_INTERVAL:-5}"
    for app in "${apps[@]}"; do
      IFS='|' read -r name project port <<<"$app"
      if ! pid="$(pid_alive "$CM_PID_DIR/$name.pid" "$(basename "$project").dll")"; then failures[$name]=0; continue; fi
      [[ "${started[$name]:-}" == "$pid:"* ]] || started[$name]="$pid:$SECONDS"
      if curl -sf -o /dev/null --max-time 5 "http://127.0.0.1:$port/health/live"; then failures[$name]=0; live[$name]="$pid"; continue; fi
      if [[ "${live[$name]:-}" != "$pid" ]] && (( SECONDS - ${started[$name]#*:} < ${CM_SUPERVISE_START_GRACE:-300} )); then continue; fi
      failures[$name]=$(( ${failures[$name]:-0} + 1 ))
      (( failures[$name] < ${CM_SUPERVISE_FAILURES:-3} )) && continue
      log "$name (pid $pid) failed its liveness check ${failures[$name]} times in a row; restarting it"
      stop_pid "$name" "$CM_PID_DIR/$name.pid" "$(basename "$project").dll" || true
      launch "$name" || log "$name did not start again; retrying at the next round"
      failures[$name]=0
    done
  done
}
if supervisor="$(pid_alive "$CM_PID_DIR/supervisor.pid" "")" && [[ -n "$supervisor" ]]; then
  log "supervisor already running (pid $supervisor)"
else
  supervise >>"$CM_LOG_DIR/supervisor.log" 2>&1 </dev/null &
  echo $! >"$CM_PID_DIR/supervisor.pid"
  disown
  log "supervisor started (pid $(cat "$CM_PID_DIR/supervisor.pid")), log $CM_LOG_DIR/supervisor.log"
fi

# --- readiness ---------------------------------------------------------------------------------
# Ready means every process answers 200 on /health/ready (the gateway last in the list).
gateway_url="http://localhost:$CM_GATEWAY_PORT"
log "waiting up to ${CM_READY_TIMEOUT}s for /health/ready of the services and $gateway_url"
deadline=$((SECONDS + CM_READY_TIMEOUT))
pending=("${apps[@]}")
while [[ ${#pending[@]} -gt 0 ]]; do
  still=()
  for app in "${pending[@]}"; do
    IFS='|' read -r name project port <<<"$app"
    if ! pid_alive "$CM_PID_DIR/$name.pid" "$(basename "$project").dll" >/dev/null; then
      show_log_tail "$CM_LOG_DIR/$name.log"
      fail "$name exited during start-up (log $CM_LOG_DIR/$name.log); infra/stop.sh stops the rest"
      exit 1
    fi
    curl -sf -o /dev/null --max-time 5 "http://127.0.0.1:$port/health/ready" || still+=("$app")
  done
  pending=("${still[@]+"${still[@]}"}")
  [[ ${#pending[@]} -eq 0 ]] && break
  if (( SECONDS >= deadline )); then
    for app in "${pending[@]}"; do
      IFS='|' read -r name _ port <<<"$app"
      code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/health/ready" || true)"
      show_log_tail "$CM_LOG_DIR/$name.log" 25
      log "$name http://127.0.0.1:$port/health/ready -> HTTP ${code:-no answer}"
    done
    fail "not ready within ${CM_READY_TIMEOUT}s; infra/stop.sh stops the stack"
    exit 1
  fi
  sleep 1
done
log "all services and the gateway are ready"

if [[ -x "$repo/infra/seed.sh" ]]; then
  log "seeding demo data (infra/seed.sh, log $CM_LOG_DIR/seed.log)"
  if ! CM_GATEWAY_URL="$gateway_url" "$repo/infra/seed.sh" >"$CM_LOG_DIR/seed.log" 2>&1; then
    show_log_tail "$CM_LOG_DIR/seed.log"
    fail "infra/seed.sh failed (the stack keeps running; infra/stop.sh stops it)"
    exit 1
  fi
fi

cat <<EOF

CreditMesh is running.
  Gateway      $gateway_url   (health: $gateway_url/health/ready)
EOF
for entry in "${CM_SERVICES[@]}"; do
  IFS='|' read -r name _ port _ <<<"$entry"
  printf '  %-12s http://127.0.0.1:%s/openapi/v1.json\n' "$name" "$port"
done
cat <<EOF
  RabbitMQ     AMQP 127.0.0.1:$CM_RABBIT_PORT (guest / guest, node $CM_RABBIT_NODE)
  PostgreSQL   127.0.0.1:$CM_PG_PORT (user $CM_DB_USER / $CM_DB_PASSWORD; one database per service)
  Logs         $CM_LOG_DIR/<name>.log     PIDs  $CM_PID_DIR/<name>.pid
Stop with: infra/stop.sh
EOF
