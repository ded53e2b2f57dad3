# Sourced by check-schemas.sh and check-itu-export.sh: the pinned tool versions and their
# install into GOVFRAME_TOOLS (default ${TMPDIR:-/tmp}/govframe-tools), never into the
# repository. Needs `root` set to the repository root. After `install_tools`: `py` is the
# venv's python and GOVFRAME_TOOLS_NODE the npm folder the .mjs helper loads its tools from.

# Tool versions (the ones the checks were last run with; see README.md).
AJV_VERSION=8.20.0
AJV_FORMATS_VERSION=3.0.1
JSTT_VERSION=16.0.0
TYPESCRIPT_VERSION=5.9.3
JSONSCHEMA_VERSION=4.26.0
DMCG_VERSION=0.89.0
PYDANTIC_VERSION=2.14.4

tools="${GOVFRAME_TOOLS:-${TMPDIR:-/tmp}/govframe-tools}"
case "$tools/" in
    "$root"/*) echo "GOVFRAME_TOOLS must be outside the repository: $tools" >&2; exit 2 ;;
esac

say() { printf '\n=== %s\n' "$*"; }

# What is installed, also printed by the checks.
node_stamp="ajv@$AJV_VERSION ajv-formats@$AJV_FORMATS_VERSION json-schema-to-typescript@$JSTT_VERSION typescript@$TYPESCRIPT_VERSION"
py_stamp="jsonschema==$JSONSCHEMA_VERSION datamodel-code-generator==$DMCG_VERSION pydantic==$PYDANTIC_VERSION"

install_tools() {
    if [ "$(cat "$tools/node/.stamp" 2>/dev/null || true)" != "$node_stamp" ]; then
        say "installing npm tools into $tools/node"
        mkdir -p "$tools/node"
        [ -f "$tools/node/package.json" ] || echo '{"name":"govframe-tools","private":true}' >"$tools/node/package.json"
        # shellcheck disable=SC2086
        (cd "$tools/node" && npm install --no-audit --no-fund --loglevel=error $node_stamp)
        echo "$node_stamp" >"$tools/node/.stamp"
    fi
    if [ "$(cat "$tools/venv/.stamp" 2>/dev/null || true)" != "$py_stamp" ]; then
        say "installing Python tools into $tools/venv"
        [ -x "$tools/venv/bin/python" ] || python3 -m venv "$tools/venv"
        # shellcheck disable=SC2086
        "$tools/venv/bin/python" -m pip install --quiet --disable-pip-version-check $py_stamp
        echo "$py_stamp" >"$tools/venv/.stamp"
    fi
    py="$tools/venv/bin/python"
    export GOVFRAME_TOOLS_NODE="$tools/node"
}
