#!/usr/bin/env bash
# The kiosk in a real X window (Xvfb) for a long while, with synthetic
# visitors (xdotool taps, drags, a key) and idle spells long enough for the
# countdown and the reset; resident memory sampled from /proc and live
# textures from the kiosk's own health lines in its log.
#
#   tools/kiosk_soak_x11.sh [SECS]        default 600 (ten minutes)
#
# Prints one line per sample (seconds, resident MB, textures), then the
# visitors and resets the log counted, and exits 1 if the kiosk died.
# Needs a release build and Debian's xvfb and xdotool (installed if
# missing). Figures go in docs/KIOSK.md.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
bin=target/release/chronoatlas
[ -x "$bin" ] || { echo "no $bin: run cargo build --release" >&2; exit 2; }
need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
[ ${#need[@]} -eq 0 ] || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >/dev/null

tmp=$(mktemp -d); chmod 700 "$tmp"
d=60
while [ -e /tmp/.X11-unix/X$d ] || [ -e /tmp/.X$d-lock ]; do d=$((d + 1)); done
Xvfb :$d -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
cleanup() {
  [ -n "${app:-}" ] && kill "$app" 2>/dev/null || true
  sleep 0.5
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
sleep 1
export DISPLAY=:$d
cat >"$tmp/kiosk.toml" <<TOML
idle_timeout_secs = 20
countdown_secs = 5
health_log_secs = 30
TOML
XDG_RUNTIME_DIR=$tmp HOME=$tmp XDG_STATE_HOME=$tmp/state \
  "$bin" --kiosk "$tmp/kiosk.toml" >"$tmp/stderr" 2>&1 &
app=$!
log=$tmp/state/chronoatlas/kiosk.log
RANDOM=16
start=$(date +%s)
next_sample=0
echo "seconds  resident_MB  textures"
while [ $(( $(date +%s) - start )) -lt "$secs" ]; do
  kill -0 "$app" 2>/dev/null || { echo "the kiosk died:" >&2; cat "$tmp/stderr" >&2; exit 1; }
  now=$(( $(date +%s) - start ))
  if [ "$now" -ge "$next_sample" ]; then
    rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$app/status")
    tex=$( (grep -o "[0-9]* textures" "$log" 2>/dev/null || true) | tail -1 | cut -d" " -f1)
    printf '%7d  %11s  %8s\n' "$now" "$rss" "${tex:--}"
    next_sample=$((next_sample + 30))
  fi
  x=$((100 + RANDOM % 1080)); y=$((120 + RANDOM % 560))
  case $((RANDOM % 6)) in
    0|1) xdotool mousemove $x $y click 1 ;;                       # a tap
    2) xdotool mousemove $x $y mousedown 1 \
         mousemove $((x + 120)) $((y + 40)) mousemove $((x + 240)) $((y + 80)) mouseup 1 ;;  # a drag
    3) xdotool mousemove $x $y click 4 click 4 ;;                 # the wheel
    4) xdotool key space ;;                                       # a key
    5) sleep $((20 + RANDOM % 15)) ;;                             # gone: countdown, reset
  esac
  sleep 0.$((2 + RANDOM % 7))
done
kill -0 "$app" 2>/dev/null || { echo "the kiosk died:" >&2; cat "$tmp/stderr" >&2; exit 1; }
echo "visitors: $(grep -c 'a visitor, the attract loop stops' "$log" || true)," \
  "resets: $(grep -c 'reset for the next visitor' "$log" || true)," \
  "log: $(wc -c <"$log") bytes"
