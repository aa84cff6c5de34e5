#!/usr/bin/env bash
# The boto3 decider scenario (tests/scenario/decider_scenario.py) against `swf-local` and against
# moto's `moto_server`: every decision type, its events and failure causes, timers, signals, child
# workflows, continue-as-new, timeouts and bad input, each step's history checked against the SWF
# API reference; against moto, the known differences listed in the script must still occur and
# no other may. Uses the virtualenv .ci/moto.sh uses (.ci/venv.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

# The virtualenv (pinned moto, botocore, boto3, simpleflow): sets `venv`.
source .ci/venv.sh
python="$(cd "$venv/bin" && pwd)/python"
moto_server="$(cd "$venv/bin" && pwd)/moto_server"
scenario=tests/scenario/decider_scenario.py
second_ms=20
work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

cargo build -p swf-local
swf_local="${CARGO_TARGET_DIR:-target}/debug/swf-local"

# swf-local on a port the system picks, signatures checked (the scenario signs with swf-local's
# default keys and checks that a wrong secret is refused), one SWF second lasting 20 ms.
"$swf_local" --addr 127.0.0.1:0 --second-ms "$second_ms" --max-poll-wait-secs 2 \
    >"$work/swf-local.out" 2>"$work/swf-local.log" &
server_pid=$!
url=""
for _ in $(seq 1 100); do
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/swf-local.out" || true)"
    [ -n "$url" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/swf-local.log" >&2; exit 1; }
    sleep 0.1
done
[ -n "$url" ] || { echo "swf-local printed no address" >&2; cat "$work/swf-local.log" >&2; exit 1; }
for _ in $(seq 1 100); do
    curl -fsS "$url/health" >/dev/null 2>&1 && break
    sleep 0.1
done
curl -fsS "$url/health" >/dev/null

status=0
"$python" "$scenario" --endpoint "$url" --target swf-local --second-ms "$second_ms" || status=1

kill -TERM "$server_pid"
exit_code=0
wait "$server_pid" || exit_code=$?
server_pid=""
if [ "$exit_code" -ne 0 ]; then
    echo "swf-local exited with $exit_code after SIGTERM; its log:" >&2
    tail -n 50 "$work/swf-local.log" >&2
    status=1
fi

# moto on a free port, signatures unchecked (no INITIAL_NO_AUTH_ACTION_COUNT).
port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$moto_server" -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/moto.log" >&2; exit 1; }
    sleep 0.2
done
"$python" "$scenario" --endpoint "http://127.0.0.1:$port" --target moto || status=1
kill -TERM "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""

exit "$status"
