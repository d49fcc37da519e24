#!/usr/bin/env bash
# Runs seed 003's "Manual Testing" curl checks, as the seed writes them, against a running
# TokenSaas, and says whether each answered as the seed expects.
#   scripts/seed-003-checks.sh [base-url] [email] [password]
# Defaults: http://localhost:5080 and the demo admin (moving up to a paid plan without a
# payment is for admins; a normal user gets 402 "payment required" for test 2).
set -uo pipefail
base="${1:-http://localhost:5080}"
email="${2:-admin@demo.tokensaas.local}"
password="${3:-Demo-pass-123}"

JWT_TOKEN=$(curl -s -X POST "$base/api/auth/token" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[ -n "$JWT_TOKEN" ] || { echo "Could not get a JWT for $email from $base/api/auth/token"; exit 1; }

failures=0
check() { # name, expected status, expected text, then the curl arguments
  local name="$1" status="$2" text="$3"; shift 3
  local out code body
  out=$(curl -s -w '\n%{http_code}' "$@"); code="${out##*$'\n'}"; body="${out%$'\n'*}"
  if [ "$code" = "$status" ] && [[ "$body" == *"$text"* ]]; then
    echo "PASS  $name: $code $body"
  else
    echo "FAIL  $name: expected $status with '$text', got $code $body"; failures=$((failures + 1))
  fi
}

# Test 1: GET /api/tokens/usage
check "usage" 200 '"token_quota"' -X GET "$base/api/tokens/usage" -H "Authorization: Bearer $JWT_TOKEN"
# Test 2: POST /api/tokens/set-plan (upgrade)
check "upgrade to premium (carry-over)" 200 '"plan":"premium"' -X POST "$base/api/tokens/set-plan" \
  -H "Authorization: Bearer $JWT_TOKEN" -H "Content-Type: application/json" -d '{"plan":"premium"}'
# Test 3: POST /api/tokens/set-plan (downgrade)
check "downgrade to basic" 200 '"token_quota":1000' -X POST "$base/api/tokens/set-plan" \
  -H "Authorization: Bearer $JWT_TOKEN" -H "Content-Type: application/json" -d '{"plan":"basic"}'
# Test 4: Verify reset_used works
check "standard with reset_used" 200 '"token_used":0' -X POST "$base/api/tokens/set-plan" \
  -H "Authorization: Bearer $JWT_TOKEN" -H "Content-Type: application/json" -d '{"plan":"standard","reset_used":true}'
# Test 5: Invalid plan
check "invalid plan" 400 '{"error":"invalid plan"}' -X POST "$base/api/tokens/set-plan" \
  -H "Authorization: Bearer $JWT_TOKEN" -H "Content-Type: application/json" -d '{"plan":"invalid"}'
# Test 6: Unauthorized
check "no token" 401 '{"error":"unauthorized"}' -X GET "$base/api/tokens/usage"

# Back to the free plan, so the checks can run again.
curl -s -o /dev/null -X POST "$base/api/tokens/set-plan" -H "Authorization: Bearer $JWT_TOKEN" \
  -H "Content-Type: application/json" -d '{"plan":"basic"}'
[ "$failures" -eq 0 ] && echo "All seed 003 checks passed." || { echo "$failures check(s) failed."; exit 1; }
