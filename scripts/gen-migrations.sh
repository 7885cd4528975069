#!/usr/bin/env bash
# Generates a drizzle migration from src/main/db/schema. Several people may change the schema at once,
# so generation is serialised with a lock. Usage: scripts/gen-migrations.sh --name <what-changed>
set -euo pipefail
cd "$(dirname "$0")/.."
exec flock /tmp/factordesk-migrations.lock npx drizzle-kit generate "$@"
