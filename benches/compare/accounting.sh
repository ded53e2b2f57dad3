#!/usr/bin/env bash
# RAS: govframe-accounting vs numpy, side by side on the same input (see accounting_ras.py).
# Makes a throwaway venv with numpy under ${TMPDIR:-/tmp} (never in the repository) and passes
# its arguments on, e.g.:
#   bash benches/compare/accounting.sh
#   bash benches/compare/accounting.sh --dense 500 --dense 1000 --sparse 10000:100000 --sparse 10000:1000000
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${TMPDIR:-/tmp}/govframe-bench-venv"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -c "import numpy" 2>/dev/null || "$venv/bin/pip" install -q numpy
# Build first so that compilation is not part of the run.
(cd "$here/../.." && cargo bench -q -p govframe --bench accounting --no-run)
exec "$venv/bin/python" "$here/accounting_ras.py" "$@"
