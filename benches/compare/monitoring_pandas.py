#!/usr/bin/env python3
"""openSdg progress assessment side by side: govframe-monitoring (Rust) and a vectorised
pandas implementation, on the same generated series, in one run; prints the times and the
ratio, and checks that both give the same statuses and scores.

Run through benches/compare/monitoring.sh (which makes a throwaway venv with pandas and
numpy under ${TMPDIR:-/tmp}), or directly with a Python that has them:

    python3 benches/compare/monitoring_pandas.py [--series 1000000] [--repeats 5] [--seed 7]

Input (numpy's generator): each series has 10-25 consecutive years starting between 2005
and 2016, a start value uniform in [1, 80) and yearly growth factors uniform in
[0.90, 1.15); half want an increase, half a decrease; 80 % have a target for 2030 (1.1-3
times the start value for an increase, 0.3-0.9 times for a decrease), 10 % have no target
and a natural limit of 100, 10 % neither. Base year 2015. The input is written to
little-endian binary files in a temporary folder; the Rust side
(`GOVFRAME_MONITORING_COMPARE=DIR cargo bench --bench monitoring`) reads the same files.

The pandas side is the Open SDG method (sdg-build ProgressMeasure.py) vectorised over all
series at once: groupby last / first-from-base-year, then numpy arrays for growth rates,
thresholds, limit factors and scores. Times are the best and median of --repeats complete
runs over the in-memory data frame (building the frame is not timed; nor is reading the
files on the Rust side).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

BASE, TYEAR = 2015, 2030


def generate(n, seed):
    rng = np.random.default_rng(seed)
    lengths = rng.integers(10, 26, n)
    starts = rng.integers(2005, 2017, n)
    offsets = np.zeros(n + 1, dtype=np.uint64)
    offsets[1:] = np.cumsum(lengths)
    total = int(offsets[-1])
    sid = np.repeat(np.arange(n, dtype=np.int32), lengths)
    pos = np.arange(total) - np.repeat(offsets[:-1].astype(np.int64), lengths)
    years = (np.repeat(starts, lengths) + pos).astype(np.int32)
    v0 = rng.uniform(1.0, 80.0, n)
    logg = np.log(rng.uniform(0.90, 1.15, total))
    logg[offsets[:-1].astype(np.int64)] = 0.0  # first point of each series = start value
    cum = np.cumsum(logg)
    cum -= np.repeat(cum[offsets[:-1].astype(np.int64)], lengths)
    values = np.repeat(v0, lengths) * np.exp(cum)
    dirs = np.where(rng.uniform(size=n) < 0.5, 1, -1).astype(np.int8)
    r = rng.uniform(size=n)
    up_t = v0 * rng.uniform(1.1, 3.0, n)
    down_t = v0 * rng.uniform(0.3, 0.9, n)
    targets = np.where(r < 0.8, np.where(dirs > 0, up_t, down_t), np.nan)
    limits = np.where((r >= 0.8) & (r < 0.9), 100.0, np.nan)
    return sid, years, values, offsets, dirs, targets, limits


def open_sdg_pandas(df, dirs, targets, limits):
    """Vectorised Open SDG (method 1 and 2, limit factor, scores); returns (status, score)."""
    n = len(dirs)
    g = df.groupby("s", sort=False)
    cur = g.last()
    cy = cur["year"].to_numpy()
    cv = cur["value"].to_numpy()
    after = df[df["year"] >= BASE]
    b = after.groupby("s", sort=False).first().reindex(np.arange(n))
    by = b["year"].to_numpy()
    bv = b["value"].to_numpy()
    d = dirs.astype(np.float64)
    has_t = ~np.isnan(targets)
    achieved = has_t & (((d < 0) & (cv <= targets)) | ((d > 0) & (cv >= targets)))
    sign = np.where(bv < 0, -1.0, 1.0)
    bv0 = np.where(bv == 0, 0.001, bv)
    with np.errstate(all="ignore"):
        cagr_o = (cv / bv0) ** (1.0 / (cy - by)) - 1.0
        cagr_r = (targets / bv0) ** (1.0 / (TYEAR - by)) - 1.0
        pv = np.where(has_t, sign * d * cagr_o / np.abs(cagr_r), sign * d * cagr_o)
        # Thresholds and the natural-limit factor (method 1 only).
        bb, ll = np.abs(bv), np.abs(limits)
        coeff = np.where(bb >= 2 * ll, 1.0,
                         np.where(bb <= ll, 1.0 - (bb / ll) ** 4.44, 1.0 - ((2 * ll - bb) / ll) ** 4.44))
        coeff = np.where(has_t | np.isnan(limits), 1.0, coeff)
        high = np.where(has_t, 0.95, 0.015 * coeff)
        med = np.where(has_t, 0.6, 0.005 * coeff)
        low = 0.0
        s1 = np.where(pv < low, np.maximum(125 * pv - 2.5, -5),
                      np.where(coeff == 0, 5.0,
                               np.where(pv >= high, np.minimum(500 * pv / coeff - 5, 5),
                                        np.where(pv >= med, 250 * pv / coeff - 1.25,
                                                 500 * pv / coeff - 2.5))))
        s2 = np.where(pv >= med, np.minimum(7.1429 * pv - 4.2857, 5), np.maximum(4.1667 * pv - 2.5, -5))
    valid = ~np.isnan(by) & (cy - by >= 1) & np.isfinite(pv)
    score = np.where(has_t, s2, s1)
    status = np.select([pv >= high, pv >= med, pv >= low], [2, 3, 4], 5).astype(np.uint8)
    status = np.where(valid, status, 0).astype(np.uint8)
    score = np.where(valid, score, np.nan)
    status = np.where(achieved, 1, status).astype(np.uint8)
    score = np.where(achieved, 5.0, score)
    return status, score


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--series", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--root", default=os.path.join(os.path.dirname(__file__), "..", ".."))
    args = ap.parse_args()

    sid, years, values, offsets, dirs, targets, limits = generate(args.series, args.seed)
    print(f"== {args.series} series, {len(years)} points; pandas {pd.__version__}, numpy {np.__version__}")
    with tempfile.TemporaryDirectory(prefix="govframe-monitoring-") as tmp:
        for name, arr in [("years.i32", years.astype("<i4")), ("values.f64", values.astype("<f8")),
                          ("offsets.u64", offsets.astype("<u8")), ("dirs.i8", dirs.astype("i1")),
                          ("targets.f64", targets.astype("<f8")), ("limits.f64", limits.astype("<f8"))]:
            arr.tofile(os.path.join(tmp, name))
        env = dict(os.environ, GOVFRAME_MONITORING_COMPARE=tmp, REPEATS=str(args.repeats))
        run = subprocess.run(
            ["cargo", "bench", "-q", "-p", "govframe", "--bench", "monitoring"],
            cwd=args.root, env=env, capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"the Rust side failed:\n{run.stderr}")
        out = run.stdout
        rust = json.loads([l for l in out.splitlines() if l.startswith("{")][-1])
        rust_status = np.fromfile(os.path.join(tmp, "rust_status.u8"), dtype=np.uint8)
        rust_score = np.fromfile(os.path.join(tmp, "rust_score.f64"), dtype="<f8")

    df = pd.DataFrame({"s": sid, "year": years, "value": values})
    times = []
    for _ in range(args.repeats):
        t = time.perf_counter()
        status, score = open_sdg_pandas(df, dirs, targets, limits)
        times.append(time.perf_counter() - t)
    times.sort()
    same_status = int((status == rust_status).sum())
    both = ~np.isnan(score) & ~np.isnan(rust_score)
    max_diff = float(np.abs(score[both] - rust_score[both]).max()) if both.any() else 0.0
    same_missing = bool((np.isnan(score) == np.isnan(rust_score)).all())
    print(f"govframe (Rust):  best {rust['best_s']:.3f} s, median {rust['median_s']:.3f} s "
          f"= {args.series / rust['best_s']:,.0f} series/s")
    print(f"pandas (vectorised): best {times[0]:.3f} s, median {times[len(times) // 2]:.3f} s "
          f"= {args.series / times[0]:,.0f} series/s")
    print(f"govframe (Rust, {rust['threads']} threads): best {rust['best_s_mt']:.3f} s, "
          f"median {rust['median_s_mt']:.3f} s = {args.series / rust['best_s_mt']:,.0f} series/s")
    if "best_s_outcome" in rust:
        print(f"govframe (Rust, a full Outcome per series, assess_panel): best "
              f"{rust['best_s_outcome']:.3f} s, {rust['best_s_outcome_mt']:.3f} s with "
              f"{rust['threads']} threads")
    print(f"ratio (pandas best / govframe best): {times[0] / rust['best_s']:.1f}x single-threaded, "
          f"{times[0] / rust['best_s_mt']:.1f}x with {rust['threads']} threads")
    print(f"agreement: statuses {same_status}/{args.series}, scores max |diff| {max_diff:.2e}, "
          f"same unscored series: {same_missing}")
    print("RESULT " + json.dumps({
        "series": args.series, "points": int(len(years)),
        "rust_best_s": rust["best_s"], "pandas_best_s": times[0],
        "ratio": times[0] / rust["best_s"], "threads": rust["threads"],
        "rust_best_s_mt": rust["best_s_mt"], "ratio_mt": times[0] / rust["best_s_mt"],
        "status_agreement": same_status / args.series,
        "max_score_diff": max_diff}))
    if same_status != args.series or max_diff > 1e-6 or not same_missing:
        sys.exit("the two implementations disagree")


if __name__ == "__main__":
    main()
