#!/usr/bin/env bash
# Independent validation of the bundled ITU documents (`govframe itu export`) against the
# exported JSON Schemas (`govframe schema export`), with tools that share no code with govframe:
#
#   tests/tools/check-itu-export.sh           export both with `cargo run -q`, then check
#   --keep                                    keep the temporary folder
#
# Every exported document is validated against `document.schema.json` and against the schema
# of its own kind (from index.json) by ajv (Ajv2020, strict mode, ajv-formats) and by Python
# jsonschema (Draft202012Validator with its format checker) — the "examples are valid" checks
# of check_schemas.mjs / check_schemas.py, run with the export folder as the examples (the
# helpers' other checks run too: schema compilation, the mutated demo-plan cases, generated
# TypeScript and pydantic models). Tools are installed on first use into GOVFRAME_TOOLS
# (default ${TMPDIR:-/tmp}/govframe-tools), with the versions pinned in tools.sh.
# Not part of `cargo test` or CI: run it by hand (needs node >= 20, npm, python3 with venv).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

keep=0
while [ $# -gt 0 ]; do
    case "$1" in
        --keep) keep=1 ;;
        -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

# shellcheck source=tools.sh
. "$here/tools.sh"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/govframe-itu-check.XXXXXX")"
cleanup() {
    if [ "$keep" = 1 ]; then echo "kept: $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# --- tools (shared with check-schemas.sh) -------------------------------------------------------
install_tools

# --- export -------------------------------------------------------------------------------------
say "cargo run -q -- schema export --out $tmp/schemas"
(cd "$root" && cargo run -q -- schema export --out "$tmp/schemas")
say "cargo run -q -- itu export --out $tmp/itu"
(cd "$root" && cargo run -q -- itu export --out "$tmp/itu")
count="$(find "$tmp/itu" -maxdepth 1 -name '*.json' | wc -l | tr -d ' ')"
[ "$count" -gt 0 ] || { echo "itu export wrote no document" >&2; exit 1; }
echo "$count documents:"
ls "$tmp/itu" | sed 's/^/  /'

# The helpers need the mutated demo-plan cases as well.
"$py" "$here/check_schemas.py" cases --plan "$root/examples/data/demo-plan.json" --out "$tmp/cases" >/dev/null

failed=0
say "JavaScript: ajv (Ajv2020, strict, ajv-formats)"
status=0
node "$here/check_schemas.mjs" --schemas "$tmp/schemas" --examples "$tmp/itu" \
    --cases "$tmp/cases" --out "$tmp/ts" >"$tmp/js.log" 2>&1 || status=$?
say "Python: jsonschema (Draft 2020-12, format checker)"
"$py" "$here/check_schemas.py" check --schemas "$tmp/schemas" --examples "$tmp/itu" \
    --cases "$tmp/cases" --out "$tmp/py" >"$tmp/py.log" 2>&1 || status=$((status | $?))

# The verdicts on the exported documents: one PASS per document and schema, per validator.
summary() {
    local tag="$1" log="$2" pass fail
    pass="$(grep -E '^PASS ' "$log" | grep -cE "itu-|idi-" || true)"
    fail="$(grep -E '^FAIL ' "$log" | grep -cE "itu-|idi-" || true)"
    echo "$tag: $pass checks of exported documents passed, $fail failed"
    grep -E '^(PASS|FAIL) ' "$log" | grep -E "itu-|idi-" | sed 's/^/  /'
    if [ "$fail" != 0 ] || [ "$pass" -lt "$count" ]; then failed=1; fi
}
say "results for the exported ITU documents"
summary "ajv" "$tmp/js.log"
summary "jsonschema" "$tmp/py.log"

say "other checks of the helpers (schemas compile, mutated cases, generated types)"
grep -hE '^[a-z]+: [0-9]+ passed, [0-9]+ failed$' "$tmp/js.log" "$tmp/py.log" | sed 's/^/  /' || true
other="$(grep -hE '^FAIL ' "$tmp/js.log" "$tmp/py.log" | grep -vE "itu-|idi-" || true)"
if [ -n "$other" ]; then
    echo "  failures not about the exported documents:"
    echo "$other" | sed 's/^/    /'
    failed=1
fi
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then
    echo "a helper exited with status $status; see the logs (--keep)"
    failed=1
fi

if [ "$failed" = 0 ]; then echo "OK: every exported ITU document is valid in ajv and jsonschema"; fi
exit "$failed"
