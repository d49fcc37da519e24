# Sourced by test.sh and bench.sh: starts a throwaway PostgreSQL cluster on a free port of
# 127.0.0.1 (installing PostgreSQL first if needed), exports TOKENSAAS_PG for Npgsql, and
# stops and deletes the cluster when the calling script exits.

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ -z "$(pg_bin)" ]; then
  echo "==> Installing postgresql from Debian's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

pg_root="$(mktemp -d /tmp/tokensaas-pg.XXXXXX)"
pg_port=55432
while (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; do pg_port=$((pg_port + 1)); done
stop_postgres() {
  as_pg "$(pg_bin)/pg_ctl" -D "$pg_root/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_root"
}
trap stop_postgres EXIT
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_root"
echo "==> Starting a throwaway PostgreSQL on 127.0.0.1:$pg_port"
as_pg "$(pg_bin)/initdb" -D "$pg_root/data" -U postgres --auth=trust -E UTF8 >/dev/null
as_pg "$(pg_bin)/pg_ctl" -D "$pg_root/data" -l "$pg_root/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_root -c max_connections=200 ${PG_EXTRA_OPTIONS:-}" start >/dev/null
export TOKENSAAS_PG="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
