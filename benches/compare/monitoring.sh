#!/usr/bin/env bash
# openSdg progress assessment: govframe-monitoring vs a vectorised pandas implementation, side
# by side on the same input (see monitoring_pandas.py). Makes a throwaway venv with pandas and
# numpy under ${TMPDIR:-/tmp} (never in the repository) and passes its arguments on, e.g.:
#   bash benches/compare/monitoring.sh
#   bash benches/compare/monitoring.sh --series 100000 --repeats 3
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${TMPDIR:-/tmp}/govframe-bench-pandas-venv"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -c "import pandas, numpy" 2>/dev/null || "$venv/bin/pip" install -q pandas numpy
# Build first so that compilation is not part of the run.
(cd "$here/../.." && cargo bench -q -p govframe --bench monitoring --no-run)
exec "$venv/bin/python" "$here/monitoring_pandas.py" --root "$here/../.." "$@"
