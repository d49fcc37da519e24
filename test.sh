#!/usr/bin/env bash
# Runs every test TokenSaas has: unit and integration tests on SQLite and PostgreSQL, the
# production smoke test (scripts/production-smoke.sh), then the Playwright end-to-end journeys in
# Debian's Chromium. On a fresh machine it installs what is
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

# The smoke test publishes and runs the app on its own; it mostly waits on the compiler and on
# curl, so it runs beside the integration tests (which leave a core idle much of the time).
mkdir -p artifacts
echo "==> Production smoke test, in the background (publish, run as a non-root user, curl the essentials)"
bash scripts/production-smoke.sh >artifacts/production-smoke.log 2>&1 &
smoke_pid=$!

failed=0
echo "==> Integration tests on SQLite and PostgreSQL"
dotnet test TokenSaas.Tests --no-build --nologo || failed=1

echo "==> Production smoke test"
if wait "$smoke_pid"; then tail -n 3 artifacts/production-smoke.log; else cat artifacts/production-smoke.log; failed=1; fi

echo "==> End-to-end journeys in Chromium (screenshots go to artifacts/e2e)"
# After the integration tests, not beside them: the browser's waits need the cores.
dotnet test TokenSaas.E2E --no-build --nologo || failed=1
exit "$failed"
