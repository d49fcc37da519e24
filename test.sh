#!/usr/bin/env bash
# Runs every test TokenSaas has: unit and integration tests on SQLite and PostgreSQL, then the
# Playwright end-to-end journeys in Debian's Chromium. On a fresh machine it installs what is
# missing (chromium, postgresql; npm packages come with the build) and starts a throwaway
# PostgreSQL cluster on 127.0.0.1, which it stops and deletes when it exits.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium_path" ] || missing+=(chromium)
[ -n "$(pg_bin)" ] || missing+=(postgresql)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing ${missing[*]} from Debian's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
export CHROMIUM_PATH="$chromium_path"

# A throwaway PostgreSQL cluster: its own folder, a free port, trust auth on loopback only.
pg_root="$(mktemp -d /tmp/tokensaas-pg.XXXXXX)"
port=55432
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop_postgres() {
  as_pg "$(pg_bin)/pg_ctl" -D "$pg_root/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_root"
}
trap stop_postgres EXIT
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_root"
say "Starting a throwaway PostgreSQL on 127.0.0.1:$port"
as_pg "$(pg_bin)/initdb" -D "$pg_root/data" -U postgres --auth=trust -E UTF8 >/dev/null
as_pg "$(pg_bin)/pg_ctl" -D "$pg_root/data" -l "$pg_root/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_root -c fsync=off -c max_connections=200" start >/dev/null
export TOKENSAAS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
export TOKENSAAS_E2E_ARTIFACTS="$PWD/artifacts/e2e"

say "Building"
dotnet build TokenSaas.sln --nologo -v quiet -clp:ErrorsOnly

say "Running the tests (screenshots go to artifacts/e2e)"
# One test project at a time: the E2E browser and the integration tests share two cores.
dotnet test TokenSaas.sln --no-build --nologo -m:1
