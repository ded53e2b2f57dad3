#!/usr/bin/env python3
"""RAS side by side: govframe-accounting (Rust) and a vectorised numpy implementation, on the
same generated input, in one run; prints the times and the ratio.

Run through benches/compare/accounting.sh (which makes a throwaway venv with numpy), or
directly with a Python that has numpy:

    python3 benches/compare/accounting_ras.py [--dense 1000] [--sparse 10000:1000000 ...]
                                              [--tolerance 1e-9] [--repeats 5]

Input (numpy's generator, seed 42): start entries uniform in [0.1, 1.1); targets are the row
and column sums of the start matrix with every cell multiplied by a factor uniform in
[0.8, 1.25). Sparse cases have nnz / n distinct random columns per row, the diagonal always
included. The input is written to little-endian binary files in a temporary folder; the Rust
side (`GOVFRAME_RAS_COMPARE=DIR cargo bench --bench accounting`) reads the same files.

Both sides run the same iteration (row scaling, then column scaling, until the largest row
residual is at most the tolerance) and report the same iteration counts. Times are the best
and median of --repeats complete runs on a fresh copy of the start matrix (the copy is not
timed); numpy runs single-threaded, as its elementwise operations and reductions are.
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


def ras_dense(a, u, v, tol, max_iter):
    """Vectorised numpy RAS, in place on `a`: 4 array passes per iteration."""
    rs = a.sum(axis=1)
    it = 0
    res = np.abs(rs - u).max()
    while res > tol and it < max_iter:
        r = np.divide(u, rs, out=np.ones_like(u), where=rs > 0)
        a *= r[:, None]
        cs = a.sum(axis=0)
        s = np.divide(v, cs, out=np.ones_like(v), where=cs > 0)
        a *= s[None, :]
        rs = a.sum(axis=1)
        it += 1
        res = np.abs(rs - u).max()
    col_res = np.abs(a.sum(axis=0) - v).max()
    return it, float(res), float(col_res)


def ras_sparse(i, j, x, n_rows, n_cols, u, v, tol, max_iter):
    """Vectorised numpy RAS on coordinates (no scipy): gathers by index, sums by bincount."""
    rs = np.bincount(i, weights=x, minlength=n_rows)
    it = 0
    res = np.abs(rs - u).max()
    while res > tol and it < max_iter:
        r = np.divide(u, rs, out=np.ones_like(u), where=rs > 0)
        x *= r[i]
        cs = np.bincount(j, weights=x, minlength=n_cols)
        s = np.divide(v, cs, out=np.ones_like(v), where=cs > 0)
        x *= s[j]
        rs = np.bincount(i, weights=x, minlength=n_rows)
        it += 1
        res = np.abs(rs - u).max()
    col_res = np.abs(np.bincount(j, weights=x, minlength=n_cols) - v).max()
    return it, float(res), float(col_res)


def gen_dense(rng, n):
    a = 0.1 + rng.random((n, n))
    t = a * (0.8 + 0.45 * rng.random((n, n)))
    return a, t.sum(axis=1), t.sum(axis=0)


def gen_sparse(rng, n, nnz):
    per_row = max(1, nnz // n)
    rows, cols = [], []
    for r in range(n):
        c = rng.choice(n, per_row, replace=False)
        if r not in c:
            c[0] = r
        c.sort()
        rows.append(np.full(per_row, r, dtype=np.uint32))
        cols.append(c.astype(np.uint32))
    i = np.concatenate(rows)
    j = np.concatenate(cols)
    x = 0.1 + rng.random(i.size)
    t = x * (0.8 + 0.45 * rng.random(i.size))
    u = np.bincount(i, weights=t, minlength=n)
    v = np.bincount(j, weights=t, minlength=n)
    return i, j, x, u, v


def timed(repeats, run):
    times, last = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        last = run()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[0], times[len(times) // 2], last


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dense", type=int, action="append", help="n of an n×n dense case (default 1000)")
    p.add_argument("--sparse", action="append", help="N:NNZ of a sparse case (default 10000:1000000)")
    p.add_argument("--tolerance", type=float, default=1e-9)
    p.add_argument("--max-iterations", type=int, default=10000)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--repo", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    args = p.parse_args()
    dense = args.dense or [1000]
    sparse = args.sparse or ["10000:1000000"]

    rng = np.random.default_rng(42)
    work = tempfile.mkdtemp(prefix="govframe-ras-")
    cases, numpy_results = [], {}
    for n in dense:
        name = f"dense-{n}x{n}"
        a, u, v = gen_dense(rng, n)
        a.astype("<f8").tofile(os.path.join(work, f"{name}.a.f64"))
        u.astype("<f8").tofile(os.path.join(work, f"{name}.u.f64"))
        v.astype("<f8").tofile(os.path.join(work, f"{name}.v.f64"))
        cases.append({"name": name, "type": "dense", "rows": n, "cols": n, "nnz": n * n})
        best, med, out = timed(args.repeats, lambda: ras_dense(a.copy(), u, v, args.tolerance, args.max_iterations))
        # The copy is part of the lambda above: time it alone and take it out.
        cbest, _, _ = timed(args.repeats, lambda: a.copy())
        numpy_results[name] = (best - cbest, med - cbest, out)
    for spec in sparse:
        n, nnz = (int(x) for x in spec.split(":"))
        name = f"sparse-{n}x{n}-{nnz}"
        i, j, x, u, v = gen_sparse(rng, n, nnz)
        i.astype("<u4").tofile(os.path.join(work, f"{name}.i.u32"))
        j.astype("<u4").tofile(os.path.join(work, f"{name}.j.u32"))
        x.astype("<f8").tofile(os.path.join(work, f"{name}.x.f64"))
        u.astype("<f8").tofile(os.path.join(work, f"{name}.u.f64"))
        v.astype("<f8").tofile(os.path.join(work, f"{name}.v.f64"))
        cases.append({"name": name, "type": "sparse", "rows": n, "cols": n, "nnz": int(x.size)})
        ii, jj = i.astype(np.intp), j.astype(np.intp)
        best, med, out = timed(args.repeats, lambda: ras_sparse(ii, jj, x.copy(), n, n, u, v, args.tolerance, args.max_iterations))
        cbest, _, _ = timed(args.repeats, lambda: x.copy())
        numpy_results[name] = (best - cbest, med - cbest, out)
    for c in cases:
        c["tolerance"] = args.tolerance
        c["maxIterations"] = args.max_iterations
    with open(os.path.join(work, "cases.json"), "w") as f:
        json.dump({"repeats": args.repeats, "cases": cases}, f)

    env = dict(os.environ, GOVFRAME_RAS_COMPARE=work)
    cmd = ["cargo", "bench", "-q", "-p", "govframe", "--bench", "accounting"]
    proc = subprocess.run(cmd, cwd=args.repo, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        sys.exit(proc.returncode)
    rust = {}
    for line in proc.stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            r = json.loads(line)
            rust[r["name"]] = r

    print(f"RAS to tolerance {args.tolerance:g}, best of {args.repeats} runs (median in brackets); numpy {np.__version__}")
    print(f"{'case':<28} {'nnz':>10} {'iter':>9} {'numpy ms':>18} {'rust ms':>18} {'numpy/rust':>10} {'rust it/s':>10}")
    for c in cases:
        name = c["name"]
        nb, nm, (nit, nres, ncres) = numpy_results[name]
        r = rust[name]
        rb, rm = r["secondsBest"], r["secondsMedian"]
        iters = f"{nit}/{r['iterations']}"
        print(
            f"{name:<28} {c['nnz']:>10} {iters:>9} {nb * 1e3:>8.2f} ({nm * 1e3:>7.2f}) {rb * 1e3:>8.2f} ({rm * 1e3:>7.2f}) "
            f"{nb / rb:>10.2f} {r['iterations'] / rb:>10.0f}"
        )
        if not r["converged"]:
            print(f"  warning: the Rust run did not converge: {r}")
        if max(nres, ncres) > args.tolerance:
            print(f"  warning: the numpy run did not converge: residuals {nres:g}, {ncres:g}")
    print(f"(iter = numpy/rust iteration counts; input in {work})")


if __name__ == "__main__":
    main()
