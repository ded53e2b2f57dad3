"""pandas and pysdmx on the benchmark SDMX-CSV file: one task per process, one JSON line out.

    python statistics_compare.py pandas-read FILE [--strings python|pyarrow]
    python statistics_compare.py pandas-read-write FILE OUT [--strings python|pyarrow]
    python statistics_compare.py pysdmx-read FILE

Peak memory is the process's maximum resident set size (ru_maxrss), like VmHWM for the Rust
side. pandas reads with its default C engine; `--strings` chooses how pandas 3 stores text
columns ("python" is the default without pyarrow installed, "pyarrow" the default with it).
pysdmx reads with `pysdmx.io.get_datasets`, which reads the whole file into a string and
parses it with pandas.
"""

import json
import resource
import sys
import time


def peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def strings_option(args):
    if "--strings" in args:
        return args[args.index("--strings") + 1]
    return None


def main(args):
    task = args[0]
    if task in ("pandas-read", "pandas-read-write"):
        import pandas as pd

        storage = strings_option(args)
        if storage:
            pd.set_option("mode.string_storage", storage)
        t = time.perf_counter()
        df = pd.read_csv(args[1])
        read_s = time.perf_counter() - t
        out = {
            "tool": f"pandas {pd.__version__} ({storage or 'default'} strings)",
            "task": task,
            "rows": len(df),
            "read_s": round(read_s, 3),
        }
        if task == "pandas-read-write":
            t = time.perf_counter()
            df.to_csv(args[2], index=False)
            write_s = time.perf_counter() - t
            out["write_s"] = round(write_s, 3)
            out["rows_per_s"] = round(len(df) / (read_s + write_s))
            out["write_rows_per_s"] = round(len(df) / write_s)
        else:
            out["rows_per_s"] = round(len(df) / read_s)
        out["peak_rss_bytes"] = peak_rss_bytes()
        print(json.dumps(out))
    elif task == "pysdmx-read":
        import pysdmx
        from pysdmx.io import get_datasets

        t = time.perf_counter()
        datasets = get_datasets(args[1])
        read_s = time.perf_counter() - t
        rows = sum(len(d.data) for d in datasets)
        version = getattr(pysdmx, "__version__", "?")
        print(
            json.dumps(
                {
                    "tool": f"pysdmx {version}",
                    "task": task,
                    "rows": rows,
                    "read_s": round(read_s, 3),
                    "rows_per_s": round(rows / read_s),
                    "peak_rss_bytes": peak_rss_bytes(),
                }
            )
        )
    elif task == "summary":
        summary(args[1])
    else:
        raise SystemExit(f"unknown task {task!r}")


def summary(path):
    """Best run of each (tool, task); govframe's ratios against each pandas configuration."""
    rows = [json.loads(line) for line in open(path) if line.strip().startswith("{")]
    best = {}
    runs = {}
    for r in rows:
        runs[(r["tool"], r["task"])] = runs.get((r["tool"], r["task"]), 0) + 1
        key = (r["tool"], r["task"])
        if key not in best or r["rows_per_s"] > best[key]["rows_per_s"]:
            best[key] = r
    print()
    print(f"best of {max(runs.values(), default=0)} run(s) each (pysdmx: 1)")
    print(f"{'tool':34} {'task':26} {'rows/s':>12} {'seconds':>8} {'peak MB':>9}")
    for (tool, task), r in best.items():
        secs = r.get("seconds", r.get("read_s", 0) + r.get("write_s", 0))
        print(
            f"{tool:34} {task:26} {r['rows_per_s']:>12,} {secs:>8.2f} "
            f"{r['peak_rss_bytes'] / 1e6:>9,.0f}"
        )
    print()
    pairs = [("read", "pandas-read"), ("read-write", "pandas-read-write")]
    for ours, theirs in pairs:
        g = best.get(("govframe", ours))
        if not g:
            continue
        for (tool, task), p in best.items():
            if task != theirs:
                continue
            print(
                f"govframe {ours} vs {tool} {task}: "
                f"{g['rows_per_s'] / p['rows_per_s']:.2f}x rows/s, "
                f"{g['peak_rss_bytes'] / p['peak_rss_bytes']:.2f}x peak memory"
            )
    g = best.get(("govframe", "read"))
    p = best.get(next((k for k in best if k[1] == "pysdmx-read"), ("", "")))
    if g and p:
        print(
            f"govframe read vs {p['tool']}: {g['rows_per_s'] / p['rows_per_s']:.2f}x rows/s, "
            f"{g['peak_rss_bytes'] / p['peak_rss_bytes']:.2f}x peak memory"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
