#!/usr/bin/env bash
# Side-by-side schema validation: govframe (Rust, jsonschema crate) vs Python jsonschema vs
# ajv, on the same generated strategic plan and the same exported schema, in one run.
#
#   benches/compare/run.sh                 # 10k and 100k targets
#   SIZES="100000" benches/compare/run.sh  # choose sizes (targets; objectives = targets / 10)
#
# Environment: SIZES, RUST_REPS (15), AJV_REPS (15), PY_REPS (3), PIPELINE_REPS (3),
# GOVFRAME_BENCH_DIR (scratch folder for plans, schemas and results; default
# ${TMPDIR:-/tmp}/govframe-bench), GOVFRAME_BENCH_TOOLS (Python venv and node_modules; default
# ${TMPDIR:-/tmp}/govframe-bench-tools). Nothing is written into the repository.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/benches/compare"
WORK="${GOVFRAME_BENCH_DIR:-${TMPDIR:-/tmp}/govframe-bench}"
TOOLS="${GOVFRAME_BENCH_TOOLS:-${TMPDIR:-/tmp}/govframe-bench-tools}"
SIZES="${SIZES:-10000 100000}"
RUST_REPS="${RUST_REPS:-15}"
AJV_REPS="${AJV_REPS:-15}"
PY_REPS="${PY_REPS:-3}"
PIPELINE_REPS="${PIPELINE_REPS:-3}"
JSONSCHEMA_VERSION="${JSONSCHEMA_VERSION:-4.26.0}"
AJV_VERSION="${AJV_VERSION:-8.20.0}"
AJV_FORMATS_VERSION="${AJV_FORMATS_VERSION:-3.0.1}"

mkdir -p "$WORK" "$TOOLS"

# --- tools, outside the repository -------------------------------------------------------
if [ ! -x "$TOOLS/venv/bin/python" ]; then
  python3 -m venv "$TOOLS/venv"
fi
if ! "$TOOLS/venv/bin/python" -c "import jsonschema" 2>/dev/null; then
  "$TOOLS/venv/bin/pip" install --quiet "jsonschema==$JSONSCHEMA_VERSION"
fi
if [ ! -d "$TOOLS/node/node_modules/ajv-formats" ]; then
  mkdir -p "$TOOLS/node"
  (cd "$TOOLS/node" && npm install --silent --no-audit --no-fund \
    "ajv@$AJV_VERSION" "ajv-formats@$AJV_FORMATS_VERSION")
fi
export NODE_PATH="$TOOLS/node/node_modules"

# --- build, schema, plans ------------------------------------------------------------------
cd "$ROOT"
cargo build --release -q -p govframe --example generate_plan --example schema_validate
cargo run --release -q -- schema export --out "$WORK/schemas" >/dev/null
SCHEMA="$WORK/schemas/strategic-plan.schema.json"

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), nproc $(nproc)"
echo "$(rustc --version); $(node --version | sed 's/^/node /'); $("$TOOLS/venv/bin/python" --version)"

RESULTS="$WORK/results.jsonl"
: > "$RESULTS"
for n in $SIZES; do
  plan="$WORK/plan-$n.json"
  target/release/examples/generate_plan --targets "$n" --out "$plan" --check
  echo
  echo "== $n targets: $(wc -c < "$plan") bytes"
  for tool in rust ajv python; do
    case "$tool" in
      rust) cmd=(target/release/examples/schema_validate "$plan" --schema "$SCHEMA"
                 --reps "$RUST_REPS" --pipeline-reps "$PIPELINE_REPS") ;;
      ajv) cmd=(node "$HERE/ajv_validate.cjs" "$plan" "$SCHEMA" "$AJV_REPS") ;;
      python) cmd=("$TOOLS/venv/bin/python" "$HERE/py_validate.py" "$plan" "$SCHEMA" "$PY_REPS") ;;
    esac
    "${cmd[@]}" | while IFS= read -r line; do
      case "$line" in
        "RESULT "*) printf '%s\n' "${line#RESULT }" | sed "s/^{/{\"targets\":$n,/" >> "$RESULTS" ;;
        *) printf '%s\n' "$line" ;;
      esac
    done
  done
done

echo
python3 "$HERE/summarize.py" "$RESULTS"
