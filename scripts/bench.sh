#!/usr/bin/env bash
# bench.sh: times kb against Hugo and against the goldmark floor (mdfloor)
# on generated corpora of the given sizes, and prints per size the median
# wall time and peak memory of each tool, kb's ratios to the others, and
# each tool's time and CPU time a page, which should not grow with size.
#
#   scripts/bench.sh [-n RUNS] [-t SECONDS] PAGES...
#   scripts/bench.sh 1000 10000 100000
#
# -n RUNS     timed runs per tool and size (default 5)
# -t SECONDS  stop any one run after this long and report it as timed out
#
# Runs alternate (kb, hugo, floor, kb, hugo, floor, ...) so that drift in
# the machine's speed spreads over all tools. Every output folder (and
# Hugo's cache folder) is removed before each run, so no tool reuses an
# earlier run's work. The corpus is read once before timing, so every
# tool starts with it in the page cache.
#
# Environment: KB_BENCH_DIR (default /tmp/kb-bench) holds the corpora,
# binaries and raw results (results-PAGES.tsv); HUGO (default
# /tmp/hugo/hugo) is the Hugo binary, built from source if missing.
set -euo pipefail
trap 'echo "bench.sh: failed at line $LINENO" >&2' ERR

readonly hugo_version=v0.145.0
bench=${KB_BENCH_DIR:-/tmp/kb-bench}
hugo=${HUGO:-/tmp/hugo/hugo}
root=$(cd "$(dirname "$0")/.." && pwd)

usage() {
	echo "usage: scripts/bench.sh [-n RUNS] [-t SECONDS] PAGES..." >&2
	exit 2
}

runs=5
limit=0
while getopts "n:t:h" opt; do
	case $opt in
	n) runs=$OPTARG ;;
	t) limit=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[[ $# -gt 0 && $runs =~ ^[1-9][0-9]*$ && $limit =~ ^[0-9]+$ ]] || usage
for pages in "$@"; do
	[[ $pages =~ ^[0-9]+$ ]] && ((pages >= 100 && pages <= 100000)) || {
		echo "bench.sh: PAGES must be 100 to 100000, got $pages" >&2
		exit 2
	}
done

if [[ ! -x /usr/bin/time ]]; then
	echo "bench.sh: /usr/bin/time (GNU time) is missing; install it with: apt-get install -y time" >&2
	exit 1
fi

# build_tools builds kb, mdfloor and kbcorpus into $bench. kb may not
# build (or work) yet: its failures are reported in the table instead.
build_tools() {
	mkdir -p "$bench"
	(cd "$root" && go build -o "$bench/mdfloor" ./cmd/mdfloor && go build -o "$bench/kbcorpus" ./cmd/kbcorpus)
	rm -f "$bench/kb"
	if ! (cd "$root" && go build -o "$bench/kb" .); then
		echo "bench.sh: kb does not build; its cells will say so" >&2
	fi
}

# find_hugo builds Hugo $hugo_version from source when $hugo is missing.
find_hugo() {
	if [[ ! -x $hugo ]]; then
		echo "bench.sh: building Hugo $hugo_version into $(dirname "$hugo") (takes several minutes)" >&2
		GOBIN=$(dirname "$hugo") go install "github.com/gohugoio/hugo@$hugo_version"
	fi
	if ! "$hugo" version | grep -q "$hugo_version"; then
		echo "bench.sh: warning: $hugo is not Hugo $hugo_version: $("$hugo" version)" >&2
	fi
}

# corpus makes (or reuses) the corpus of $1 pages. The marker file holds
# the generator binary's checksum, so a changed generator remakes it.
corpus() {
	local dir=$bench/$1 sum
	sum=$(sha256sum "$bench/kbcorpus" | cut -d' ' -f1)
	if [[ ! -f $dir/.complete || $(cat "$dir/.complete") != "$sum" ]]; then
		echo "bench.sh: generating $1 pages into $dir" >&2
		rm -rf "$dir"
		"$bench/kbcorpus" -pages "$1" -seed 1 -out "$dir"
		echo "$sum" >"$dir/.complete"
	fi
	find "$dir" -type f -exec cat {} + >/dev/null
}

# measure runs one tool once and appends "tool wall_s rss_kb status cpu_s" to
# $results. Output folders are removed before, untimed. A run that exits 0
# without writing the file it must write counts as failed.
measure() {
	local tool=$1 dir=$2 out=$bench/out
	rm -rf "$out"
	mkdir -p "$out"
	local cmd expect
	case $tool in
	kb)
		cmd=("$bench/kb" build --source "$dir/kb" --out "$out/kb-out")
		expect=$out/kb-out/index.html
		;;
	hugo)
		cmd=("$hugo" --source "$dir/hugo" --destination "$out/hugo-out" --cacheDir "$out/hugo-cache" --quiet)
		expect=$out/hugo-out/index.html
		;;
	floor)
		cmd=("$bench/mdfloor" -in "$dir/kb/content" -out "$out/floor-out")
		expect=$out/floor-out/$first_page.html
		;;
	esac
	if [[ $tool == kb && ! -x $bench/kb ]]; then
		echo "kb 0 0 build" >>"$results"
		return
	fi
	if ((limit > 0)); then
		cmd=(timeout "$limit" "${cmd[@]}")
	fi
	local start end status=0
	start=$EPOCHREALTIME
	/usr/bin/time -v -o "$out/time.txt" "${cmd[@]}" >"$out/stdout.txt" 2>"$out/stderr.txt" || status=$?
	end=$EPOCHREALTIME
	if ((status == 0)) && [[ ! -s $expect ]]; then
		status=noout
	fi
	if [[ $status != 0 && ! -f $bench/stderr-$tool.txt ]]; then
		cp "$out/stderr.txt" "$bench/stderr-$tool.txt"
	fi
	awk -v tool="$tool" -v s="$start" -v e="$end" -v st="$status" \
		'/Maximum resident set size/ {rss = $NF} /(User|System) time \(seconds\)/ {cpu += $NF}
		END {printf "%s %.3f %d %s %.2f\n", tool, e - s, rss, st, cpu}' \
		"$out/time.txt" >>"$results"
}

# summarize prints the table for one size from $results: per tool the
# median wall seconds and peak RSS MB, or why it has none, then kb's
# ratios. The fastest run and the median CPU seconds (user + system) are
# shown too: on a shared machine they are less disturbed by other load.
summarize() {
	local pages=$1
	awk -v pages="$pages" -v runs="$runs" '
	function sorted(list, a,   n, i, j, t) {
		n = split(list, a, " ")
		for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
		return n
	}
	function median(list,   a, n) {
		n = sorted(list, a)
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	function least(list,   a) { sorted(list, a); return a[1] }
	$4 != "0" { if (!(($1) in failed)) failed[$1] = $4; next }
	{ wall[$1] = wall[$1] " " $2; rss[$1] = rss[$1] " " $3; cpu[$1] = cpu[$1] " " $5 }
	END {
		printf "\n== %d pages: median of %d runs ==\n", pages, runs
		printf "%-6s %10s %14s %12s %12s\n", "tool", "wall s", "peak RSS MB", "fastest s", "CPU s"
		n = split("kb hugo floor", tools, " ")
		for (i = 1; i <= n; i++) {
			t = tools[i]
			if (t in failed) {
				why = failed[t] == "build" ? "failed (does not build)" : failed[t] == "noout" ? "failed (exit 0, wrote no site)" : failed[t] == "124" ? "timed out" : "failed (exit " failed[t] ")"
				printf "%-6s %s\n", t, t ": " why
				continue
			}
			w[t] = median(wall[t]); m[t] = median(rss[t]) / 1024; c[t] = median(cpu[t])
			printf "%-6s %10.2f %14.1f %12.2f %12.2f\n", t, w[t], m[t], least(wall[t]), median(cpu[t])
		}
		ratio("kb/hugo time", "kb", "hugo", w); ratio("kb/hugo memory", "kb", "hugo", m); ratio("kb/floor time", "kb", "floor", w)
		# The cost of a page, to compare across sizes: flat is the goal.
		for (i = 1; i <= n; i++) {
			t = tools[i]
			if (t in w) printf "%-6s %8.0f µs a page, %8.0f CPU µs a page\n", t, w[t] / pages * 1e6, c[t] / pages * 1e6
		}
	}
	function ratio(label, a, b, v) {
		if ((a in v) && (b in v) && v[b] > 0) printf "%-16s %6.2f\n", label, v[a] / v[b]
		else printf "%-16s %6s\n", label, "n/a"
	}' "$results"
}

build_tools
find_hugo
for pages in "$@"; do
	dir=$bench/$pages
	corpus "$pages"
	# sed, unlike head, reads all its input, so sort never dies of SIGPIPE.
	first_page=$(cd "$dir/kb/content" && find . -name '*.md' | sort | sed -n '1s/\.md$//p')
	results=$bench/results-$pages.tsv
	: >"$results"
	echo "bench.sh: $pages pages, $runs runs each; load average before: $(cut -d' ' -f1-3 /proc/loadavg); kb's spool in ${TMPDIR:-/tmp} ($(stat -f -c %T "${TMPDIR:-/tmp}"))" >&2
	rm -f "$bench"/stderr-*.txt
	for ((run = 1; run <= runs; run++)); do
		for tool in kb hugo floor; do
			measure "$tool" "$dir"
		done
	done
	summarize "$pages"
	for f in "$bench"/stderr-*.txt; do
		[[ -s $f ]] || continue
		echo "first lines of $(basename "$f" .txt | sed 's/stderr-//')'s errors:"
		sed -n '1,5s/^/  /p' "$f"
	done
done
rm -rf "$bench/out"
