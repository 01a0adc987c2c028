#!/usr/bin/env bash
# Gives a member unit its own RabbitMQ login for the AMQP intake (SubmitCreditRecord). The login is
# the unit code; the unit's client must set each message's user-id property to it, and RabbitMQ
# rejects messages whose user-id differs from the login, so services know who sent what.
# Usage: infra/broker-user.sh UNIT_CODE PASSWORD [VHOST]
# Permissions: declare and write only its own exchanges for CreditMesh contracts, read only its
# own reply queues (named <unit>-…), nothing else.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=infra/lib.sh
source "$repo/infra/lib.sh"
cm_config "$repo"
[[ $# -ge 2 ]] || { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
unit="$1" password="$2" vhost="${3:-/}"
[[ "$unit" =~ ^[0-9A-Za-z-]+$ ]] || { fail "unit code may hold letters, digits and '-' only"; exit 2; }
ctl() { rabbit_cli rabbitmqctl -n "$CM_RABBIT_NODE" "$@"; }
if ctl -q list_users | awk '{print $1}' | grep -qx "$unit"; then
  ctl change_password "$unit" "$password" >/dev/null
else
  ctl add_user "$unit" "$password" >/dev/null
fi
ctl set_permissions -p "$vhost" "$unit" "^(CreditMesh\.Contracts:.*|$unit-.*)$" "^(CreditMesh\.Contracts:.*|$unit-.*)$" "^$unit-.*$" >/dev/null
log "broker user $unit ready on vhost $vhost"
