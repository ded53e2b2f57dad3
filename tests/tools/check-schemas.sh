#!/usr/bin/env bash
# Schema-tool compatibility check: do govframe's JSON Schemas work in the tools people use?
#
#   tests/tools/check-schemas.sh              export fresh schemas (cargo run -- schema export)
#   tests/tools/check-schemas.sh --committed  check the committed schemas/ instead
#   tests/tools/check-schemas.sh --dir DIR    check the schemas in DIR (e.g. a patched copy)
#   --keep                                    keep the temporary folder (generated TS/Python)
#
# Tools: ajv (Ajv2020, strict) + ajv-formats, json-schema-to-typescript and tsc (npm);
# jsonschema and datamodel-code-generator (PyPI). They are installed on first use into
# GOVFRAME_TOOLS (default ${TMPDIR:-/tmp}/govframe-tools), never into the repository.
# Not part of `cargo test` or CI: run it by hand. See tests/tools/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

mode=fresh
dir=""
govframe_args=()
keep=0
while [ $# -gt 0 ]; do
    case "$1" in
        --committed) mode=committed ;;
        --dir) mode=dir; dir="${2:?--dir needs a folder}"; shift ;;
        --keep) keep=1 ;;
        -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

# shellcheck source=tools.sh
. "$here/tools.sh"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/govframe-schema-check.XXXXXX")"
cleanup() {
    if [ "$keep" = 1 ]; then echo "kept: $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# --- tools ------------------------------------------------------------------------------------
install_tools

# --- schemas ----------------------------------------------------------------------------------
case "$mode" in
    committed) schemas="$root/schemas"; what="committed schemas/ ($schemas)" ;;
    dir) schemas="$(cd "$dir" && pwd)"; what="schemas in $schemas" ;;
    fresh)
        schemas="$tmp/schemas"
        say "exporting fresh schemas: cargo run -q -- schema export --out $schemas"
        (cd "$root" && cargo run -q -- schema export --out "$schemas")
        what="freshly exported schemas ($schemas)"
        # The binary just built, copied so that a concurrent build cannot swap it mid-run;
        # it judges the same bad documents (parse + schema + semantics).
        target_dir="$(cd "$root" && cargo metadata --format-version 1 --no-deps \
            | "$py" -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
        cp "$target_dir/debug/govframe" "$tmp/govframe"
        govframe_args=(--govframe "$tmp/govframe")
        ;;
esac
[ -f "$schemas/index.json" ] || { echo "no index.json in $schemas" >&2; exit 2; }

say "checking $what"
echo "node $(node --version), $("$py" --version)"
echo "npm:  $node_stamp"
echo "pypi: $py_stamp"

# --- the checks -------------------------------------------------------------------------------
total_pass=0
total_fail=0
summaries=()

# Adds the `TAG: N passed, M failed` line of a part's log to the totals; a part that died
# before printing one counts as one failure.
tally() {
    local part="$1" log="$2" status="$3" line p f
    line="$(grep -E '^[a-z]+: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1 || true)"
    if [ -z "$line" ]; then
        summaries+=("$part: did not finish (exit $status), counted as 1 failure")
        total_fail=$((total_fail + 1))
        return
    fi
    p="$(sed -E 's/^[a-z]+: ([0-9]+) passed, ([0-9]+) failed$/\1/' <<<"$line")"
    f="$(sed -E 's/^[a-z]+: ([0-9]+) passed, ([0-9]+) failed$/\2/' <<<"$line")"
    if [ "$status" != 0 ] && [ "$f" = 0 ]; then
        f=1
        line="$line (but exited $status)"
    fi
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
    summaries+=("$part: ${line#*: }")
}

say "writing bad documents (mutations of examples/data/demo-plan.json)"
"$py" "$here/check_schemas.py" cases --plan "$root/examples/data/demo-plan.json" --out "$tmp/cases"

say "JavaScript: ajv, json-schema-to-typescript, tsc"
status=0
node "$here/check_schemas.mjs" --schemas "$schemas" --examples "$root/examples/data" \
    --cases "$tmp/cases" --out "$tmp/ts" 2>&1 | tee "$tmp/js.log" || status=$?
tally "JavaScript (ajv, json-schema-to-typescript, tsc)" "$tmp/js.log" "$status"

say "Python: jsonschema, datamodel-code-generator"
status=0
"$py" "$here/check_schemas.py" check --schemas "$schemas" --examples "$root/examples/data" \
    --cases "$tmp/cases" --out "$tmp/py" "${govframe_args[@]}" 2>&1 | tee "$tmp/py.log" || status=$?
tally "Python (jsonschema, datamodel-code-generator${govframe_args:+, govframe validate})" "$tmp/py.log" "$status"

say "summary ($what)"
for s in "${summaries[@]}"; do echo "  $s"; done
grep -hE '^FAIL ' "$tmp/js.log" "$tmp/py.log" | sed 's/^/  /' || true
if [ "$keep" = 1 ]; then echo "  generated code: $tmp/ts, $tmp/py"; fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
