#!/usr/bin/env bash
# Monte Carlo uncertainty analysis of a composite index: govframe-development vs numpy, side
# by side on the same input and the same random draws (see development_mc.py). Makes a
# throwaway venv with numpy under ${TMPDIR:-/tmp} (never in the repository) and passes its
# arguments on, e.g.:
#   bash benches/compare/development.sh
#   bash benches/compare/development.sh --runs 10000 --units 200 --pillars 10 --per-pillar 10
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${TMPDIR:-/tmp}/govframe-bench-venv"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -c "import numpy" 2>/dev/null || "$venv/bin/pip" install -q numpy
# Build first so that compilation is not part of the run.
(cd "$here/../.." && cargo bench -q -p govframe --bench development --no-run)
exec "$venv/bin/python" "$here/development_mc.py" "$@"
