#!/usr/bin/env bash
# The Dockerfile's steps without Docker: npm ci, publish with SkipNpm, run the published app as a
# non-root user in Production on an empty data folder (a generated JWT secret and admin password,
# never written to the repository), then check what a self-hoster would: the home page, /healthz,
# a static file with the security headers, no Server header, and an admin login. Exits non-zero
# with the reason on the first failure. Run by test.sh; also on its own: scripts/production-smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d /tmp/tokensaas-smoke.XXXXXX)"
app_pid=""
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "production-smoke: FAILED: $*" >&2
  if [ -f "$work/app.log" ]; then echo "--- the app's output ---" >&2; tail -n 30 "$work/app.log" >&2; fi
  exit 1
}

echo "==> production-smoke: npm ci and dotnet publish (Release, SkipNpm) to $work/app"
npm ci --no-audit --no-fund --loglevel=error >/dev/null || fail "npm ci failed"
dotnet publish TokenSaas/TokenSaas.csproj -c Release -o "$work/app" -p:SkipNpm=true --nologo -v quiet -clp:ErrorsOnly \
  >"$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; fail "dotnet publish failed"; }

mkdir -p "$work/data"
chmod 755 "$work"
port=18080
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
base="http://127.0.0.1:$port"
admin_email="smoke-admin@example.com"
admin_password="Smoke-$(openssl rand -hex 8)-Pw1"
settings=(
  ASPNETCORE_ENVIRONMENT=Production
  ASPNETCORE_URLS="$base"
  Database__DataDirectory="$work/data"
  Jwt__Secret="$(openssl rand -base64 48)"
  Admin__Email="$admin_email"
  Admin__Password="$admin_password"
  Logging__Console__FormatterName=simple
  HOME="$work/data"
)

# As the Docker image's `app` user: never root. Root drops to nobody; anyone else runs as themselves.
if [ "$(id -u)" -eq 0 ]; then
  chown -R nobody "$work/data"
  setpriv --reuid=nobody --regid=nogroup --clear-groups env "${settings[@]}" dotnet "$work/app/TokenSaas.dll" >"$work/app.log" 2>&1 &
  user=nobody
else
  env "${settings[@]}" dotnet "$work/app/TokenSaas.dll" >"$work/app.log" 2>&1 &
  user="$(id -un)"
fi
app_pid=$!
echo "==> production-smoke: started the published app as $user on $base"

for _ in $(seq 1 120); do
  curl -fs -o /dev/null "$base/healthz" && break
  kill -0 "$app_pid" 2>/dev/null || fail "the app exited while starting"
  sleep 0.5
done

headers() { curl -s -D - -o /dev/null "$1"; }
expect_status() { # url status
  local got
  got="$(curl -s -o /dev/null -w '%{http_code}' "$1")"
  [ "$got" = "$2" ] || fail "GET $1 answered $got, expected $2"
}
expect_header() { # url header-regex
  headers "$1" | tr -d '\r' | grep -qiE "$2" || fail "GET $1 has no header matching /$2/"
}

expect_status "$base/" 200
expect_status "$base/healthz" 200
curl -s "$base/healthz" | grep -q '"status":"Healthy"' || fail "/healthz does not say Healthy"
expect_status "$base/css/site.css" 200
expect_status "$base/js/site.js" 200
for url in "$base/" "$base/css/site.css" "$base/api/v1/balance"; do
  expect_header "$url" "^content-security-policy: .*default-src '(self|none)'"
  expect_header "$url" '^x-content-type-options: nosniff$'
  expect_header "$url" '^referrer-policy: strict-origin-when-cross-origin$'
  expect_header "$url" '^permissions-policy: camera=\(\)'
  headers "$url" | grep -qi '^server:' && fail "GET $url sends a Server header"
done

# The admin logs in through the form, as a browser would: antiforgery cookie and token, then the console.
jar="$work/cookies"
token="$(curl -s -c "$jar" -b "$jar" "$base/account/login" \
  | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)"
[ -n "$token" ] || fail "the login page has no antiforgery token"
login="$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$jar" -b "$jar" "$base/account/login" \
  --data-urlencode "Input.Email=$admin_email" --data-urlencode "Input.Password=$admin_password" \
  --data-urlencode "__RequestVerificationToken=$token")"
[ "${login%% *}" = "302" ] || fail "the admin login answered $login, expected a 302 redirect"
admin="$(curl -s -o "$work/admin.html" -w '%{http_code}' -c "$jar" -b "$jar" "$base/admin")"
[ "$admin" = "200" ] || fail "GET /admin after logging in answered $admin"
grep -q "$admin_email" "$work/admin.html" || fail "/admin does not show the signed-in admin"

echo "==> production-smoke: passed (home, /healthz, static files with security headers, no Server header, admin login)"
