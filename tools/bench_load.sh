#!/usr/bin/env bash
# Loading the benchmark's CSV, ours beside pandas, in one run on one machine.
#
#   tools/bench_load.sh [N ...]        default: 1000 10000 100000 1000000
#
# pandas: ../shared/bench/load_csv.py (read_csv with the C engine, dates
# parsed to day numbers). Ours: `cargo bench --bench scale -- --load-json`,
# the file read, parsed, its points projected and the time index and the
# dots' tree built (what the explorer needs before its first frame). Each
# is the median of REPS loads in one process. Prints the JSON lines, then a
# table with the ratio; issue #7 asks for at most half of pandas' time, and
# the script exits non-zero at 1M when that is not met.
#
# Needs: a Rust toolchain; python3 with venv (target/bench-venv with numpy
# and pandas is made on first use, from PyPI). BENCH=path/to/shared/bench
# if it is not ../shared/bench.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BENCH=${BENCH:-$ROOT/../shared/bench}
export BENCH_DIR=${BENCH_DIR:-$ROOT/target/bench-data}
REPS=${REPS:-5}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000 100000 1000000)

if [ ! -f "$BENCH/load_csv.py" ]; then
  echo "no benchmark scripts at $BENCH (set BENCH=...)" >&2
  exit 2
fi
PY=${PYTHON:-$ROOT/target/bench-venv/bin/python}
if ! "$PY" -c "import numpy, pandas" 2>/dev/null; then
  echo "== making target/bench-venv (numpy, pandas from PyPI)" >&2
  python3 -m venv "$ROOT/target/bench-venv"
  "$ROOT/target/bench-venv/bin/pip" install -q matplotlib numpy pandas >&2
  PY=$ROOT/target/bench-venv/bin/python
fi
cargo bench --bench scale --no-run --quiet 2>/dev/null
mkdir -p "$BENCH_DIR"
for n in "${SIZES[@]}"; do
  [ -f "$BENCH_DIR/events_$n.csv" ] || "$PY" "$BENCH/gen_events.py" "$n" >&2
done
field() { "$PY" -c "import json,sys; d=json.loads(sys.stdin.read()); print(d[sys.argv[1]])" "$1"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"
rows=()
status=0
for n in "${SIZES[@]}"; do
  pd=$("$PY" "$BENCH/load_csv.py" "$n" pandas-c "$REPS" | tail -1)
  echo "$pd"
  # Each size in its own process, so that its peak memory is its own.
  ours=$(cargo bench --quiet --bench scale -- --load-json "$REPS" "$n" 2>/dev/null | tail -1)
  echo "$ours"
  pd_ms=$(echo "$pd" | field load_ms_median)
  ours_ms=$(echo "$ours" | field load_ms_median)
  peak=$(echo "$ours" | field peak_mb)
  ratio=$("$PY" -c "print(f'{$pd_ms / $ours_ms:.2f}')")
  if [ "$n" = 1000000 ] && ! "$PY" -c "import sys; sys.exit(0 if $pd_ms / $ours_ms >= 2 else 1)"; then
    status=1
  fi
  rows+=("$(printf '| %9s | %8.1f | %8.1f | %5sx | %6s |' "$n" "$pd_ms" "$ours_ms" "$ratio" "$peak")")
done
echo
echo "| events    | pandas ms | ours ms | pandas/ours | our peak MB |"
echo "|-----------|----------|----------|--------|--------|"
printf '%s\n' "${rows[@]}"
exit $status
