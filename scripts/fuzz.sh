#!/usr/bin/env bash
# Builds the fuzz targets (Fuzz/, libFuzzer with AddressSanitizer) and runs each for a fixed time.
#
#   scripts/fuzz.sh [--seconds N] [--jobs N] [--work DIR] [TARGET...]   run TARGETs (default: all) for N seconds each
#   scripts/fuzz.sh --list                                               the targets and what each checks
#
# Seeds are generated fresh into the work folder (scripts/fuzz-seeds.py; default: a new folder under
# /tmp), so no corpus lives in git. Prints per target the executions, exec/s, coverage (cov, ft) and
# corpus size; exits 1 on any crash, property violation, leak, timeout or out-of-memory, naming the
# reproducer and the command that replays it. docs/fuzzing.md explains the targets.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
jobs=1
work=""
list=false
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="${2:?--seconds needs a number}"; shift 2 ;;
    --jobs) jobs="${2:?--jobs needs a number}"; shift 2 ;;
    --work) work="${2:?--work needs a folder}"; shift 2 ;;
    --list) list=true; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[[ "$seconds" =~ ^[0-9]+$ && "$seconds" -ge 1 ]] || { echo "fuzz.sh: --seconds must be a whole number of at least 1" >&2; exit 2; }
[[ "$jobs" =~ ^[0-9]+$ && "$jobs" -ge 1 ]] || { echo "fuzz.sh: --jobs must be a whole number of at least 1" >&2; exit 2; }

# libFuzzer and AddressSanitizer come with the Swift toolchain (its clang runtime); nothing to install.
runtime="$(dirname "$(readlink -f "$(command -v swiftc)")")/../lib/swift/clang/lib/linux"
if ! ls "$runtime"/libclang_rt.fuzzer-*.a >/dev/null 2>&1; then
  echo "fuzz.sh: this Swift toolchain has no libFuzzer runtime (looked in $runtime); install a swift.org toolchain for Linux" >&2
  exit 1
fi
scripts/install-system-packages.sh   # OpenSSL's libcrypto for Signing, python3 for the seeds

scratch=.build-fuzz
echo "fuzz.sh: building Fuzz/ with -sanitize=fuzzer,address" >&2
# gold warns about every sanitizer symbol it cannot export; those lines say nothing.
swift build --package-path Fuzz --scratch-path "$scratch" -c release \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | grep -v 'Cannot export local symbol' >&2
binary="$(swift build --package-path Fuzz --scratch-path "$scratch" -c release --show-bin-path)/customer-center-fuzz"

if $list; then
  "$binary" --list | column -t -s $'\t'
  exit 0
fi
mapfile -t known < <("$binary" --list | cut -f1)
[ ${#targets[@]} -gt 0 ] || targets=("${known[@]}")
for target in "${targets[@]}"; do
  printf '%s\n' "${known[@]}" | grep -qx -- "$target" || { echo "fuzz.sh: unknown target $target (see --list)" >&2; exit 2; }
done

[ -n "$work" ] || work="$(mktemp -d /tmp/customer-center-fuzz.XXXXXX)"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
python3 scripts/fuzz-seeds.py "$work/seeds"

# One target: libFuzzer keeps new inputs in corpus/, reads seeds/, writes crash-*/leak-*/timeout-*/oom-*
# files to artifacts/. A Swift trap must end the process at once for libFuzzer to record it, so the
# runtime's backtracer is off. Leaks in libraries we cannot fix are listed in Fuzz/lsan-suppressions.txt.
run_target() {
  local target="$1"
  mkdir -p "$work/corpus/$target" "$work/artifacts/$target" "$work/seeds/$target"
  local dictionary=()
  [ -f "Fuzz/Dictionaries/$target.dict" ] && dictionary=("-dict=Fuzz/Dictionaries/$target.dict")
  local status=0
  SWIFT_BACKTRACE=enable=no LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan-suppressions.txt" "$binary" "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/artifacts/$target/" "${dictionary[@]}" \
    "$work/corpus/$target" "$work/seeds/$target" >"$work/$target.log" 2>&1 || status=$?
  echo "$status" >"$work/$target.status"
}

echo "fuzz.sh: ${#targets[@]} target(s), ${seconds} s each, $jobs at a time; work folder $work" >&2
running=0
for target in "${targets[@]}"; do
  if [ "$running" -ge "$jobs" ]; then wait -n || true; running=$((running - 1)); fi
  run_target "$target" &
  running=$((running + 1))
done
wait

printf '%-26s %12s %9s %7s %7s %14s  %s\n' target executions exec/s cov ft corpus result
failed=()
for target in "${targets[@]}"; do
  log="$work/$target.log"
  status="$(cat "$work/$target.status" 2>/dev/null || echo 1)"
  # The last status line, e.g. "#123456 DONE cov: 812 ft: 2301 corp: 240/18Kb ...".
  line="$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)"
  field() { sed -nE "s/.* $1: ([^ ]+).*/\1/p" <<<"$line"; }
  executions="$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -n 1)"
  rate="$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+).*/\1/p' "$log" | tail -n 1)"
  artifacts="$(find "$work/artifacts/$target" -type f 2>/dev/null | sort)"
  result=ok
  if [ "$status" -ne 0 ] || [ -n "$artifacts" ]; then result="FAILED (exit $status)"; failed+=("$target"); fi
  printf '%-26s %12s %9s %7s %7s %14s  %s\n' "$target" "${executions:-?}" "${rate:-?}" "$(field cov)" "$(field ft)" \
    "$(field corp)" "$result"
done

for target in "${failed[@]}"; do
  echo >&2
  echo "fuzz.sh: $target failed; its log: $work/$target.log" >&2
  grep -E 'ERROR: |property violated|Fatal error|SUMMARY: ' "$work/$target.log" | head -n 5 >&2 || true
  for artifact in $(find "$work/artifacts/$target" -type f | sort); do
    echo "  reproducer: $artifact" >&2
    echo "  replay:     SWIFT_BACKTRACE=enable=no $binary $target $artifact" >&2
  done
done
echo "fuzz: $(( ${#targets[@]} - ${#failed[@]} )) passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
