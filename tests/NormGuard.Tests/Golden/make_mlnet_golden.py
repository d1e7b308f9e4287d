#!/usr/bin/python3
"""Data for NormGuard's `mlnet` profile golden test (MLNetProfileTests.cs): training rows and held-out inputs.

Run:  /usr/bin/python3 tests/NormGuard.Tests/Golden/make_mlnet_golden.py
      (Debian python3-numpy 1.24; numpy's Generator streams are stable across versions.)

Unlike the scikit-learn goldens, the expected outputs are NOT computed here: ML.NET 6.0.0 itself fits on
golden_mlnet.train.csv and transforms golden_mlnet.inputs.csv inside the C# test, and the manifest
golden_mlnet.normguard.json is derived from ML.NET's fitted offset/scale by MLNetGolden.cs (the test
MLNetProfileTests.Committed_manifest_is_what_ML_NET_fits_today proves the committed file is current; set
NORMGUARD_UPDATE_GOLDEN=1 when running it to rewrite the file after changing this data).

Writes next to this script:
  golden_mlnet.train.csv   1,000 rows x 12 float32 (shortest float32 text), no NaN/inf
  golden_mlnet.inputs.csv  2,000 rows x 12 float32 held-out inputs: +0, -0, exact training min/max and their
                           float32 neighbours, +-1, median, mean, nan, +-inf, +-float32 max, +-smallest normal,
                           +-smallest subnormal at the top; then far out of range (1e3 .. 1e6 ranges away),
                           in range, and up to half a range outside it.

Columns (Generator(20261127)), cast to float32 before anything else:
  Z1..Z4  NormalizeMeanVariance(fixZero: false)     -> [ZScore]
    Z1  N(5, 2)
    Z2  huge offset: 1e7 + N(0, 50)                  (float32 ulp there is 1)
    Z3  constant 3.7                                 (ML.NET: M2 == 0 -> scale 0, offset 0)
    Z4  40 % exact zeros (a quarter of them -0.0), else +-Exp(2)   (ML.NET's Welford pass skips zeros and
        adds them back afterwards)
  M1..M4  NormalizeMinMax(fixZero: false)           -> [MinMax]
    M1  U(-3, 10)
    M2  huge offset: 5e6 + U(0, 100)
    M3  constant -2.5                                (max <= min -> scale 0, offset 0)
    M4  tiny range: 1 + U(0, 1e-5)                   (about 84 distinct float32 values)
  A1..A4  NormalizeMinMax(fixZero: true)            -> [MaxAbs]  (offset 0, scale 1 / max(|min|, |max|))
    A1  U(-7, 4)
    A2  N(0, 1e5)
    A3  constant 3.7                                 (ML.NET: max <= min -> scale 0, although max|x| = 3.7)
    A4  30 % exact zeros, else Exp(3)
"""
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np  # noqa: E402

from goldenlib import f32_repr  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261127
N_TRAIN = 1000
N_TEST = 2000
NAMES = ["Z1", "Z2", "Z3", "Z4", "M1", "M2", "M3", "M4", "A1", "A2", "A3", "A4"]


def make_train(rng):
    n = N_TRAIN
    z4 = rng.choice([-1.0, 1.0], n) * rng.exponential(2.0, n)
    zeros = rng.random(n) < 0.4
    z4[zeros] = np.where(rng.random(zeros.sum()) < 0.25, -0.0, 0.0)
    a4 = rng.exponential(3.0, n)
    a4[rng.random(n) < 0.3] = 0.0
    cols = [rng.normal(5.0, 2.0, n),
            1.0e7 + rng.normal(0.0, 50.0, n),
            np.full(n, 3.7),
            z4,
            rng.uniform(-3.0, 10.0, n),
            5.0e6 + rng.uniform(0.0, 100.0, n),
            np.full(n, -2.5),
            1.0 + rng.uniform(0.0, 1e-5, n),
            rng.uniform(-7.0, 4.0, n),
            rng.normal(0.0, 1e5, n),
            np.full(n, 3.7),
            a4]
    return np.stack(cols, axis=1).astype(np.float32)


def make_inputs(X, rng):
    fi = np.finfo(np.float32)
    cols = []
    for j in range(X.shape[1]):
        x = X[:, j]
        lo, hi = float(x.min()), float(x.max())
        w = hi - lo if hi > lo else max(abs(hi), 1e-3)  # constant columns: spread by their magnitude
        specials = [0.0, -0.0, lo, hi, float(np.nextafter(np.float32(lo), np.float32(-np.inf))),
                    float(np.nextafter(np.float32(hi), np.float32(np.inf))), 1.0, -1.0, float(np.median(x)),
                    float(np.mean(x, dtype=np.float64)),
                    np.nan, np.inf, -np.inf, float(fi.max), -float(fi.max), float(fi.tiny), -float(fi.tiny),
                    float(fi.smallest_subnormal), -float(fi.smallest_subnormal)]
        far = []
        for k in (1e3, 3e3, 1e4, 3e4, 1e5, 3e5, 1e6):
            far += [lo - k * w, hi + k * w]
        kk = np.array([10.0 ** float(u) for u in rng.uniform(3.0, 6.0, 150)])
        far += list(np.where(rng.random(150) < 0.5, lo - kk * w, hi + kk * w))
        m = N_TEST - len(specials) - len(far)
        uni = rng.uniform(lo, hi, m // 2)
        near = rng.uniform(lo - 0.5 * w, hi + 0.5 * w, m - m // 2)
        cols.append(np.array(specials + far + list(uni) + list(near), dtype=np.float64).astype(np.float32))
    return np.stack(cols, axis=1)


def write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(NAMES)
        for row in rows:
            w.writerow([f32_repr(v) for v in row])


def main():
    rng = np.random.default_rng(SEED)
    X = make_train(rng)
    assert np.isfinite(X).all()
    T = make_inputs(X, rng)
    write(os.path.join(HERE, "golden_mlnet.train.csv"), X)
    write(os.path.join(HERE, "golden_mlnet.inputs.csv"), T)
    negzero = np.signbit(X) & (X == 0)
    print("train: %d rows; zeros per column %s (of which -0.0: %s)"
          % (len(X), dict(zip(NAMES, (X == 0).sum(axis=0).tolist())), dict(zip(NAMES, negzero.sum(axis=0).tolist()))))
    print("inputs: %d rows; nan %d, inf %d" % (len(T), int(np.isnan(T).sum()), int(np.isinf(T).sum())))


if __name__ == "__main__":
    main()
