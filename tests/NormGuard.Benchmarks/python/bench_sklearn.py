#!/usr/bin/python3
"""The Python peer: scikit-learn and numpy normalizing the same shapes as the C# benchmarks.

    /usr/bin/python3 tests/NormGuard.Benchmarks/python/bench_sklearn.py [--rows 1000,8000000] [--min-time 0.2] [--repeat 9]

Debian's python3-sklearn (1.2.1) and python3-numpy (1.24); no pip. Writes the versions, numpy's CPU dispatch and a
markdown table to stdout (it pastes into docs/performance.md); progress goes to stderr.

Shapes, as in tests/NormGuard.Benchmarks: 12 float32 features per row (48 bytes), 1,000 rows (48 KB, in cache)
and 8,000,000 rows (384 MB, out of cache). Each case is timed timeit-style: a warm-up call, then `repeat` rounds of
`number` back-to-back calls (`number` chosen so a round lasts at least --min-time seconds); the figure is the median
time per call over the rounds. GB/s counts the float32 input bytes, 48 per row, for every case (also the float64 one,
whose array is twice as large), as the C# side does; "× memcpy" is the memcpy time divided by the case's time.

In-place cases (copy=False, numpy in place) are reset to the original data before every round, outside the timed
region; within a round they keep transforming their own output. The data is chosen so that this stays in the normal
float range (every std and min-max range is > 1, so repeated application contracts towards a fixed point far from
zero and infinity): no denormals, no overflow, no NaN, so the arithmetic costs what it costs on fresh data.

Single thread: numpy's element-wise ufuncs and these scikit-learn transforms do not use threads.
"""
import argparse
import os
import platform
import statistics
import sys
import timeit

if "NPY_DISABLE_CPU_FEATURES" in os.environ:
    sys.exit("NPY_DISABLE_CPU_FEATURES is set (the golden-vector scripts set it): unset it, this measures numpy's native SIMD")

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.preprocessing import MinMaxScaler, StandardScaler  # noqa: E402

FEATURES = 12
ROW_BYTES = FEATURES * 4  # float32


def make_data(rows, seed=7):
    rng = np.random.default_rng(seed)
    means = rng.uniform(-50, 50, FEATURES)
    stds = rng.uniform(1.5, 8.0, FEATURES)
    X = (rng.standard_normal((rows, FEATURES)) * stds + means).astype(np.float32)
    return np.ascontiguousarray(X)


def cases(X):
    """(name, statement, setup) for timeit, all sharing one namespace."""
    fit_on = X[: min(len(X), 100_000)]
    std = StandardScaler().fit(fit_on)
    mm = MinMaxScaler().fit(fit_on)
    mm_inplace = MinMaxScaler(copy=False).fit(fit_on)
    mean32 = std.mean_.astype(np.float32)
    inv32 = (1.0 / std.scale_).astype(np.float32)
    ns = {
        "np": np, "X": X, "W": np.empty_like(X), "D": np.empty_like(X), "X64": X.astype(np.float64),
        "std": std, "mm": mm, "mm_inplace": mm_inplace, "mean32": mean32, "inv32": inv32,
        "mean64": std.mean_, "scale64": std.scale_,
    }
    reset = "np.copyto(W, X)"
    return ns, [
        ("memcpy: `np.copyto(dst, X)` (float32, the physical limit)", "np.copyto(D, X)", "pass"),
        ("scikit-learn `StandardScaler.transform(X, copy=False)` (in place)", "std.transform(W, copy=False)", reset),
        ("scikit-learn `StandardScaler.transform(X, copy=True)` (new array)", "std.transform(X, copy=True)", "pass"),
        ("scikit-learn `MinMaxScaler.transform(X)` (default copy=True)", "mm.transform(X)", "pass"),
        ("scikit-learn `MinMaxScaler(copy=False).transform(X)` (in place)", "mm_inplace.transform(W)", reset),
        ("numpy in place, float32: `np.subtract(X, mean, out=X); np.multiply(X, inv_std, out=X)`",
         "np.subtract(W, mean32, out=W); np.multiply(W, inv32, out=W)", reset),
        ("numpy in place, float32 data, float64 parameters: `X -= mean_; X /= scale_` (StandardScaler's arithmetic, no validation)",
         "np.subtract(W, mean64, out=W, casting='same_kind'); np.divide(W, scale64, out=W, casting='same_kind')", reset),
        ("numpy `(X - mean) / scale`, float64 (new arrays)", "(X64 - mean64) / scale64", "pass"),
    ]


def time_case(stmt, setup, ns, min_time, repeat):
    timer = timeit.Timer(stmt, setup=setup, globals=ns)
    timer.timeit(number=1)  # warm-up: first-touch of outputs, caches, lazy imports
    number = 1
    while True:  # timeit.autorange, but to --min-time
        t = timer.timeit(number=number)
        if t >= min_time:
            break
        number = max(number * 2, int(number * min_time / max(t, 1e-9) * 1.2))
    rounds = timer.repeat(repeat=repeat, number=number)
    per_call = [t / number for t in rounds]
    return statistics.median(per_call), number


def check_in_place_stays_normal(ns, rounds):
    """The in-place cases, applied `rounds` times, stay finite and away from denormals (see the docstring)."""
    W = ns["X"].copy()
    for _ in range(rounds):
        ns["std"].transform(W, copy=False)
    V = ns["X"].copy()
    for _ in range(rounds):
        ns["mm_inplace"].transform(V)
    U = ns["X"].copy()
    for _ in range(rounds):
        np.subtract(U, ns["mean32"], out=U)
        np.multiply(U, ns["inv32"], out=U)
    T = ns["X"].copy()
    for _ in range(rounds):
        np.subtract(T, ns["mean64"], out=T, casting="same_kind")
        np.divide(T, ns["scale64"], out=T, casting="same_kind")
    tiny = np.finfo(np.float32).tiny
    for A in (W, V, U, T):
        assert np.isfinite(A).all() and not ((A != 0) & (np.abs(A) < tiny)).any()


def fmt_time(seconds):
    if seconds < 1e-3:
        return f"{seconds * 1e6:,.2f} µs"
    return f"{seconds * 1e3:,.2f} ms"


def header():
    from numpy.core._multiarray_umath import __cpu_baseline__, __cpu_dispatch__, __cpu_features__
    found = [f for f in __cpu_dispatch__ if __cpu_features__.get(f)]
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return [
        f"Python {platform.python_version()}, numpy {np.__version__}, scikit-learn {sklearn.__version__}; "
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        f"numpy SIMD: baseline {' '.join(__cpu_baseline__)}; dispatched and found on this CPU: {' '.join(found)}",
    ]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", default="1000,8000000", help="comma-separated row counts")
    ap.add_argument("--min-time", type=float, default=0.2, help="seconds per timed round (at least)")
    ap.add_argument("--repeat", type=int, default=9, help="timed rounds per case")
    args = ap.parse_args(argv)

    out = [*header(), ""]
    out += ["| rows | case | time per call | GB/s (48 B/row) | × memcpy |", "| ---: | --- | ---: | ---: | ---: |"]
    for rows in (int(r) for r in args.rows.split(",")):
        X = make_data(rows)
        ns, todo = cases(X)
        check_in_place_stays_normal(ns, 2000 if rows <= 100_000 else 3)
        memcpy = None
        for name, stmt, setup in todo:
            t, number = time_case(stmt, setup, ns, args.min_time, args.repeat)
            memcpy = memcpy or t
            gbs = rows * ROW_BYTES / t / 1e9
            out.append(f"| {rows:,} | {name} | {fmt_time(t)} | {gbs:.2f} | {memcpy / t:.3f} |")
            print(f"  {rows:>9,} {stmt:<70} {fmt_time(t):>12} {gbs:8.2f} GB/s  ({number} calls per round)", file=sys.stderr)
        del ns, X
    print("\n".join(out))


if __name__ == "__main__":
    main()
