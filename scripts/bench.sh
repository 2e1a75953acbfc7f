#!/usr/bin/env bash
# The benchmark harness (docs/performance.md). Release build, synthetic customers from
# ../shared/bench/make_dataset.py, and for each size:
#   first build   the very first build: also hands out every RF reference in the ledger
#   cold disk     full build into a fresh, empty folder on the repository's disk
#   cold tmpfs    the same on /dev/shm
#   ceiling       a few lines of C (scripts/bench/ceiling.c) writing the same files, same sizes, same
#                 folders, into a fresh folder on the same file system: the physical limit
#   no change     rebuild over the cold disk build: must write 0 files
#   one change    one customer's file edited, rebuild: must write only that customer's changed files
#   regenerate    one customer's page after a booking, through the receiver's own code path
#                 (customer-center-bench), p50/p99 over up to 1,000 different customers
#   hugo          with --with-hugo: Hugo (Debian's, installed if missing) builds the same customers
#                 with scripts/bench/hugo-site/ (our page, statement page and CSV as closely as Hugo
#                 0.111 renders them; no QR codes), alternating 3 times with our cold build, each
#                 into a fresh folder on tmpfs; both rates and their ratio
# and once: the receiver under wrk load (scripts/load-test.sh), every commit durable.
# With --ledger postgresql, a throwaway PostgreSQL cluster on the same machine (scripts/test-postgres.sh)
# as well: each size's SQLite ledger is copied into it (`ledger migrate`) and the regeneration measured
# again on PostgreSQL; the load test runs on SQLite, on PostgreSQL with one receiver and with two
# receivers (same two cores for all of them and the database).
# Shares of the ceiling are its seconds over the build's: the ceiling writes the same files (a
# customer's page, statement page and CSV), so files per second and pages per second do not compare.
# Prints a table and writes the figures as JSON to bench-results/ (kept out of git).
#
# Usage: scripts/bench.sh [--sizes 1000,10000,100000] [--load-seconds 30] [--levels 1,8,32] [--no-load] [--with-hugo]
#                         [--ledger postgresql]
# Defaults: --sizes 1000,10000 --load-seconds 30 --levels 1,8,32.
#
# Honest measuring on these machines (ext4 without journal, mounted with discard): every timed build
# writes into a fresh folder, no build is timed right after deleting a large tree (all trees are
# removed at the end), and tmpfs figures stand beside disk figures.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="1000,10000"
load_seconds=30
levels="1,8,32"
load=1
hugo=0
ledger=sqlite
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --load-seconds) load_seconds=$2; shift 2 ;;
    --levels) levels=$2; shift 2 ;;
    --no-load) load=0; shift ;;
    --with-hugo) hugo=1; shift ;;
    --ledger) ledger=$2; shift 2 ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 64 ;;
  esac
done

scripts/install-system-packages.sh
need=()
command -v /usr/bin/time >/dev/null || need+=(time)
command -v gcc >/dev/null || need+=(gcc)
command -v wrk >/dev/null || need+=(wrk)
command -v sqlite3 >/dev/null || need+=(sqlite3)
[ "$hugo" = 0 ] || command -v hugo >/dev/null || need+=(hugo)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
swift build -c release --product customer-center >/dev/null
swift build -c release --product customer-center-bench >/dev/null
binary="$PWD/.build/release/customer-center"
bench="$PWD/.build/release/customer-center-bench"
stamp=$(date -u +%Y%m%d-%H%M%S)
work="$PWD/.customer-center/bench/$stamp"        # on the repository's disk
shm="/dev/shm/customer-center-bench-$stamp"
mkdir -p "$work" "$shm" bench-results
pgdir=""
trap 'if [ -n "$pgdir" ]; then scripts/test-postgres.sh stop "$pgdir" || true; rm -rf "$pgdir"; fi; rm -rf "$work" "$shm"' EXIT
case "$ledger" in
  sqlite) ;;
  postgresql)
    # Its own folder: the server runs as the postgres user, which cannot enter $work.
    pgdir=$(mktemp -d /tmp/customer-center-bench-postgres.XXXXXX)
    pgurl=$(scripts/test-postgres.sh start "$pgdir")
    psql_bin="$(cat "$pgdir/bin")/psql"
    ;;
  *) echo "--ledger: sqlite or postgresql, not $ledger" >&2; exit 64 ;;
esac
gcc -O2 -o "$work/ceiling" scripts/bench/ceiling.c
export CUSTOMER_CENTER_LINK_SECRET="bench-only-secret-0123456789abcdefghijklmnopq"
rows="$work/rows.tsv"
: >"$rows"

# time_build LABEL N OUTPUT CONTENT: one build under /usr/bin/time; appends a row.
time_build() {
  local label=$1 n=$2 output=$3 content=$4
  /usr/bin/time -v "$binary" build --content "$content" --templates Templates --output "$output" --as-of 2025-06-01 \
    >"$work/out" 2>"$work/time" || { cat "$work/out" "$work/time" >&2; exit 1; }
  local wall rss written
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); if (length(t) == 3) print t[1]*3600 + t[2]*60 + t[3]; else print t[1]*60 + t[2]}' "$work/time")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$work/time")
  written=$(sed -nE 's/.*: ([0-9]+) files? written.*/\1/p' "$work/out" | tail -1)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$label" "$wall" "$(awk -v n="$n" -v w="$wall" 'BEGIN { printf "%.0f", (w > 0 ? n / w : 0) }')" "$rss" "${written:-}" >>"$rows"
}

# time_hugo LABEL N OUTPUT CONTENT: one Hugo build under /usr/bin/time; appends a row.
time_hugo() {
  local label=$1 n=$2 output=$3 content=$4
  /usr/bin/time -v hugo --source scripts/bench/hugo-site --contentDir "$content" --destination "$output" \
    --cacheDir "$work/hugo-cache" --quiet >"$work/out" 2>"$work/time" || { cat "$work/out" "$work/time" >&2; exit 1; }
  local wall rss written
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); if (length(t) == 3) print t[1]*3600 + t[2]*60 + t[3]; else print t[1]*60 + t[2]}' "$work/time")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$work/time")
  written=$(find "$output" -type f | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$label" "$wall" "$(awk -v n="$n" -v w="$wall" 'BEGIN { printf "%.0f", (w > 0 ? n / w : 0) }')" "$rss" "$written" >>"$rows"
}

# ceiling LABEL N LIST TARGET: the C loop; appends a row (pages per second = files per second).
ceiling() {
  local label=$1 n=$2 list=$3 target=$4
  read -r files seconds rate < <("$work/ceiling" "$list" "$target")
  printf '%s\t%s\t%s\t%s\t\t%s\n' "$n" "$label" "$seconds" "$rate" "$files" >>"$rows"
}

IFS=',' read -ra size_list <<<"$sizes"
for n in "${size_list[@]}"; do
  base="$work/$n"
  mkdir -p "$base"
  python3 ../shared/bench/make_dataset.py "$n" --out "$base/data" --no-split >/dev/null
  "$binary" import "$base/data/customers.json" --content "$base/content" >/dev/null
  time_build "first build" "$n" "$shm/$n-first" "$base/content"
  # tmpfs is memory: each tree there goes once measured (100,000 customers are 2-3 GB a tree, and
  # with Hugo's rounds they would not all fit). Removing on tmpfs does not slow later writes there.
  rm -rf "$shm/$n-first"
  time_build "cold disk" "$n" "$base/site" "$base/content"
  time_build "cold tmpfs" "$n" "$shm/$n-site" "$base/content"
  rm -rf "$shm/$n-site"
  # Every file the cold build wrote, with its size; the ceiling writes exactly these.
  (cd "$base/site" && find . -type f -printf '%s %P\n') >"$base/files.txt"
  ceiling "ceiling disk" "$n" "$base/files.txt" "$base/ceiling"
  ceiling "ceiling tmpfs" "$n" "$base/files.txt" "$shm/$n-ceiling"
  rm -rf "$shm/$n-ceiling"
  time_build "no change" "$n" "$base/site" "$base/content"
  python3 - "$base/content/customers" <<'PY'
import json, os, sys
folder = sys.argv[1]
name = sorted(os.listdir(folder))[len(os.listdir(folder)) // 2]
path = os.path.join(folder, name)
customer = json.load(open(path))
customer["name"] = customer["name"] + " (changed)"
json.dump(customer, open(path, "w"), ensure_ascii=False, indent=2)
PY
  time_build "one change" "$n" "$base/site" "$base/content"
  if [ "$hugo" = 1 ]; then
    python3 scripts/bench/hugo-content.py "$base/data/customers.json" "$base/hugo-content"
    for round in 1 2 3; do
      time_build "ours vs hugo" "$n" "$shm/$n-ours-$round" "$base/content"
      rm -rf "$shm/$n-ours-$round"
      time_hugo "hugo" "$n" "$shm/$n-hugo-$round" "$base/hugo-content"
      rm -rf "$shm/$n-hugo-$round"
    done
  fi
  count=$(( n < 1000 ? n : 1000 ))
  "$bench" regenerate --content "$base/content" --templates Templates --output "$base/site" --count "$count" >"$base/regen.json"
  python3 - "$n" "$base/regen.json" >>"$rows" <<'PY'
import json, sys
r = json.load(open(sys.argv[2]))
print(f"{sys.argv[1]}\tregenerate\t{r['p50_ms']}\t{r['p99_ms']}\t\t{r['count']}")
PY
  if [ "$ledger" = postgresql ]; then
    # The same ledger copied into PostgreSQL, then the same measurement on it.
    "$psql_bin" "$pgurl" -q -c "CREATE DATABASE bench_$n" >/dev/null
    target="${pgurl%/*}/bench_$n"
    "$binary" ledger migrate --content "$base/content" --to "$target" >/dev/null
    CUSTOMER_CENTER_LEDGER_URL="$target" "$bench" regenerate --content "$base/content" --templates Templates --output "$base/site" \
      --count "$count" >"$base/regen-postgresql.json"
    python3 - "$n" "$base/regen-postgresql.json" >>"$rows" <<'PY'
import json, sys
r = json.load(open(sys.argv[2]))
print(f"{sys.argv[1]}\tregenerate postgresql\t{r['p50_ms']}\t{r['p99_ms']}\t\t{r['count']}")
PY
  fi
done

if [ "$load" = 1 ]; then
  scripts/load-test.sh "$load_seconds" ${levels//,/ } | tee "$work/load.txt"
  if [ "$ledger" = postgresql ]; then
    scripts/load-test.sh --ledger postgresql --receivers 1 "$load_seconds" ${levels//,/ } | tee "$work/load-postgresql-1.txt"
    scripts/load-test.sh --ledger postgresql --receivers 2 "$load_seconds" ${levels//,/ } | tee "$work/load-postgresql-2.txt"
  fi
fi

python3 - "$rows" "$work/load.txt" "bench-results/bench-$stamp.json" "$sizes" <<'PY'
import json, os, platform, subprocess, sys
rows_path, load_path, out_path, sizes = sys.argv[1:5]
load_files = [(load_path, "sqlite", 1)] + [(load_path.replace("load.txt", f"load-postgresql-{k}.txt"), "postgresql", k) for k in (1, 2)]
runs = []
for line in open(rows_path):
    n, label, a, b, rss, written = (line.rstrip("\n").split("\t") + [""] * 6)[:6]
    runs.append({"customers": int(n), "run": label, "a": a, "b": b, "rss": rss, "files": written})
builds, ceilings, regens = [], [], []
for r in runs:
    if r["run"].startswith("ceiling"):
        ceilings.append({"customers": r["customers"], "run": r["run"], "seconds": float(r["a"]), "files_per_second": float(r["b"]),
                         "files": int(r["files"])})
    elif r["run"].startswith("regenerate"):
        regens.append({"customers": r["customers"], "ledger": "postgresql" if r["run"].endswith("postgresql") else "sqlite",
                       "p50_ms": float(r["a"]), "p99_ms": float(r["b"]), "count": int(r["files"])})
    else:
        builds.append({"customers": r["customers"], "run": r["run"], "seconds": float(r["a"]), "pages_per_second": float(r["b"]),
                       "peak_rss_mib": float(r["rss"]), "files_written": int(r["files"]) if r["files"] else None})
load = []
for path, engine, receivers in load_files:
    if not os.path.exists(path):
        continue
    for line in open(path):
        parts = line.split()
        if len(parts) == 6 and parts[0].isdigit():
            load.append({"ledger": engine, "receivers": receivers, "connections": int(parts[0]),
                         "callbacks_per_second": float(parts[1]), "p50_ms": float(parts[2]),
                         "p99_ms": float(parts[3]), "non_2xx": int(parts[4]), "acknowledged": int(parts[5])})
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "")
result = {"machine": {"cpu": cpu, "cores": os.cpu_count(), "kernel": platform.release()},
          "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip(),
          "builds": builds, "ceilings": ceilings, "regeneration": regens, "receiver": load}
json.dump(result, open(out_path, "w"), indent=2)
json.dump(result, open(os.path.join(os.path.dirname(out_path), "latest.json"), "w"), indent=2)

print()
print(f"{'customers':>9}  {'run':<14} {'seconds':>8} {'pages/s':>9} {'peak MiB':>9} {'files':>8}")
for r in builds:
    print(f"{r['customers']:>9}  {r['run']:<14} {r['seconds']:>8.2f} {r['pages_per_second']:>9.0f} {r['peak_rss_mib']:>9.1f} "
          f"{'' if r['files_written'] is None else r['files_written']:>8}")
for r in ceilings:
    print(f"{r['customers']:>9}  {r['run']:<14} {r['seconds']:>8.2f} {r['files_per_second']:>9.0f} {'':>9} {r['files']:>8}")
# Shares of the same run's ceiling (seconds over seconds: the same files) and of Hugo (median rounds).
for n in sorted({r["customers"] for r in builds}):
    for medium in ("disk", "tmpfs"):
        build = next((b for b in builds if b["customers"] == n and b["run"] == f"cold {medium}"), None)
        limit = next((c for c in ceilings if c["customers"] == n and c["run"] == f"ceiling {medium}"), None)
        if build and limit and build["seconds"] > 0:
            print(f"{n:>9}  cold {medium} at {100 * limit['seconds'] / build['seconds']:.0f}% of the ceiling")
    ours = sorted(b["pages_per_second"] for b in builds if b["customers"] == n and b["run"] == "ours vs hugo")
    theirs = sorted(b["pages_per_second"] for b in builds if b["customers"] == n and b["run"] == "hugo")
    if ours and theirs:
        print(f"{n:>9}  ours {ours[len(ours) // 2]:.0f} pages/s, Hugo {theirs[len(theirs) // 2]:.0f} pages/s (medians of "
              f"{len(ours)} alternating rounds on tmpfs): {ours[len(ours) // 2] / theirs[len(theirs) // 2]:.2f} times Hugo")
for r in regens:
    print(f"{r['customers']:>9}  {'regenerate':<14} p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms over {r['count']} customers ({r['ledger']})")
for r in load:
    print(f"receiver  {r['ledger']:<10} x{r['receivers']} {r['connections']:>3} connections: {r['callbacks_per_second']:.0f} callbacks/s, "
          f"p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms, {r['non_2xx']} non-2xx")
print(f"\nJSON: {out_path}")
PY
