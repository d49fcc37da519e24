#!/usr/bin/env bash
# Measures ledger spends over HTTP against the app in its own process (see TokenSaas/Ledger/README.md):
# SQLite, then PostgreSQL on a throwaway cluster. Not part of the test suite.
# Usage: ./bench.sh [seconds-per-run] [runs]
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=scripts/throwaway-postgres.sh
. scripts/throwaway-postgres.sh
export TOKENSAAS_BENCH_POSTGRES="$TOKENSAAS_PG"
dotnet run -c Release --project TokenSaas.Bench -- "$@"
