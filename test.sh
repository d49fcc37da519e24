#!/usr/bin/env bash
# Runs every test TokenSaas has: unit and integration tests on SQLite and PostgreSQL, then the
# Playwright end-to-end journeys in Debian's Chromium. On a fresh machine it installs what is
# missing (chromium, postgresql; npm packages come with the build) and starts a throwaway
# PostgreSQL cluster on 127.0.0.1, which it stops and deletes when it exits.
set -euo pipefail
cd "$(dirname "$0")"

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium_path" ] || missing+=(chromium)
command -v npm >/dev/null || missing+=(npm)
command -v curl >/dev/null || missing+=(curl)
command -v openssl >/dev/null || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing ${missing[*]} from Debian's packages"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq; else sudo -n apt-get update -qq; fi
  if [ "$(id -u)" -eq 0 ]; then env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; fi
fi
export CHROMIUM_PATH="$chromium_path"

# Tests never need durability from the throwaway cluster.
PG_EXTRA_OPTIONS="-c fsync=off"
# shellcheck source=scripts/throwaway-postgres.sh
. scripts/throwaway-postgres.sh
export TOKENSAAS_TEST_POSTGRES="$TOKENSAAS_PG"
export TOKENSAAS_E2E_ARTIFACTS="$PWD/artifacts/e2e"

echo "==> Building"
dotnet build TokenSaas.sln --nologo -v quiet -clp:ErrorsOnly

echo "==> Production smoke test (publish, run as a non-root user, curl the essentials)"
bash scripts/production-smoke.sh

echo "==> Running the tests (screenshots go to artifacts/e2e)"
# One test project at a time: the E2E browser and the integration tests share two cores.
dotnet test TokenSaas.sln --no-build --nologo -m:1
