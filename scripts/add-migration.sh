#!/usr/bin/env bash
# Adds a migration to both providers' sets: scripts/add-migration.sh <Name>
set -euo pipefail
name="${1:?usage: scripts/add-migration.sh <MigrationName>}"
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools"
[ -x "$tools/dotnet-ef" ] || dotnet tool install dotnet-ef --version 10.0.14 --tool-path "$tools" >/dev/null
cd "$root/TokenSaas"
dotnet build -p:EfDesign=true --nologo -v quiet -clp:ErrorsOnly
for provider in Sqlite Postgres; do
  "$tools/dotnet-ef" migrations add "$name" --no-build --context "${provider}AppDbContext" \
    --output-dir "Data/Migrations/$provider" --namespace "TokenSaas.Data.Migrations.$provider"
  # dotnet-ef writes the model snapshot under a nested TokenSaas/ folder in this layout.
  if [ -f "TokenSaas/Data/Migrations/$provider/${provider}AppDbContextModelSnapshot.cs" ]; then
    mv "TokenSaas/Data/Migrations/$provider/${provider}AppDbContextModelSnapshot.cs" "Data/Migrations/$provider/"
  fi
done
rm -rf TokenSaas design.db
# Build again without the design-time reference, so the normal build does not keep it.
dotnet build --nologo -v quiet -clp:ErrorsOnly
