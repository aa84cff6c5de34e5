#!/usr/bin/env bash
# Interoperability tests against moto, an SWF implementation written by others: tests/tests/moto.rs
# (our client against moto), tests/tests/moto_access_control.rs (a worker whose IAM policy denies
# one action) and tests/tests/local_vs_moto.rs (one scenario on the local endpoint and on moto,
# histories compared), tests/tests/endpoint.rs's comparison with botocore's SWF endpoint rules
# and tests/tests/botocore_model.rs's with botocore's SWF service model (moto depends on botocore,
# pinned here too), tests/tests/simpleflow_harness.rs (what simpleflow deciders and
# workers put on the wire, through simpleflow's own code) and tests/tests/simpleflow_converter.rs
# (the Simpleflow converter against that code, through the local SWF and a worker) and
# tests/tests/s3_store.rs (the S3 payload store against moto's S3, simpleflow's own jumbo-field
# reader and writer against it, and a worker on moto's SWF offloading results, failure details and
# inputs to moto's S3). Installs a
# pinned moto and a pinned simpleflow into a virtualenv under the cargo target directory (never
# tracked by git), then runs the ignored tests with SWF_MOTO_SERVER pointing at its `moto_server`
# and SWF_SIMPLEFLOW_PYTHON at its `python`.
set -euo pipefail
cd "$(dirname "$0")/.."

# The virtualenv (pinned moto, botocore, boto3, simpleflow): sets `venv`.
source .ci/venv.sh

# botocore's SWF endpoint rules (tests/tests/endpoint.rs) and service model
# (tests/tests/botocore_model.rs) are compared with ours.
SWF_MOTO_SERVER="$(cd "$venv/bin" && pwd)/moto_server" \
SWF_BOTOCORE_PYTHON="$(cd "$venv/bin" && pwd)/python" \
SWF_SIMPLEFLOW_PYTHON="$(cd "$venv/bin" && pwd)/python" \
    cargo test --all-features -p swf-activity-tests --test moto --test moto_access_control --test local_vs_moto --test endpoint --test botocore_model --test simpleflow_harness --test simpleflow_converter --test s3_store -- --include-ignored "$@"
