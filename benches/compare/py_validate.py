"""Times Python jsonschema (Draft202012Validator with its format checker) on one JSON file:
read + json.loads + validate, best of a few runs after one warm-up. Used by benches/compare/run.sh.

    python py_validate.py FILE SCHEMA [REPS]
"""

import json
import sys
import time
from importlib.metadata import version

from jsonschema import Draft202012Validator


def main() -> None:
    file, schema_file = sys.argv[1], sys.argv[2]
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    with open(schema_file, encoding="utf-8") as f:
        schema = json.load(f)
    t = time.perf_counter()
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    compile_s = time.perf_counter() - t
    with open(file, "rb") as f:
        size = len(f.read())
    print(
        f"python {sys.version.split()[0]} jsonschema {version('jsonschema')}: {file} ({size} bytes), "
        f"schema checked in {compile_s * 1e3:.1f} ms"
    )

    # Sanity: formats are asserted.
    bad = {
        "kind": "strategicPlan", "specVersion": "1.0", "id": "p", "title": {"en": "P"},
        "period": {"startYear": 2026, "endYear": 2029},
        "sources": [{"title": "x", "date": "2026-02-30"}],
    }
    if validator.is_valid(bad):
        raise SystemExit("sanity check failed: an impossible date passed the schema")

    def once() -> tuple[float, float, float, float, float]:
        t0 = time.perf_counter()
        with open(file, encoding="utf-8") as f:
            text = f.read()
        t1 = time.perf_counter()
        instance = json.loads(text)  # what json.load does after reading
        t2 = time.perf_counter()
        validator.validate(instance)
        t3 = time.perf_counter()
        del instance, text  # freed outside the timing
        return t3 - t0, t3 - t1, t1 - t0, t2 - t1, t3 - t2

    once()  # warm-up
    runs = [once() for _ in range(reps)]

    for k, step in enumerate(["read+parse+schema", "parse+schema", "read", "parse", "schema"]):
        xs = sorted(r[k] for r in runs)
        best, median = xs[0], xs[len(xs) // 2]
        print(
            f"  {step:<28} best {best * 1e3:>9.2f} ms  median {median * 1e3:>9.2f} ms  "
            f"{size / 1e6 / best:>8.1f} MB/s  ({len(xs)} runs)"
        )
        print("RESULT " + json.dumps({"tool": "python", "step": step, "bytes": size, "runs": len(xs),
                                      "best_s": best, "median_s": median}))


if __name__ == "__main__":
    main()
