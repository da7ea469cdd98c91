#!/usr/bin/env bash
# Build the essay from the committed results and serve it at http://127.0.0.1:4321/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npx astro build
echo "Serving the essay at http://127.0.0.1:${PORT:-4321}/ (Ctrl-C to stop)"
exec npx astro preview --host "${HOST:-127.0.0.1}" --port "${PORT:-4321}"
