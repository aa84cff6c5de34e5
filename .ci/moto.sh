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

# The version this test was verified against; moto's SWF emulation changes between releases.
MOTO_VERSION="5.2.5"
# The botocore (and its boto3) moto 5.2.5 installed when these tests were written: its SWF service
# model is what tests/tests/botocore_model.rs checks the client against, and its endpoint rules what
# tests/tests/endpoint.rs checks ours against. Pinned so that the model is the same on every run.
BOTOCORE_VERSION="1.44.8"
# The simpleflow the simpleflow reference tests were verified against.
SIMPLEFLOW_VERSION="0.36.0"
target_dir="${CARGO_TARGET_DIR:-target}"
venv="$target_dir/moto-venv"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
installed="$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("moto"), m.version("botocore"))' 2>/dev/null || true)"
if [ "$installed" != "$MOTO_VERSION $BOTOCORE_VERSION" ]; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION" \
        "botocore==$BOTOCORE_VERSION" "boto3==$BOTOCORE_VERSION"
fi
installed="$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("simpleflow"))' 2>/dev/null || true)"
if [ "$installed" != "$SIMPLEFLOW_VERSION" ]; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "simpleflow==$SIMPLEFLOW_VERSION"
fi

# botocore's SWF endpoint rules (tests/tests/endpoint.rs) and service model
# (tests/tests/botocore_model.rs) are compared with ours.
SWF_MOTO_SERVER="$(cd "$venv/bin" && pwd)/moto_server" \
SWF_BOTOCORE_PYTHON="$(cd "$venv/bin" && pwd)/python" \
SWF_SIMPLEFLOW_PYTHON="$(cd "$venv/bin" && pwd)/python" \
    cargo test --all-features -p swf-activity-tests --test moto --test moto_access_control --test local_vs_moto --test endpoint --test botocore_model --test simpleflow_harness --test simpleflow_converter --test s3_store -- --include-ignored "$@"
