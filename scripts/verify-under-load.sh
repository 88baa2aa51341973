#!/usr/bin/env bash
# Runs the whole suite several times in a row on a machine kept busy by a CPU load on every core, to show
# that no test depends on timing: ./scripts/verify-under-load.sh [runs, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
cores="$(nproc)"
load=()
if command -v stress-ng >/dev/null 2>&1; then
  stress-ng --cpu "$cores" --quiet &
  load+=("$!")
else
  for _ in $(seq "$cores"); do
    ( while :; do :; done ) &
    load+=("$!")
  done
fi
trap 'kill "${load[@]}" 2>/dev/null || true' EXIT
echo "CPU load on $cores cores (pids ${load[*]}); $runs runs of mvn -B -ntp verify"
passed=0
for run in $(seq "$runs"); do
  start=$(date +%s)
  if mvn -B -ntp -q verify > "target-verify-under-load-$run.log" 2>&1; then
    passed=$((passed + 1))
    echo "run $run: passed in $(( $(date +%s) - start )) s"
    rm -f "target-verify-under-load-$run.log"
  else
    echo "run $run: FAILED in $(( $(date +%s) - start )) s, see target-verify-under-load-$run.log"
  fi
done
echo "$passed passed, $((runs - passed)) failed"
[ "$passed" -eq "$runs" ]
