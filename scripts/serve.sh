#!/usr/bin/env bash
# Build the essay from the committed results and serve it at http://127.0.0.1:4321/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npx astro build
# served with the build's precompressed copies, as a production host would (README, Deploying)
echo "Serving the essay (Ctrl-C to stop)"
exec node scripts/static-server.mjs --port "${PORT:-4321}" --dir dist --host "${HOST:-127.0.0.1}"
