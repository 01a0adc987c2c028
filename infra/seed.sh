#!/usr/bin/env bash
# Demo data for a running CreditMesh (called by infra/run.sh; safe to run again: every call is idempotent).
# Registers a few credit subjects through the gateway as a market-regulation member unit.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gateway="${CM_GATEWAY_URL:-http://localhost:8080}"
token="$("$repo/infra/token.sh" member-unit --unit 11440300MB2C928511 --user demo-seed)"

register() {
  local body="$1" status
  status=$(curl -s -o /tmp/creditmesh-seed.out -w '%{http_code}' -X POST "$gateway/api/v1/subjects" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H "Idempotency-Key: seed-$(printf '%s' "$body" | md5sum | cut -c1-16)" \
    --data-binary "$body")
  case "$status" in
    # A natural person's code is an ID number: the log shows it masked like every CreditMesh log (ADR 0012).
    200|201) echo "seed: subject $(printf '%s' "$body" | sed -E 's/.*"code":"([^"]+)".*/\1/; s/^([0-9]{6})[0-9]{8}([0-9]{3}[0-9X])$/\1********\2/') ready ($status)" ;;
    *) echo "seed: registration failed with $status: $(cat /tmp/creditmesh-seed.out)" >&2; return 1 ;;
  esac
}

register '{"code":"9144030071526726XG","kind":"LegalPerson","name":"腾讯科技（深圳）有限公司","legalRepresentative":{"name":"马化腾","idNumber":"11010519491231002X"},"legacyCodes":["71526726-X"]}'
register '{"code":"91440300708461136T","kind":"LegalPerson","name":"华为技术有限公司","legacyCodes":["70846113-6"]}'
register '{"code":"91330100799655058B","kind":"LegalPerson","name":"阿里巴巴（中国）有限公司"}'
register '{"code":"11010519491231002X","kind":"NaturalPerson","name":"马化腾"}'
