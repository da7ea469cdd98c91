#!/usr/bin/env bash
# Browser tests use Debian's Chromium (Playwright's own browser download cannot work here).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "Chromium is missing: installing Debian's chromium package…"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
for attempt in 1 2 3; do
  if $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium; then exit 0; fi
  echo "apt-get failed (attempt $attempt); the package lock may be busy, retrying in 20 s…"
  sleep 20
done
echo "Could not install chromium with apt-get. Install it by hand (apt-get install chromium) or set CHROMIUM_PATH." >&2
exit 1
