#!/usr/bin/env bash
# Mints a development JWT (HS256) for CreditMesh, signed with the development key unless
# CREDITMESH_SIGNING_KEY (or Auth__SigningKey) names another.
# Usage: infra/token.sh ROLE [--unit CODE] [--subject CODE] [--user NAME] [--ttl SECONDS]
#   ROLE: member-unit | approver | auditor | credit-center | subject | public | exchange
#   member-unit, approver and exchange tokens name their unit (a unified social credit code, or an id
#   such as APPROVAL-SZ-01); a subject token names its own code. Services refuse other tokens (401).
# Examples:
#   infra/token.sh member-unit --unit 11440300MB2C928511
#   infra/token.sh subject --subject 9144030071526726XG
#   curl -H "Authorization: Bearer $(infra/token.sh auditor)" localhost:8080/api/v1/access-log/registry
set -euo pipefail

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 1 ]] || usage
role="$1"; shift
case "$role" in member-unit|approver|auditor|credit-center|subject|public|exchange) ;; *) echo "unknown role: $role" >&2; usage ;; esac
unit="" subject="" user="dev-$role" ttl=3600
while [[ $# -gt 0 ]]; do
  case "$1" in
    --unit) unit="$2"; shift 2 ;;
    --subject) subject="$2"; shift 2 ;;
    --user) user="$2"; shift 2 ;;
    --ttl) ttl="$2"; shift 2 ;;
    *) usage ;;
  esac
done
[[ "$role" != member-unit || -n "$unit" ]] || unit="DEV-UNIT-01"
[[ "$role" != approver || -n "$unit" ]] || unit="DEV-APPROVER-01"
[[ "$role" != exchange || -n "$unit" ]] || unit="DEV-EXCHANGE-01"
[[ "$role" != subject || -n "$subject" ]] || { echo "a subject token needs --subject CODE" >&2; exit 2; }

key="${CREDITMESH_SIGNING_KEY:-${Auth__SigningKey:-creditmesh-development-signing-key-not-for-production}}"
key="${key%%,*}"   # with several keys configured, sign with the first
now=$(date +%s)
json_escape() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }
claims="\"iss\":\"creditmesh-dev\",\"aud\":\"creditmesh\",\"sub\":\"$(json_escape "$user")\",\"role\":\"$role\""
[[ -z "$unit" ]] || claims+=",\"unit\":\"$(json_escape "$unit")\""
[[ -z "$subject" ]] || claims+=",\"subject\":\"$(json_escape "$subject")\""
claims+=",\"iat\":$now,\"nbf\":$now,\"exp\":$((now + ttl))"

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
header=$(printf '%s' '{"alg":"HS256","typ":"JWT"}' | b64url)
payload=$(printf '{%s}' "$claims" | b64url)
signature=$(printf '%s' "$header.$payload" | openssl dgst -sha256 -hmac "$key" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
