#!/bin/bash
# Times one workload in Engram and in Brian2, alternately, and prints the medians.
#
#   simulator/brian2/bench.sh [-n RUNS] [--device runtime|cpp_standalone] NETWORK [--neurons N]
#                             [--duration-ms MS] [--threads T] [--seed S]
#
# Each round runs `engram bench NETWORK ... --json` (with the JVM options `./engram` gives it), then
# networks.py with the same arguments, one process each, so that a change of the host's load falls on both simulators alike. Before the rounds
# one untimed Brian2 run compiles the standalone project (or fills Cython's cache), which later runs of
# the workload reuse. The JSON lines are kept in a file that the table names. ENGRAM_JAR overrides the
# jar (default experiments/target/engram.jar, which `mvn -q -o package -DskipTests` builds).
set -euo pipefail

usage() {
    sed -n 4,5p "$0" | sed 's/^# *//' >&2
    exit 2
}

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jar=${ENGRAM_JAR:-$root/experiments/target/engram.jar}
runs=5
device=cpp_standalone
shared=()
network=
while [ $# -gt 0 ]; do
    case $1 in
        -n) [ $# -ge 2 ] || usage
            runs=$2; shift 2 ;;
        --device) [ $# -ge 2 ] || usage
            device=$2; shift 2 ;;
        --neurons|--duration-ms|--threads|--seed) [ $# -ge 2 ] || usage
            shared+=("$1" "$2"); shift 2 ;;
        cuba|coba|brunel) network=$1; shift ;;
        *) echo "bench.sh: unknown argument '$1'" >&2; usage ;;
    esac
done
[ -n "$network" ] || { echo "bench.sh: expected a network (cuba, coba or brunel)" >&2; usage; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: -n: expected a whole number >= 1, found '$runs'" >&2; exit 2; }
[ -f "$jar" ] || { echo "bench.sh: no Engram jar at $jar (build it, or set ENGRAM_JAR)" >&2; exit 2; }

brian() {
    /usr/bin/python3 "$here/networks.py" "$network" --device "$device" "${shared[@]}"
}
engram() {
    # Java started as ./engram starts it, with the Vector API.
    java --add-modules jdk.incubator.vector -XX:+UseParallelGC -XX:ObjectAlignmentInBytes=64 -jar "$jar" \
        bench "$network" "${shared[@]}" --json | tail -n 1
}

echo "compiling the Brian2 project (untimed) ..." >&2
brian > /dev/null
log=$(mktemp "${TMPDIR:-/tmp}/bench-$network-XXXXXX.jsonl")
for round in $(seq "$runs"); do
    echo "round $round of $runs" >&2
    engram >> "$log"
    brian >> "$log"
done

/usr/bin/python3 - "$log" <<'EOF'
import json
import statistics
import sys

rows = {}
for line in open(sys.argv[1]):
    record = json.loads(line)
    name = record.get('simulator') or f"engram {record['engram_version']} {record['mode']}"
    rows.setdefault(name, []).append(record)
first = next(iter(rows.values()))[0]
print(f"{first['network']}: {first['neurons']} neurons, {first['duration_ms']:g} ms, {first['threads']} thread(s)")
print('| simulator | runs | loop s (median) | loop s (min-max) | setup s (median) | rate Hz (median) |')
print('|---|---:|---:|---:|---:|---:|')
for name, records in rows.items():
    loops = [r['loop_seconds'] for r in records]
    print(f"| {name} | {len(records)} | {statistics.median(loops):.3f} | {min(loops):.3f}-{max(loops):.3f} "
          f"| {statistics.median(r['setup_seconds'] for r in records):.2f} "
          f"| {statistics.median(r['mean_rate_hz'] for r in records):.2f} |")
print(f'(JSON lines: {sys.argv[1]})')
EOF
