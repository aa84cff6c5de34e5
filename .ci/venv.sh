# Sourced by .ci/moto.sh and .ci/scenario.sh: creates (once) the Python virtualenv the
# interoperability checks share, under the cargo target directory (never tracked by git), with a
# pinned moto, botocore, boto3 and simpleflow, and sets `venv` to its directory.

# The version the moto tests were verified against; moto's SWF emulation changes between releases.
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
