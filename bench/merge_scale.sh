#!/usr/bin/env bash
# The merge-scale curve: `timeline merge` on 10k, 100k and 1M mentions
# made from the dev data (benches/merge_scale.rs says how), timed in the
# library and end to end under /usr/bin/time -v.
#
# usage: bench/merge_scale.sh [DEV_DATA_DIR] [SIZES...] [--keep DIR]
#                             [--bin PATH]
#   DEV_DATA_DIR  TimeML dev data (default ../shared/data/tbaq, relative
#                 to the repository)
#   SIZES         numbers of mentions (default 10000 100000 1000000)
#   --keep DIR    leave the mention lines in DIR
#   --bin PATH    time this build of timeline instead
set -euo pipefail

cd "$(dirname "$0")/.."
data="${1:-../shared/data/tbaq}"
shift || true
exec cargo bench --quiet --bench merge_scale -- "$data" "$@"
