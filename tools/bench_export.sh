#!/usr/bin/env bash
# The time-lapse benchmark of ../shared/bench/, ours beside matplotlib's, in
# one run on one machine: 60 frames of 1280x720 PNG from the synthetic
# events (1k to 1M), the window [26 i, 26 i + 90) days after 1937-07-07.
#
#   tools/bench_export.sh [N ...]        default: 1000 10000 100000 1000000
#
# Our frames draw the events as dots (`--points dots`), as the job and the
# peers do; the window's Auto style would count them into hexagons here.
#
# Prints one JSON line per tool and N, then a table of export times (median
# of REPS runs, load excluded) and their ratio. Fails when frame 30 does not
# show the correctness gate's number of events (68 / 660 / 6,443 / 64,315)
# or when we are not at least 3x faster than matplotlib.
#
# Needs: a Rust toolchain; python3 with venv (a virtual environment with
# matplotlib, numpy, pandas is made under target/bench-venv on first use,
# from PyPI). Set BENCH=path/to/shared/bench if it is not ../shared/bench.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BENCH=${BENCH:-$ROOT/../shared/bench}
export BENCH_DIR=${BENCH_DIR:-$ROOT/target/bench-data}
REPS=${REPS:-3}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000 100000 1000000)

if [ ! -f "$BENCH/mpl_peer.py" ]; then
  echo "no benchmark scripts at $BENCH (set BENCH=...)" >&2
  exit 2
fi
PY=${PYTHON:-$ROOT/target/bench-venv/bin/python}
if ! "$PY" -c "import matplotlib, numpy, pandas" 2>/dev/null; then
  echo "== making target/bench-venv (matplotlib, numpy, pandas from PyPI)" >&2
  python3 -m venv "$ROOT/target/bench-venv"
  "$ROOT/target/bench-venv/bin/pip" install -q matplotlib numpy pandas >&2
  PY=$ROOT/target/bench-venv/bin/python
fi
cargo build --release --quiet
BIN=$ROOT/target/release/chronoatlas

declare -A GATE=([1000]=68 [10000]=660 [100000]=6443 [1000000]=64315)
mkdir -p "$BENCH_DIR"
for n in "${SIZES[@]}"; do
  [ -f "$BENCH_DIR/events_$n.csv" ] || "$PY" "$BENCH/gen_events.py" "$n" >&2
done

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
field() { "$PY" -c "import json,sys; d=json.loads(sys.stdin.read()); print(eval(sys.argv[1], {}, d))" "$1"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"
rows=()
status=0
for n in "${SIZES[@]}"; do
  mpl=$("$PY" "$BENCH/mpl_peer.py" "$n" --frames 60 --reps "$REPS" | tail -1)
  echo "$mpl"
  mpl_s=$(echo "$mpl" | field export_s_median)
  ours=()
  for _ in $(seq "$REPS"); do
    out="$BENCH_DIR/out/chronoatlas/$n/"
    line=$("$BIN" timelapse --data "$BENCH_DIR/events_$n.csv" --from 1937-10-04 --step 26 --frames 60 \
      --mode window --window 90 --size 1280x720 --view 116.0,37.1,5.8 --points dots --out "$out" --force --stats 2>/dev/null | tail -1)
    ours+=("$line")
  done
  # The run with the median time is the one reported.
  best=$(for l in "${ours[@]}"; do echo "$(echo "$l" | field export_s) $l"; done | sort -g | sed -n "$(( (REPS + 1) / 2 ))p" | cut -d' ' -f2-)
  echo "$best" | "$PY" -c "import json,sys; d=json.loads(sys.stdin.read()); v=d.pop('visible'); d['visible_frame30']=v[30] if len(v)>30 else None; print(json.dumps(d))"
  ours_s=$(echo "$best" | field export_s)
  seen=$(echo "$best" | field "visible[30]")
  want=${GATE[$n]:-}
  gate="n/a"
  if [ -n "$want" ]; then
    if [ "$seen" = "$want" ]; then gate="ok ($seen)"; else gate="WRONG ($seen, want $want)"; status=1; fi
  fi
  ratio=$("$PY" -c "print(f'{$mpl_s / $ours_s:.1f}')")
  if "$PY" -c "import sys; sys.exit(0 if $mpl_s / $ours_s >= 3 else 1)"; then :; else status=1; fi
  rows+=("$(printf '| %9s | %8.2f | %8.2f | %5sx | %s |' "$n" "$mpl_s" "$ours_s" "$ratio" "$gate")")
done
echo
echo "| events    | mpl s    | ours s   | ratio  | frame 30 visible |"
echo "|-----------|----------|----------|--------|------------------|"
printf '%s\n' "${rows[@]}"
exit $status
