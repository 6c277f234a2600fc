#!/usr/bin/env bash
# Runs CI as CI does, several times over, to show the suite is steady: N clean-clone runs of .ci/run in a row, then
# (with --loaded) one more while CPU-heavy loops run beside it, one per core, started and stopped by this script.
# Prints each run's result and time, and keeps each run's output in a log. Usage:
#   bash scripts/soak.sh [--runs N] [--loaded] [--logs DIR]
set -uo pipefail
cd "$(dirname "$0")/.."
runs=5 loaded= logs="$(mktemp -d)"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --loaded) loaded=1; shift ;;
    --logs) logs="$2"; mkdir -p "$logs"; shift 2 ;;
    *) echo "soak: unknown argument $1" >&2; exit 2 ;;
  esac
done

load_pids=()
stop_load() { for pid in "${load_pids[@]}"; do kill "$pid" 2>/dev/null; done; load_pids=(); }
trap stop_load EXIT

passed=0 failed=0
one_run() {
  local name="$1" dir
  dir="$(mktemp -d)/c"
  git clone -q . "$dir"
  local started=$SECONDS
  if (cd "$dir" && CI=true bash .ci/run) >"$logs/$name.log" 2>&1; then
    echo "soak: $name passed in $((SECONDS - started)) s ($logs/$name.log)"
    passed=$((passed + 1))
  else
    echo "soak: $name FAILED in $((SECONDS - started)) s ($logs/$name.log)"
    failed=$((failed + 1))
  fi
  rm -rf "$(dirname "$dir")"
}

for ((run = 1; run <= runs; run++)); do one_run "run-$run"; done
if [ -n "$loaded" ]; then
  # One busy loop per core, for at most an hour, beside the run; stopped when it ends.
  for ((core = 0; core < $(nproc); core++)); do
    node -e 'const end = Date.now() + 3600e3; while (Date.now() < end) {}' &
    load_pids+=("$!")
  done
  one_run "loaded"
  stop_load
fi
echo "soak: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
