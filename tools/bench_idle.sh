#!/usr/bin/env bash
# CPU time of the window left alone, in a real X window (Xvfb).
#
#   tools/bench_idle.sh [--secs S] [--warm W] [--bin PATH] -- ARGS...
#
# Starts Xvfb (1280x800), runs the app (default target/release/chronoatlas)
# with ARGS, waits W seconds (default 15: start-up, the first tiles, the
# first fit), then reads the process's CPU time (user + system, from
# /proc/PID/stat) before and after S seconds (default 60) with nobody
# touching it. Prints one line: the arguments, the CPU seconds, and the
# share of one core. Issue #16's target for the explorer: under 1%.
#
# Needs Debian's xvfb (installed when missing) and a release build
# (`cargo build --release`).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=60; warm=15; bin=target/release/chronoatlas
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  case $1 in
    --secs) secs=$2; shift 2 ;;
    --warm) warm=$2; shift 2 ;;
    --bin) bin=$2; shift 2 ;;
    *) sed -n '2,14p' "$0"; exit 2 ;;
  esac
done
[ "${1:-}" = "--" ] && shift
[ -x "$bin" ] || { echo "no $bin: run cargo build --release" >&2; exit 2; }
command -v Xvfb >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xvfb) >/dev/null

d=70
while [ -e /tmp/.X11-unix/X$d ] || [ -e /tmp/.X$d-lock ]; do d=$((d + 1)); done
Xvfb :$d -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
runtime=$(mktemp -d); chmod 700 "$runtime"
home=$(mktemp -d)
cleanup() {
  [ -n "${app:-}" ] && kill "$app" 2>/dev/null || true
  sleep 0.3
  [ -n "${app:-}" ] && kill -9 "$app" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$runtime" "$home"
}
trap cleanup EXIT
sleep 1
# A fresh home: no remembered settings or view from an earlier run.
DISPLAY=:$d XDG_RUNTIME_DIR=$runtime HOME=$home XDG_DATA_HOME=$home/.local/share \
  "$bin" "$@" >"$home/log" 2>&1 &
app=$!
sleep "$warm"
cpu() { awk '{print $14 + $15}' "/proc/$app/stat"; }
kill -0 "$app" 2>/dev/null || { echo "the app exited:" >&2; cat "$home/log" >&2; exit 1; }
t0=$(cpu)
sleep "$secs"
kill -0 "$app" 2>/dev/null || { echo "the app exited:" >&2; cat "$home/log" >&2; exit 1; }
t1=$(cpu)
hz=$(getconf CLK_TCK)
awk -v a="$t0" -v b="$t1" -v hz="$hz" -v s="$secs" -v args="$*" \
  'BEGIN { c = (b - a) / hz; printf "idle %ss  %-40s cpu %.2f s  %.2f%% of one core\n", s, "[" args "]", c, 100 * c / s }'
