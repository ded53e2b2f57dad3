#!/usr/bin/env bash
# SDMX-CSV side by side: govframe-statistics vs pandas.read_csv vs pysdmx, in one run, on the
# same generated file (6 dimensions, 1 measure, 2 attributes; see benches/statistics.rs).
#
#   bash benches/compare/statistics_compare.sh               # 10 million rows
#   ROWS=1000000 bash benches/compare/statistics_compare.sh  # fewer
#
# Environment: ROWS (10000000), REPS (2: each measurement is repeated and all runs are
# printed), SKIP_PYSDMX (1 to leave pysdmx out: it holds the whole file as a string and takes
# minutes), GOVFRAME_BENCH_DIR (scratch folder for the files, default
# ${TMPDIR:-/tmp}/govframe-stats-bench), GOVFRAME_BENCH_VENV (Python venv with pandas,
# pyarrow and pysdmx[data], default ${TMPDIR:-/tmp}/govframe-stats-venv). Nothing is written
# into the repository. Every task runs in its own process, one after another, and reports its
# own peak resident memory.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/benches/compare"
WORK="${GOVFRAME_BENCH_DIR:-${TMPDIR:-/tmp}/govframe-stats-bench}"
VENV="${GOVFRAME_BENCH_VENV:-${TMPDIR:-/tmp}/govframe-stats-venv}"
ROWS="${ROWS:-10000000}"
REPS="${REPS:-2}"
SKIP_PYSDMX="${SKIP_PYSDMX:-0}"
mkdir -p "$WORK"

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import pandas, pyarrow, pysdmx.io.csv" 2>/dev/null; then
  "$VENV/bin/pip" install --quiet pandas pyarrow "pysdmx[data]"
fi
PY="$VENV/bin/python"

cd "$ROOT"
cargo bench -q -p govframe --bench statistics --no-run
BENCH=(cargo bench -q -p govframe --bench statistics --)

FILE="$WORK/bench-$ROWS.csv"
if [ ! -s "$FILE" ]; then
  "${BENCH[@]}" generate "$FILE" "$ROWS"
fi

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(rustc --version); $("$PY" --version); $("$PY" -c 'import pandas, pyarrow, pysdmx; print("pandas", pandas.__version__, "pyarrow", pyarrow.__version__, "pysdmx", getattr(pysdmx, "__version__", "?"))')"
echo "file: $FILE, $ROWS rows, $(wc -c < "$FILE") bytes"

RESULTS="$WORK/results.jsonl"
: > "$RESULTS"
run() { "$@" | tee -a "$RESULTS"; }
for _ in $(seq "$REPS"); do
  run "${BENCH[@]}" read "$FILE"
  run "${BENCH[@]}" read-write "$FILE" "$WORK/govframe-out.csv"
  run "${BENCH[@]}" stream "$FILE" "$WORK/govframe-stream.csv" --no-duplicate-check
  run "${BENCH[@]}" stream "$FILE" "$WORK/govframe-stream.csv"
  run "$PY" "$HERE/statistics_compare.py" pandas-read "$FILE" --strings python
  run "$PY" "$HERE/statistics_compare.py" pandas-read "$FILE" --strings pyarrow
  run "$PY" "$HERE/statistics_compare.py" pandas-read-write "$FILE" "$WORK/pandas-out.csv" --strings pyarrow
done
if [ "$SKIP_PYSDMX" != 1 ]; then
  run "$PY" "$HERE/statistics_compare.py" pysdmx-read "$FILE"
fi
# Round trip: what govframe wrote is the input, byte for byte.
if cmp -s "$FILE" "$WORK/govframe-out.csv"; then
  echo "round trip: govframe's SDMX-CSV output is identical to the input"
else
  echo "round trip: govframe's output differs from the input (see cmp)"; cmp "$FILE" "$WORK/govframe-out.csv" || true
fi
"$PY" "$HERE/statistics_compare.py" summary "$RESULTS"
