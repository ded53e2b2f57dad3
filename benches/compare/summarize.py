"""Prints the comparison table of benches/compare/run.sh from its results.jsonl."""

import json
import sys
from collections import defaultdict


def main() -> None:
    best = defaultdict(dict)  # (targets) -> {(tool, step): (best_s, bytes)}
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            best[r["targets"]][(r["tool"], r["step"])] = (r["best_s"], r["bytes"])
    steps = ["read+parse+schema", "parse+schema", "parse", "schema"]
    for targets in sorted(best):
        rows = best[targets]
        size = next(iter(rows.values()))[1]
        print(f"== {targets} targets ({size / 1e6:.1f} MB): best times, MB/s = file size / time")
        print(f"  {'step':<20}{'Rust':>20}{'ajv':>20}{'Python':>20}{'ajv/Rust':>10}{'Py/Rust':>10}")
        for step in steps:
            cells, times = [], {}
            for tool in ["rust", "ajv", "python"]:
                v = rows.get((tool, step))
                if v:
                    times[tool] = v[0]
                    cells.append(f"{v[0] * 1e3:9.1f} ms {size / 1e6 / v[0]:6.1f}")
                else:
                    cells.append("-")
            r = times.get("rust")
            ajv = f"{times['ajv'] / r:9.2f}x" if r and "ajv" in times else "-"
            py = f"{times['python'] / r:9.1f}x" if r and "python" in times else "-"
            print(f"  {step:<20}" + "".join(f"{c:>20}" for c in cells) + f"{ajv:>10}{py:>10}")
        pipe = rows.get(("rust", "read+validate_str"))
        if pipe:
            t = pipe[0]
            line = f"  Rust full pipeline (read + validate_str: parse, schema, typed read, semantics): {t * 1e3:.1f} ms, {size / 1e6 / t:.1f} MB/s"
            if ("ajv", "read+parse+schema") in rows:
                line += f"; ajv read+parse+schema / this = {rows[('ajv', 'read+parse+schema')][0] / t:.2f}"
            if ("python", "read+parse+schema") in rows:
                line += f"; Python / this = {rows[('python', 'read+parse+schema')][0] / t:.1f}"
            print(line)
        print()


if __name__ == "__main__":
    main()
