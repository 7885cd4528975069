#!/usr/bin/env bash
# Generates the drizzle migrations from src/main/db/schema. The journal guards (append-only triggers)
# are a custom migration because drizzle-kit does not model triggers.
set -euo pipefail
cd "$(dirname "$0")/.."
npx drizzle-kit generate "$@"
