#!/usr/bin/env bash
# Benchmarks of swf-activity against aws-sdk-swf: builds the bench workspace (release) and runs
# every figure; prints a Markdown table and writes bench/BENCHMARKS.md.
#
#   bash bench/run.sh                 # full: N = 20000 per figure, 5 runs, clean builds (slow)
#   bash bench/run.sh --quick         # N = 2000, 3 runs
#   bash bench/run.sh --skip-build    # without the clean-build figure
#   bash bench/run.sh --only memory   # just these figures (client, worker, converters, metrics, offload, memory, local, build),
#                                     # into bench/target/BENCHMARKS-only.md
#   bash bench/run.sh --runs 7 --n 50000 --out /tmp/B.md
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cargo build --release --quiet --manifest-path "$here/Cargo.toml" --workspace
exec "$here/target/release/bench-runner" "$@"
