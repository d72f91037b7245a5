#!/usr/bin/env bash
# The browser tests: our HTML page and the TimelineJS and vis-timeline
# exports in headless Chromium (Debian's package, driven by
# playwright-core; no browser is downloaded). Run from anywhere:
#
#   bash tests/browser/run.sh                       # the checks
#   UPDATE_SCREENSHOT=1 bash tests/browser/run.sh   # and docs/timeline.png
#
# It installs what it needs: Chromium by apt-get when /usr/bin/chromium
# is missing, the pinned npm packages by `npm ci` (package-lock.json),
# and builds the release binary. Everything the browser loads is served
# from 127.0.0.1; run.mjs fails on any other request.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ ! -x /usr/bin/chromium ]; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium
fi
/usr/bin/chromium --version

# playwright-core needs Node 20 or later (Debian 12's nodejs is 18).
node_major="$(node --version | sed 's/^v\([0-9]*\).*/\1/')"
if [ "$node_major" -lt 20 ]; then
    echo "tests/browser: Node 20 or later is needed, found $(node --version)" >&2
    exit 1
fi

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
(cd "$here" && npm ci --no-audit --no-fund)

(cd "$root" && cargo build --locked --release)
bin="$root/target/release/timeline"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
corpus="$root/examples/syria-2017"
"$bin" extract "$corpus" -q -o "$out/timeline.json"
for format in timelinejs vis html; do
    name="$format.json"
    if [ "$format" = html ]; then name="timeline.html"; fi
    "$bin" extract "$corpus" -q --format "$format" -o "$out/$name"
done
"$bin" extract "$here/hostile" -q -o "$out/hostile.json"
"$bin" extract "$here/hostile" -q --format html -o "$out/hostile.html"

# An article that reports no event: an empty timeline.
"$bin" extract "$here/empty" -q --format html -o "$out/empty.html"

node "$here/run.mjs" "$out"
