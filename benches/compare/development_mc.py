#!/usr/bin/env python3
"""Monte Carlo uncertainty analysis of a composite index, side by side: govframe-development
(Rust) and a vectorised numpy implementation of the same runs, in one run; prints the times,
the runs per second and the ratio, and checks that both count the same ranks.

Run through benches/compare/development.sh (which makes a throwaway venv with numpy), or
directly with a Python that has numpy:

    python3 benches/compare/development_mc.py [--runs 10000] [--units 200] [--pillars 10]
                                              [--per-pillar 10] [--seed 2024] [--repeats 3]

The index (the same as benches/development.rs): `pillars` pillars of `per-pillar`
indicators; each indicator min-max normalised onto [1, 100]; arithmetic means; values
uniform in [1, 1000) with 2 % missing (numpy's generator, seed 42), dropped and re-weighted.
Four uncertainty factors, each one uniform draw per run: every weight multiplied by its own
U(0.75, 1.25) draw; the normalisation among {min-max, rank, fraction of max}; the
aggregation of every node among {as defined (arithmetic), geometric}; one indicator left out
(or none).

Same runs: both sides draw the factors from the same generators — run r's four draws are
the first four outputs of xoshiro256++ seeded (through SplitMix64) with
run_seed(seed, r); the weight draws come from xoshiro256++ seeded with the bits of the
first draw — written out here in vectorised numpy (uint64 arithmetic wraps). Both count,
per unit, how many runs gave it each rank (ties share the best rank); the script compares
the two count tables cell by cell (floating-point sums in a different order may, very
rarely, break a near-tie differently).

numpy side: every normalisation alternative is computed once (as on the Rust side), then
runs are processed in batches of --batch runs: the weighted sums of each pillar are matrix
products (runs × children) @ (children × units), one per (normalisation, aggregation) group
of runs; geometric means go through precomputed logarithms; ranks come from one argsort of
the batch. numpy runs single-threaded (OMP/OpenBLAS threads set to 1). Times are the best
and median of --repeats complete analyses (10,000 runs each), excluding the normalisation
step on both sides.
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

U64 = np.uint64
M64 = 0xFFFFFFFFFFFFFFFF


def mix64(z):
    z = (z ^ (z >> U64(30))) * U64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> U64(27))) * U64(0x94D049BB133111EB)
    return z ^ (z >> U64(31))


def run_seed(seed, runs):
    r = np.asarray(runs, dtype=np.uint64)
    base = mix64(np.full_like(r, U64(seed)))
    return mix64(base ^ (r * U64(0x9E3779B97F4A7C15) + U64(0xD1B54A32D192ED03)))


class Xoshiro:
    """xoshiro256++ over a vector of independent streams."""

    def __init__(self, seeds):
        s = np.asarray(seeds, dtype=np.uint64).copy()
        out = []
        for _ in range(4):
            s = s + U64(0x9E3779B97F4A7C15)
            out.append(mix64(s))
        self.s = out

    @staticmethod
    def rotl(x, k):
        return (x << U64(k)) | (x >> U64(64 - k))

    def next_u64(self):
        s0, s1, s2, s3 = self.s
        result = self.rotl(s0 + s3, 23) + s0
        t = s1 << U64(17)
        s2 = s2 ^ s0
        s3 = s3 ^ s1
        s1 = s1 ^ s2
        s0 = s0 ^ s3
        s2 = s2 ^ t
        s3 = self.rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def next_f64(self):
        return (self.next_u64() >> U64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)


def pick(u, k):
    return np.minimum((u * k).astype(np.int64), k - 1)


def minmax(x, lo, hi):
    mn, mx = np.nanmin(x, axis=1, keepdims=True), np.nanmax(x, axis=1, keepdims=True)
    return (x - mn) / (mx - mn) * (hi - lo) + lo


def rank_asc_min(x):
    """R's rank(ties='min') per row, NaN kept."""
    out = np.full(x.shape, np.nan)
    for i in range(x.shape[0]):
        row = x[i]
        ok = ~np.isnan(row)
        v = row[ok]
        order = np.argsort(v, kind="stable")
        sv = v[order]
        first = np.r_[True, sv[1:] != sv[:-1]]
        pos = np.arange(1, len(sv) + 1, dtype=float)
        rk = np.maximum.accumulate(np.where(first, pos, 0))
        r = np.empty(len(v))
        r[order] = rk
        out[i, ok] = r
    return out


def fracmax(x):
    return x / np.nanmax(x, axis=1, keepdims=True)


def competition_ranks(scores):
    """Ranks per row (runs × units), best first, ties sharing the best rank."""
    key = np.where(np.isnan(scores), -np.inf, scores)
    order = np.argsort(-key, axis=1, kind="stable")
    sv = np.take_along_axis(key, order, axis=1)
    n = scores.shape[1]
    first = np.ones_like(sv, dtype=bool)
    first[:, 1:] = sv[:, 1:] != sv[:, :-1]
    pos = np.broadcast_to(np.arange(1, n + 1), sv.shape)
    rk = np.maximum.accumulate(np.where(first, pos, 0), axis=1)
    ranks = np.empty_like(rk)
    np.put_along_axis(ranks, order, rk, axis=1)
    ranks[np.isnan(scores)] = 0
    return ranks


def prepare(x, pillars, per):
    """Normalised sets (indicator-major): values with NaN→0, logs, and the mask."""
    sets = [minmax(x, 1.0, 100.0), rank_asc_min(x), fracmax(x)]
    mask = (~np.isnan(x)).astype(float)
    prepared = []
    for s in sets:
        x0 = np.where(np.isnan(s), 0.0, s)
        with np.errstate(divide="ignore", invalid="ignore"):
            ln = np.where(np.isnan(s), 0.0, np.log(np.where(np.isnan(s), 1.0, s)))
        prepared.append((x0, ln))
    return prepared, mask


def analysis(prepared, mask, units, pillars, per, runs, seed, batch):
    n_ind = pillars * per
    n_slots = n_ind + 1 + pillars  # indicators, root, pillars (the Rust slot order)
    counts = np.zeros((units, units), dtype=np.int64)
    root_slot = n_ind
    weight_slots = [s for s in range(n_slots) if s != root_slot]
    for start in range(0, runs, batch):
        r = np.arange(start, min(runs, start + batch))
        R = len(r)
        g = Xoshiro(run_seed(seed, r))
        u = np.stack([g.next_f64() for _ in range(4)], axis=1)  # the A row: first 4 draws
        # Factor 0: weights.
        w = np.ones((R, n_slots))
        sub = Xoshiro(u[:, 0].view(np.uint64) ^ U64(0))
        for s in weight_slots:
            w[:, s] *= 0.75 + 0.5 * sub.next_f64()
        # Factor 1: normalisation set; factor 2: aggregation; factor 3: dropped indicator.
        nset = pick(u[:, 1], 3)
        geo = pick(u[:, 2], 2) == 1
        drop = pick(u[:, 3], n_ind + 1) - 1  # -1: none
        wi = w[:, :n_ind].copy()
        rows = np.nonzero(drop >= 0)[0]
        wi[rows, drop[rows]] = 0.0
        # Pillar scores (R × pillars × units).
        pillar = np.empty((R, pillars, units))
        for p in range(pillars):
            cols = slice(p * per, (p + 1) * per)
            wp = wi[:, cols]
            den = wp @ mask[cols]
            for k in range(3):
                x0, ln = prepared[k]
                for is_geo in (False, True):
                    sel = np.nonzero((nset == k) & (geo == is_geo))[0]
                    if len(sel) == 0:
                        continue
                    src = ln if is_geo else x0
                    num = wp[sel] @ src[cols]
                    d = den[sel]
                    with np.errstate(divide="ignore", invalid="ignore"):
                        v = num / d
                        v = np.exp(v) if is_geo else v
                    v[d <= 0] = np.nan
                    pillar[sel, p] = v
        # Root.
        wr = w[:, n_ind + 1:]  # pillar weights
        present = ~np.isnan(pillar)
        pv = np.where(present, pillar, 1.0)
        t = np.where(geo[:, None, None], np.log(pv), pv) * present
        num = np.einsum("rp,rpu->ru", wr, t)
        den = np.einsum("rp,rpu->ru", wr, present.astype(float))
        with np.errstate(divide="ignore", invalid="ignore"):
            root = num / den
        root = np.where(geo[:, None], np.exp(root), root)
        root[den <= 0] = np.nan
        ranks = competition_ranks(root)
        unit = np.broadcast_to(np.arange(units), ranks.shape)
        ok = ranks > 0
        counts += np.bincount(
            (unit[ok] * units + ranks[ok] - 1).ravel(), minlength=units * units
        ).reshape(units, units)
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=10_000)
    ap.add_argument("--units", type=int, default=200)
    ap.add_argument("--pillars", type=int, default=10)
    ap.add_argument("--per-pillar", type=int, default=10)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--repo", default=os.path.join(os.path.dirname(__file__), "..", ".."))
    args = ap.parse_args()

    rng = np.random.default_rng(42)
    n_ind = args.pillars * args.per_pillar
    x = 1.0 + 999.0 * rng.random((args.units, n_ind))
    x[rng.random(x.shape) < 0.02] = np.nan

    with tempfile.TemporaryDirectory() as tmp:
        x.astype("<f8").tofile(os.path.join(tmp, "data.f64"))
        meta = {
            "units": args.units,
            "pillars": args.pillars,
            "perPillar": args.per_pillar,
            "runs": args.runs,
            "seed": args.seed,
            "repeats": args.repeats,
        }
        with open(os.path.join(tmp, "meta.json"), "w") as f:
            json.dump(meta, f)
        env = dict(os.environ, GOVFRAME_DEV_COMPARE=tmp)
        cmd = ["cargo", "bench", "-q", "-p", "govframe", "--bench", "development"]
        proc = subprocess.run(cmd, cwd=args.repo, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.stderr.write(proc.stdout + proc.stderr)
            sys.exit(proc.returncode)
        rust = [json.loads(l) for l in proc.stdout.splitlines() if l.startswith("{")]
        rust_counts = np.fromfile(os.path.join(tmp, "rust-counts.u32"), dtype="<u4").reshape(
            args.units, args.units
        )

    # numpy: indicator-major like the Rust side.
    t0 = time.perf_counter()
    prepared, mask = prepare(x.T.copy(), args.pillars, args.per_pillar)
    prep = time.perf_counter() - t0
    times = []
    counts = None
    for _ in range(args.repeats):
        t = time.perf_counter()
        counts = analysis(
            prepared, mask, args.units, args.pillars, args.per_pillar, args.runs, args.seed, args.batch
        )
        times.append(time.perf_counter() - t)
    times.sort()
    np_best, np_median = times[0], times[len(times) // 2]

    diff = int(np.abs(counts - rust_counts.astype(np.int64)).sum())
    cells = int((counts != rust_counts).sum())
    print(
        f"index: {args.units} units x {n_ind} indicators ({args.pillars} pillars), "
        f"{args.runs} Monte Carlo runs, seed {args.seed}, best of {args.repeats}"
    )
    print(f"numpy {np.__version__} (1 thread):   best {np_best:.3f} s  median {np_median:.3f} s  "
          f"{args.runs / np_best:,.0f} runs/s   (normalisation {prep * 1000:.1f} ms, not timed)")
    for r in rust:
        print(
            f"govframe ({r['threads']} thread{'s' if r['threads'] > 1 else ''}): "
            f"best {r['best']:.3f} s  median {r['median']:.3f} s  {args.runs / r['best']:,.0f} runs/s  "
            f"= {np_best / r['best']:.1f}x numpy"
        )
    if len(rust) == 2:
        print(f"speed-up 1 -> 2 threads: {rust[0]['best'] / rust[1]['best']:.2f}x")
    total = int(counts.sum())
    print(
        f"same runs: rank counts differ in {cells} of {args.units * args.units} cells "
        f"({diff} of {total} counted ranks)"
    )


if __name__ == "__main__":
    main()
