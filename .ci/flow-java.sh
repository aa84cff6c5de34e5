#!/usr/bin/env bash
# The reference side of the AWS Flow Framework for Java interop: tests/tests/flow_java_harness.rs
# drives tests/java/FlowHarness.java, an ObjectMapper configured exactly as Flow's
# JsonDataConverter, so every Flow wire fact the tests pin comes from real Jackson.
# Installs Debian's JDK and Jackson only when they are missing, compiles tests/java into the cargo
# target directory (never tracked by git), then runs the ignored tests with
# SWF_FLOW_JAVA_CLASSPATH naming the classes and the Jackson jars.
set -euo pipefail
cd "$(dirname "$0")/.."

jars=(/usr/share/java/jackson-databind.jar /usr/share/java/jackson-core.jar
    /usr/share/java/jackson-annotations.jar)

packages=()
if ! command -v javac >/dev/null || ! command -v java >/dev/null; then
    packages+=(default-jdk-headless)
fi
for jar in "${jars[@]}"; do
    if [ ! -f "$jar" ]; then
        # Pulls in libjackson2-core-java and libjackson2-annotations-java, the other two jars.
        packages+=(libjackson2-databind-java)
        break
    fi
done
if [ "${#packages[@]}" -gt 0 ]; then
    if ! command -v apt-get >/dev/null; then
        echo "missing ${packages[*]} and no apt-get: install a JDK and Jackson 2's databind, core" \
            "and annotations jars as ${jars[*]}" >&2
        exit 1
    fi
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        sudo=(sudo)
    fi
    echo "installing ${packages[*]}"
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}"
fi

jar_path="$(IFS=:; echo "${jars[*]}")"
classes="${CARGO_TARGET_DIR:-target}/flow-java/classes"
# Compiled afresh each time (a second or two) so a removed or renamed source never leaves a stale
# class behind.
rm -rf "$classes"
mkdir -p "$classes"
find tests/java -name '*.java' -print0 | xargs -0 javac -Xlint:all -encoding UTF-8 \
    -cp "$jar_path" -d "$classes"

SWF_FLOW_JAVA_CLASSPATH="$(cd "$classes" && pwd):$jar_path" \
    cargo test --all-features -p swf-activity-tests --test flow_java_harness --test flow_java_converter -- --include-ignored "$@"
