#!/usr/bin/env bash
# screenshot.sh URL OUT.png [WIDTHxHEIGHT]: a headless Chromium screenshot,
# for the README and for looking at pages as a reader does.
set -euo pipefail
url=$1 out=$2 size=${3:-1280x900}
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$chrome" ] || { echo "screenshot.sh: install chromium (apt-get install -y chromium)" >&2; exit 2; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$chrome" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$profile" \
  --window-size="${size/x/,}" --timeout=3000 --screenshot="$out" "$url" >/dev/null 2>&1
echo "$out"
