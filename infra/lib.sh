# shellcheck shell=bash disable=SC2034  # the CM_* settings are read by the scripts sourcing this
# Helpers sourced by infra/run.sh, infra/stop.sh and infra/test.sh.
#
# They run PostgreSQL and RabbitMQ as plain processes owned by this checkout (no system
# services, no Docker): servers bind to 127.0.0.1 only, every wait is bounded, and every
# failure names what went wrong and where its log is.
#
# As root, postgres runs as the `postgres` user (initdb and postgres refuse root) and
# rabbitmq-server drops to the `rabbitmq` user by itself, so the data directories given to
# start_postgres / start_rabbitmq are chowned to those users.

CM_PG_START_TIMEOUT="${CM_PG_START_TIMEOUT:-60}"
CM_RABBIT_START_TIMEOUT="${CM_RABBIT_START_TIMEOUT:-90}"
CM_STOP_TIMEOUT="${CM_STOP_TIMEOUT:-30}"

log()  { printf '[creditmesh] %s\n' "$*" >&2; }
fail() { printf '[creditmesh] ERROR: %s\n' "$*" >&2; return 1; }

# Print the last lines of a log file, framed, so a failure shows its cause.
show_log_tail() {
  local file="$1" lines="${2:-40}"
  if [[ -r "$file" ]]; then
    printf -- '----- last %s lines of %s -----\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" >&2
    printf -- '----- end of %s -----\n' "$file" >&2
  else
    log "(no log at $file)"
  fi
}

# Run a command as USER when we are root; as ourselves otherwise (a developer account
# that owns the data directory can run postgres directly).
as_user() {
  local user="$1"; shift
  if [[ $EUID -eq 0 ]]; then
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

# Newest installed PostgreSQL (15 or later) server binaries directory.
pg_bin_dir() {
  local dir
  dir="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  [[ -x "$dir/postgres" ]] || return 1
  printf '%s\n' "$dir"
}

# True when TCP PORT on 127.0.0.1 accepts connections.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# ---------------------------------------------------------------------------------------------
# Packages
# ---------------------------------------------------------------------------------------------

# Installs PostgreSQL, RabbitMQ, curl, Chromium with a CJK font (the web console's browser tests and screenshots,
# ADR 0010; the registry's PDF reports) and poppler-utils from Debian's packages when missing.
# apt-get update runs only when a wanted package has no install candidate yet.
ensure_packages() { # ensure_packages [EXTRA_PACKAGE...]: the stack's packages, and any extra ones a script needs (wrk, bc)
  local wanted=() extra
  for extra in "$@"; do dpkg -s "$extra" >/dev/null 2>&1 || wanted+=("$extra"); done
  pg_bin_dir >/dev/null || wanted+=(postgresql)
  command -v rabbitmq-server >/dev/null 2>&1 || [[ -x /usr/sbin/rabbitmq-server ]] || wanted+=(rabbitmq-server)
  command -v curl >/dev/null 2>&1 || wanted+=(curl)
  [[ -x /usr/lib/chromium/chromium ]] || command -v chromium >/dev/null 2>&1 || wanted+=(chromium)
  # The CJK font also goes into the registry's PDF credit reports (Reports:FontPath); poppler-utils (pdftotext, pdftoppm)
  # lets the tests read those PDFs back and infra/screenshots.sh picture a page.
  fc-list 2>/dev/null | grep -qi 'WenQuanYi Micro Hei' || wanted+=(fonts-wqy-microhei)
  command -v pdftotext >/dev/null 2>&1 || wanted+=(poppler-utils)
  [[ ${#wanted[@]} -eq 0 ]] && return 0

  [[ $EUID -eq 0 ]] || { fail "missing packages (${wanted[*]}); run as root or install them: apt-get install -y ${wanted[*]}"; return 1; }
  export DEBIAN_FRONTEND=noninteractive

  local pkg need_update=0
  for pkg in "${wanted[@]}"; do
    if ! apt-cache policy "$pkg" 2>/dev/null | grep -q 'Candidate: [0-9]'; then need_update=1; fi
  done
  if [[ $need_update -eq 1 ]]; then
    log "apt-get update (package lists lack: ${wanted[*]})"
    apt-get update -q >/dev/null || { fail "apt-get update failed"; return 1; }
  fi

  # The packages' maintainer scripts would start system-wide PostgreSQL/RabbitMQ services on
  # their default ports; we run our own servers, so forbid service starts during the install
  # (policy-rc.d exit 101), as Docker images do.
  local made_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
  fi
  log "apt-get install ${wanted[*]}"
  local rc=0
  apt-get install -y -q --no-install-recommends "${wanted[@]}" >/dev/null || rc=$?
  [[ $made_policy -eq 1 ]] && rm -f /usr/sbin/policy-rc.d
  [[ $rc -eq 0 ]] || { fail "apt-get install ${wanted[*]} failed (exit $rc)"; return 1; }
  pg_bin_dir >/dev/null || { fail "PostgreSQL binaries still missing under /usr/lib/postgresql/*/bin"; return 1; }
}

# ---------------------------------------------------------------------------------------------
# Directories the server users must reach
# ---------------------------------------------------------------------------------------------

# True when USER can traverse every directory down to DIR (DIR itself need not exist yet).
user_can_reach() {
  local user="$1" dir="$2"
  [[ $EUID -ne 0 ]] && return 0
  while [[ ! -d "$dir" ]]; do dir="$(dirname "$dir")"; done
  runuser -u "$user" -- test -x "$dir"
}

# Creates DIR owned by USER with MODE (only the leaf is chowned, never the parents).
make_owned_dir() {
  local dir="$1" user="$2" mode="$3"
  mkdir -p "$dir" || return 1
  if [[ $EUID -eq 0 ]]; then chown "$user:" "$dir" || return 1; fi
  chmod "$mode" "$dir"
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------

# What the server log may hold: no statements, no parameters, no DETAIL/CONTEXT lines (which quote
# rows and JSON text), so a request's text (a resident ID number) never lands there (ADR 0012). The
# same settings are in tests/CreditMesh.Testing/TestPostgres.cs, infra/docker-compose.yml and k8s.
CM_PG_LOG_OPTIONS="-c log_statement=none -c log_min_error_statement=panic -c log_error_verbosity=terse -c log_parameter_max_length=0 -c log_parameter_max_length_on_error=0"

# start_postgres DIR PORT
# DIR is the data directory (initdb'd when empty); its unix socket and server log
# (DIR/postgresql.log) live there too. Extra server settings may come from CM_PG_OPTIONS
# (e.g. "-c fsync=off" for throwaway test servers; run.sh never sets it, so fsync stays on).
start_postgres() {
  local dir="$1" port="$2"
  [[ -n "$dir" && -n "$port" ]] || { fail "usage: start_postgres DIR PORT"; return 1; }
  local bin; bin="$(pg_bin_dir)" || { fail "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin (run ensure_packages)"; return 1; }
  user_can_reach postgres "$dir" || { fail "user postgres cannot traverse the parents of $dir"; return 1; }
  local sock="$dir/.s.PGSQL.$port"
  [[ ${#sock} -lt 107 ]] || { fail "unix socket path too long (${#sock} chars): $sock"; return 1; }
  local logfile="$dir/postgresql.log"

  if [[ -f "$dir/PG_VERSION" ]] && as_user postgres "$bin/pg_ctl" status -D "$dir" >/dev/null 2>&1; then
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
      log "PostgreSQL already running from $dir on 127.0.0.1:$port (reused)"
      return 0
    fi
    fail "a PostgreSQL server runs from $dir but does not answer on 127.0.0.1:$port; stop it first (stop_postgres $dir)"
    return 1
  fi
  if port_in_use "$port"; then
    fail "127.0.0.1:$port is already taken by another process; choose another port"
    return 1
  fi

  if [[ ! -f "$dir/PG_VERSION" ]]; then
    if [[ -d "$dir" ]] && [[ -n "$(ls -A "$dir" 2>/dev/null)" ]]; then
      fail "$dir is neither empty nor a PostgreSQL data directory; refusing to initdb over it"
      return 1
    fi
    make_owned_dir "$dir" postgres 700 || { fail "cannot create $dir"; return 1; }
    log "initdb $dir"
    # trust for local socket and loopback TCP only: the server listens on 127.0.0.1 alone.
    as_user postgres "$bin/initdb" -D "$dir" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=trust >"$dir.initdb.log" 2>&1 \
      || { show_log_tail "$dir.initdb.log"; fail "initdb failed for $dir"; return 1; }
    rm -f "$dir.initdb.log"
    cat > "$dir/pg_hba.conf" <<'EOF'
# CreditMesh local development cluster: loopback only, trust.
local   all  all                trust
host    all  all  127.0.0.1/32  trust
host    all  all  ::1/128       trust
EOF
    [[ $EUID -eq 0 ]] && chown postgres: "$dir/pg_hba.conf"
  fi

  log "starting PostgreSQL on 127.0.0.1:$port (data $dir)"
  # shellcheck disable=SC2086  # CM_PG_OPTIONS is a list of server options
  if ! as_user postgres "$bin/pg_ctl" start -D "$dir" -l "$logfile" -w -t "$CM_PG_START_TIMEOUT" \
        -o "-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c max_connections=300 $CM_PG_LOG_OPTIONS ${CM_PG_OPTIONS:-}" >/dev/null; then
    show_log_tail "$logfile"
    fail "PostgreSQL did not start on 127.0.0.1:$port within ${CM_PG_START_TIMEOUT}s"
    return 1
  fi
  local deadline=$((SECONDS + CM_PG_START_TIMEOUT))
  until "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; do
    if (( SECONDS >= deadline )); then
      show_log_tail "$logfile"
      fail "PostgreSQL started but is not ready on 127.0.0.1:$port after ${CM_PG_START_TIMEOUT}s"
      return 1
    fi
    sleep 0.5
  done
  log "PostgreSQL ready on 127.0.0.1:$port"
}

# stop_postgres DIR — fast shutdown (rolls back open transactions, keeps committed data).
stop_postgres() {
  local dir="$1"
  [[ -n "$dir" ]] || { fail "usage: stop_postgres DIR"; return 1; }
  [[ -f "$dir/PG_VERSION" ]] || return 0
  local bin; bin="$(pg_bin_dir)" || { fail "PostgreSQL binaries not found"; return 1; }
  if ! as_user postgres "$bin/pg_ctl" status -D "$dir" >/dev/null 2>&1; then
    return 0
  fi
  log "stopping PostgreSQL ($dir)"
  if ! as_user postgres "$bin/pg_ctl" stop -D "$dir" -m fast -w -t "$CM_STOP_TIMEOUT" >/dev/null; then
    show_log_tail "$dir/postgresql.log" 20
    fail "PostgreSQL ($dir) did not stop within ${CM_STOP_TIMEOUT}s"
    return 1
  fi
}

# ensure_role_and_databases PORT ROLE PASSWORD DB...
# Idempotent: creates the LOGIN CREATEDB role and each database it owns when missing.
ensure_role_and_databases() {
  local port="$1" role="$2" password="$3"; shift 3
  local psql=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres)
  "${psql[@]}" -v role="$role" -v password="$password" >/dev/null <<'SQL' || { fail "could not create role $role"; return 1; }
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'role', :'password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'role', :'password') \gexec
SQL
  local db
  for db in "$@"; do
    "${psql[@]}" -v role="$role" -v db="$db" >/dev/null <<'SQL' || { fail "could not create database $db"; return 1; }
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
  done
}

# ---------------------------------------------------------------------------------------------
# RabbitMQ
# ---------------------------------------------------------------------------------------------

# Erlang distribution on loopback only: epmd (started by whichever Erlang VM needs it first),
# the node's distribution listener and the CLI tools' own listeners.
CM_ERL_LOOPBACK='-kernel inet_dist_use_interface {127,0,0,1}'

# rabbitmqctl/rabbitmq-diagnostics need only the node name; a server-side RABBITMQ_DIST_PORT
# would shift the CLI's own port range, so it is removed from their environment.
rabbit_cli() {
  env -u RABBITMQ_DIST_PORT -u RABBITMQ_NODE_PORT -u RABBITMQ_NODENAME \
    ERL_EPMD_ADDRESS=127.0.0.1 RABBITMQ_CTL_ERL_ARGS="$CM_ERL_LOOPBACK" "$@"
}

rabbit_is_up() {
  rabbit_cli rabbitmq-diagnostics -q -n "$1" ping --timeout 5 >/dev/null 2>&1
}

# start_rabbitmq DIR PORT DISTPORT NODENAME
# Mnesia, logs, pid file and an empty enabled_plugins file live under DIR (owned by rabbitmq).
# Default user guest/guest, allowed from loopback only.
start_rabbitmq() {
  local dir="$1" port="$2" distport="$3" node="$4"
  [[ -n "$dir" && -n "$port" && -n "$distport" && -n "$node" ]] \
    || { fail "usage: start_rabbitmq DIR PORT DISTPORT NODENAME"; return 1; }
  command -v rabbitmq-server >/dev/null 2>&1 || [[ -x /usr/sbin/rabbitmq-server ]] \
    || { fail "rabbitmq-server not installed (run ensure_packages)"; return 1; }
  export PATH="$PATH:/usr/sbin"

  if rabbit_is_up "$node"; then
    if port_in_use "$port"; then
      log "RabbitMQ node $node already running, AMQP on 127.0.0.1:$port (reused)"
      return 0
    fi
    fail "RabbitMQ node $node is running but nothing listens on 127.0.0.1:$port; stop it first (stop_rabbitmq $node)"
    return 1
  fi
  local p
  for p in "$port" "$distport"; do
    port_in_use "$p" && { fail "127.0.0.1:$p is already taken by another process; choose another port"; return 1; }
  done
  user_can_reach rabbitmq "$dir" || { fail "user rabbitmq cannot traverse the parents of $dir"; return 1; }

  make_owned_dir "$dir" rabbitmq 750 || { fail "cannot create $dir"; return 1; }
  if ! { make_owned_dir "$dir/mnesia" rabbitmq 750 && make_owned_dir "$dir/log" rabbitmq 750; }; then
    fail "cannot create $dir/mnesia or $dir/log"; return 1
  fi
  : > "$dir/enabled_plugins"
  [[ $EUID -eq 0 ]] && chown rabbitmq: "$dir/enabled_plugins"
  local console="$dir/log/console.log"

  log "starting RabbitMQ node $node on 127.0.0.1:$port (dist $distport, data $dir)"
  (
    export RABBITMQ_NODENAME="$node" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
           RABBITMQ_NODE_PORT="$port" RABBITMQ_DIST_PORT="$distport" \
           RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" \
           RABBITMQ_PID_FILE="$dir/rabbitmq.pid" \
           RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
           RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="$CM_ERL_LOOPBACK" ERL_EPMD_ADDRESS=127.0.0.1
    cd "$dir" && exec setsid nohup rabbitmq-server >"$console" 2>&1 </dev/null
  ) &
  local launcher=$!
  echo "$launcher" > "$dir/launcher.pid"

  local deadline=$((SECONDS + CM_RABBIT_START_TIMEOUT))
  until rabbit_cli rabbitmqctl -q -n "$node" await_startup --timeout 10 >/dev/null 2>&1; do
    if ! kill -0 "$launcher" 2>/dev/null; then
      show_log_tail "$console"
      fail "rabbitmq-server for $node exited during start-up (logs in $dir/log)"
      return 1
    fi
    if (( SECONDS >= deadline )); then
      show_log_tail "$console"
      fail "RabbitMQ node $node not started within ${CM_RABBIT_START_TIMEOUT}s (logs in $dir/log)"
      return 1
    fi
    sleep 1
  done
  port_in_use "$port" || { show_log_tail "$console"; fail "RabbitMQ node $node is up but AMQP is not on 127.0.0.1:$port"; return 1; }
  log "RabbitMQ ready: AMQP 127.0.0.1:$port (node $node)"
}

# stop_rabbitmq NODENAME [DIR]
# With DIR (as given to start_rabbitmq), also waits until the node's OS process has exited.
stop_rabbitmq() {
  local node="$1" dir="${2:-}"
  [[ -n "$node" ]] || { fail "usage: stop_rabbitmq NODENAME [DIR]"; return 1; }
  export PATH="$PATH:/usr/sbin"
  if rabbit_is_up "$node"; then
    log "stopping RabbitMQ node $node"
    local args=(stop)
    [[ -n "$dir" && -s "$dir/rabbitmq.pid" ]] && args+=("$dir/rabbitmq.pid")
    rabbit_cli timeout "$CM_STOP_TIMEOUT" rabbitmqctl -q -n "$node" "${args[@]}" >/dev/null 2>&1 \
      || log "rabbitmqctl stop for $node returned an error; checking whether it stopped"
  fi
  # The launcher (rabbitmq-server's shell wrapper) exits once the node is gone.
  local pidfile pid deadline=$((SECONDS + CM_STOP_TIMEOUT))
  for pidfile in ${dir:+"$dir/rabbitmq.pid" "$dir/launcher.pid"}; do
    [[ -s "$pidfile" ]] || continue
    pid="$(cat "$pidfile")"
    while kill -0 "$pid" 2>/dev/null; do
      if (( SECONDS >= deadline )); then
        fail "RabbitMQ node $node (pid $pid) still running after ${CM_STOP_TIMEOUT}s"
        return 1
      fi
      sleep 0.5
    done
    rm -f "$pidfile"
  done
  if rabbit_is_up "$node"; then
    fail "RabbitMQ node $node still answers after stop"
    return 1
  fi
}

# ---------------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------------

# wait_http URL TIMEOUT_SECONDS — until URL answers 2xx, or fail.
wait_http() {
  local url="$1" timeout="${2:-60}"
  local deadline=$((SECONDS + timeout))
  until curl -sf -o /dev/null --max-time 5 "$url"; do
    if (( SECONDS >= deadline )); then
      fail "$url did not answer 2xx within ${timeout}s"
      return 1
    fi
    sleep 1
  done
}

# ---------------------------------------------------------------------------------------------
# Local stack layout shared by run.sh and stop.sh (every value overridable by environment)
# ---------------------------------------------------------------------------------------------

# cm_config REPO_ROOT — sets CM_* variables for the local stack.
# Logs and PID files go to CM_LOCAL_DIR (default <repo>/.local, git-ignored). Server data goes
# to CM_DATA_DIR: <repo>/.local when the postgres and rabbitmq users can traverse the path to
# the checkout, else /var/tmp/creditmesh-<hash of the repo path> (parents are never chmod'ed).
# The choice is recorded in CM_LOCAL_DIR/data-dir so stop.sh finds the same servers.
cm_config() {
  local repo="$1"
  CM_LOCAL_DIR="${CM_LOCAL_DIR:-$repo/.local}"
  CM_LOG_DIR="$CM_LOCAL_DIR/logs"
  CM_PID_DIR="$CM_LOCAL_DIR/pids"
  CM_PG_PORT="${CM_PG_PORT:-55432}"
  CM_RABBIT_PORT="${CM_RABBIT_PORT:-55672}"
  CM_RABBIT_DIST_PORT="${CM_RABBIT_DIST_PORT:-55673}"
  CM_RABBIT_NODE="${CM_RABBIT_NODE:-creditmesh@localhost}"
  CM_GATEWAY_PORT="${CM_GATEWAY_PORT:-8080}"
  CM_DB_USER="${CM_DB_USER:-creditmesh}"
  CM_DB_PASSWORD="${CM_DB_PASSWORD:-creditmesh}"
  CM_READY_TIMEOUT="${CM_READY_TIMEOUT:-120}"

  if [[ -z "${CM_DATA_DIR:-}" ]]; then
    if [[ -s "$CM_LOCAL_DIR/data-dir" ]]; then
      CM_DATA_DIR="$(cat "$CM_LOCAL_DIR/data-dir")"
    elif user_can_reach postgres "$CM_LOCAL_DIR" && user_can_reach rabbitmq "$CM_LOCAL_DIR"; then
      CM_DATA_DIR="$CM_LOCAL_DIR"
    else
      CM_DATA_DIR="/var/tmp/creditmesh-$(printf '%s' "$repo" | sha256sum | cut -c1-12)"
    fi
  fi
  CM_PG_DIR="$CM_DATA_DIR/postgres"
  CM_RABBIT_DIR="$CM_DATA_DIR/rabbitmq"
}

# The .NET processes of the stack: name, project directory, port, database (gateway: none).
# Services listen on CM_SERVICE_PORT_BASE+n as listed (5101..5107); the gateway on CM_GATEWAY_PORT.
CM_SERVICE_PORT_BASE="${CM_SERVICE_PORT_BASE:-5100}"
CM_SERVICES=(
  "registry|services/Registry/CreditMesh.Registry|$((CM_SERVICE_PORT_BASE + 1))|creditmesh_registry"
  "ingestion|services/Ingestion/CreditMesh.Ingestion|$((CM_SERVICE_PORT_BASE + 2))|creditmesh_ingestion"
  "lists|services/Lists/CreditMesh.Lists|$((CM_SERVICE_PORT_BASE + 3))|creditmesh_lists"
  "matching|services/Matching/CreditMesh.Matching|$((CM_SERVICE_PORT_BASE + 4))|creditmesh_matching"
  "repair|services/Repair/CreditMesh.Repair|$((CM_SERVICE_PORT_BASE + 5))|creditmesh_repair"
  "evaluation|services/Evaluation/CreditMesh.Evaluation|$((CM_SERVICE_PORT_BASE + 6))|creditmesh_evaluation"
  "exchange|services/Exchange/CreditMesh.Exchange|$((CM_SERVICE_PORT_BASE + 7))|creditmesh_exchange"
)
CM_GATEWAY_PROJECT="gateway/CreditMesh.Gateway"

# pid_alive PIDFILE [MARKER] — prints the PID when it runs (and its command line holds MARKER).
pid_alive() {
  local pidfile="$1" marker="${2:-}" pid
  [[ -s "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  # A zombie or a recycled PID is not ours.
  [[ "$(ps -o stat= -p "$pid" 2>/dev/null)" != Z* ]] || return 1
  if [[ -n "$marker" ]] && ! tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker"; then
    return 1
  fi
  printf '%s\n' "$pid"
}

# stop_pid NAME PIDFILE MARKER — TERM, bounded wait, then KILL. Idempotent.
stop_pid() {
  local name="$1" pidfile="$2" marker="$3" pid
  if ! pid="$(pid_alive "$pidfile" "$marker")"; then
    rm -f "$pidfile"
    return 0
  fi
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + CM_STOP_TIMEOUT))
  while pid_alive "$pidfile" "$marker" >/dev/null; do
    if (( SECONDS >= deadline )); then
      log "$name (pid $pid) ignored TERM for ${CM_STOP_TIMEOUT}s; sending KILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.5
  done
  rm -f "$pidfile"
}
