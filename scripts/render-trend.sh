#!/bin/sh
# Renders a trend.html in headless Chromium to a PNG and fails on JavaScript console errors.
#
#   scripts/render-trend.sh [TREND_HTML] [OUT_PNG]
#
# Defaults: archdrift-trend/trend.html → archdrift-trend/trend.png. Needs Chromium (Debian:
# `apt-get install -y chromium`). Network access is switched off as far as Chromium allows, so a
# page that needed the network would show empty charts. Not part of CI.
set -eu

html=${1:-archdrift-trend/trend.html}
png=${2:-${html%.html}.png}
[ -f "$html" ] || { echo "render-trend: $html not found" >&2; exit 2; }
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "render-trend: no chromium on PATH (apt-get install -y chromium)" >&2; exit 2; }

log=$(mktemp)
profile=$(mktemp -d)
trap 'rm -rf "$log" "$profile"' EXIT
abs=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")

"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --no-first-run --no-default-browser-check \
  --user-data-dir="$profile" --hide-scrollbars \
  --proxy-server=127.0.0.1:9 --proxy-bypass-list='<-loopback>' \
  --enable-logging=stderr --v=0 \
  --window-size=1280,2000 --screenshot="$png" "file://$abs" 2>"$log" || {
  cat "$log" >&2
  echo "render-trend: chromium failed" >&2
  exit 1
}

# console messages are logged as `INFO:CONSOLE(line)] "message", source: ...`
if grep -E 'CONSOLE|Uncaught|ERR_' "$log" >&2; then
  echo "render-trend: the page logged the messages above" >&2
  exit 1
fi
[ -s "$png" ] || { echo "render-trend: no screenshot written" >&2; exit 1; }
echo "render-trend: wrote $png, no console messages"
