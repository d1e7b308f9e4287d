#!/usr/bin/env bash
# Renders a `normguard drift --report` HTML file in headless Chromium (Debian: apt-get install chromium) and saves a
# screenshot, to check the page as a person sees it: fonts, charts, layout.
#   tools/drift/render_report.sh drift.html [drift.png] [width,height]
set -euo pipefail
if [[ $# -lt 1 ]]; then
  echo "usage: $0 REPORT.html [OUT.png] [WIDTH,HEIGHT]" >&2
  exit 1
fi
report=$(realpath "$1")
out=$(realpath -m "${2:-${1%.html}.png}")
size=${3:-1200,2400}
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$browser" ]]; then
  echo "error: chromium not found (Debian: apt-get install chromium)" >&2
  exit 1
fi
# A throwaway profile keeps runs independent of any browser state; --no-sandbox because CI runs as root.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --window-size="$size" --screenshot="$out" "file://$report" >/dev/null 2>&1
[[ -s "$out" ]] || { echo "error: chromium wrote no screenshot to $out" >&2; exit 1; }
echo "$out"
