#!/usr/bin/env bash
# serve-bench.sh [PAGES]: times kb serve as an author meets it, on a
# generated site of PAGES pages (default 10000): the first build in serve
# mode against kb build, and the time from saving a page to the browser
# being told and served the new page (median of 40 saves, a second apart).
set -euo pipefail
pages=${1:-10000}
root=$(cd "$(dirname "$0")/.." && pwd)
bench=${KB_BENCH_DIR:-/tmp/kb-bench}
mkdir -p "$bench"
cd "$root"
go build -o "$bench/kb" .
go build -o "$bench/servebench" ./cmd/servebench
if [[ ! -d $bench/serve-$pages/kb ]]; then
	go run ./cmd/kbcorpus -pages "$pages" -seed 1 -out "$bench/serve-$pages" >/dev/null
fi
"$bench/servebench" -kb "$bench/kb" -site "$bench/serve-$pages/kb" -saves 40
