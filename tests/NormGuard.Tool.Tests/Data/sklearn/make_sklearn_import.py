#!/usr/bin/python3
"""Fixtures for `normguard import sklearn` (tests/NormGuard.Tool.Tests/ImportSklearnTests.cs).

Run:  /usr/bin/python3 tests/NormGuard.Tool.Tests/Data/sklearn/make_sklearn_import.py
      (Debian python3-sklearn 1.2.1 / python3-numpy 1.24 / python3-pandas; never a pip/pyenv Python.)

Fits two preprocessing pipelines, pickles them, writes their manifests with the shipped exporter
(tools/sklearn/normguard_export.py, the same code `normguard import sklearn` runs) and scikit-learn's own
transform of fixed inputs.  CI never runs Python: the tests read these files.

  import_f64.pkl / .normguard.json / .vectors.csv
      Pipeline([ColumnTransformer on a pandas DataFrame (named columns), LogisticRegression]), float64:
        Z, ZEpoch   StandardScaler()                          (ZEpoch: 1.7e9 + N(0, 1e6): a large offset)
        ZNoMean     StandardScaler(with_mean=False)
        M           MinMaxScaler(feature_range=(-1, 2), clip=True)
        MConst      MinMaxScaler()                            (a constant column: range 0 -> 1)
        A           MaxAbsScaler()
        R1090       RobustScaler(quantile_range=(10, 90))
        L1Z         Pipeline([FunctionTransformer(np.log1p), StandardScaler()])
        LZ          Pipeline([FunctionTransformer(np.log), StandardScaler()])
        ZC          Pipeline([StandardScaler(), FunctionTransformer(np.clip, kw_args={a_min: -3, a_max: 3})])
        Cat, Code   OneHotEncoder(handle_unknown="ignore") on a string and an integer column
        P           remainder="passthrough"
        (Dropped is dropped; the LogisticRegression is the model, which the exporter leaves out.)
  import_f32.pkl / .normguard.json / .vectors.csv
      ColumnTransformer on a float32 numpy array (no column names: the tests pass --names), float32:
        StandardScaler on Z, MinMaxScaler on M, MaxAbsScaler on A, RobustScaler on R,
        Pipeline([log1p, StandardScaler]) on L1Z, OneHotEncoder(handle_unknown="error") on Code (integral floats).

Vectors CSV: the input feature columns, then one column per output, `out:<feature>` or `out:<feature>=<category>`;
numbers in the shortest text that round-trips in the pipeline's dtype (nan, -0.0 included).  Inputs avoid
+-inf and values whose log is -inf, because scikit-learn's scalers reject infinities for the whole batch.

Manifests are written with the provenance `normguard import sklearn <file>.pkl --fitted-at 2026-11-26T00:00:00Z`
records, so the optional live test (which runs the exporter through the CLI when /usr/bin/python3 has
scikit-learn) must write the very same file.

numpy is pinned to its portable (libm) loops, as in tests/NormGuard.Tests/Golden/goldenlib.py, so that np.log and
np.log1p are glibc's (NormGuard computes log with the C library and log1p with glibc's fdlibm algorithm).
"""
import os
import subprocess
import sys


def pin_numpy_portable():
    """Re-executes this script once with NPY_DISABLE_CPU_FEATURES set (see goldenlib.pin_numpy_portable)."""
    if "NPY_DISABLE_CPU_FEATURES" in os.environ:
        return
    feats = subprocess.check_output(
        [sys.executable, "-c", "from numpy.core._multiarray_umath import __cpu_dispatch__ as d; print(' '.join(d))"],
        text=True).strip()
    os.execve(sys.executable, [sys.executable] + sys.argv, dict(os.environ, NPY_DISABLE_CPU_FEATURES=feats))


pin_numpy_portable()

import csv  # noqa: E402
import pickle  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import sklearn  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import (FunctionTransformer, MaxAbsScaler, MinMaxScaler, OneHotEncoder,  # noqa: E402
                                   RobustScaler, StandardScaler)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
sys.path.insert(0, os.path.join(REPO, "tools", "sklearn"))
import normguard_export  # noqa: E402

assert sklearn.__version__ == "1.2.1", sklearn.__version__
assert np.__version__.startswith("1.24"), np.__version__
warnings.filterwarnings("ignore", category=RuntimeWarning)  # log of negative inputs: NaN, intended
warnings.filterwarnings("ignore", category=ConvergenceWarning)  # the model only shows that it is left out

SEED = 20261127
N_TRAIN = 800
FITTED_AT = "2026-11-26T00:00:00Z"


def f32_repr(v):
    x = np.float32(v)
    return "nan" if np.isnan(x) else repr(x)


def f64_repr(v):
    return repr(float(v))


def specials(x, dtype, extra=()):
    lo, hi = float(np.nanmin(x)), float(np.nanmax(x))
    nd = lambda v, to: float(np.nextafter(dtype(v), dtype(to)))  # noqa: E731
    return [0.0, -0.0, np.nan, lo, hi, nd(lo, -np.inf), nd(lo, np.inf), nd(hi, -np.inf), nd(hi, np.inf), 1.0, -1.0,
            0.5, float(np.median(x)), float(np.mean(x)), 1e30, -1e30, 1e-30, -1e-30,
            float(np.finfo(dtype).tiny), -float(np.finfo(dtype).tiny)] + list(extra)


def column_inputs(rng, x, n, dtype, extra=(), positive=False):
    lo, hi = float(np.min(x)), float(np.max(x))
    w = (hi - lo) if hi > lo else 1.0
    sp = specials(x, dtype, extra)
    if positive:  # log: keep away from 0 (log 0 = -inf, which the following scaler rejects)
        sp = [v for v in sp if not (v == 0.0)] + [-2.0, -1e-3]
    m = n - len(sp)
    vals = sp + list(rng.uniform(lo, hi, m // 2)) + list(rng.uniform(lo - 0.5 * w, hi + 0.5 * w, m - m // 2))
    if positive:
        vals = [v if (np.isnan(v) or v != 0.0) else 1e-3 for v in vals]
    with np.errstate(over="ignore"):
        return np.array(vals, dtype=np.float64).astype(dtype)


def write_vectors(path, names, inputs, outputs, out_names, rep):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(names + out_names)
        for i in range(len(outputs)):
            row = []
            for n in names:
                v = inputs[n][i]
                row.append(str(v) if isinstance(v, str) else (str(int(v)) if isinstance(v, (int, np.integer))
                                                               else rep(v)))
            w.writerow(row + [rep(v) for v in outputs[i]])


def out_columns(manifest):
    cols = []
    for f in manifest["features"]:
        step = f["steps"][0]
        if step["op"] == "onehot":
            cols += ["out:%s=%s" % (f["name"], c) for c in step["categories"]]
        else:
            cols.append("out:" + f["name"])
    return cols


def export(obj, stem, names=None):
    pkl = os.path.join(HERE, stem + ".pkl")
    with open(pkl, "wb") as f:
        pickle.dump(obj, f, protocol=4)
    return normguard_export.export(
        obj, names, stem, 1, "train", os.path.join(HERE, stem + ".normguard.json"),
        source=stem + ".pkl", source_sha256=normguard_export.file_sha256(pkl),
        tool="normguard import sklearn from %s.pkl" % stem, fitted_at=FITTED_AT)


def build_f64():
    rng = np.random.default_rng(SEED)
    n = N_TRAIN
    d = {
        "Z": rng.normal(5.0, 2.0, n),
        "ZEpoch": 1.7e9 + rng.normal(0.0, 1e6, n).round(),
        "ZNoMean": rng.normal(-3.0, 0.5, n),
        "M": rng.normal(50.0, 15.0, n),
        "MConst": np.full(n, -2.5),
        "A": rng.uniform(-7.0, 4.0, n),
        "R1090": rng.exponential(3.0, n),
        "L1Z": rng.lognormal(1.0, 1.0, n),
        "LZ": rng.lognormal(2.0, 0.5, n),
        "ZC": 1.0 + 2.0 * rng.standard_t(3.0, n),
        "Cat": rng.choice(np.array(["red", "green", "blue", "violet"], dtype=object), n),
        "Code": rng.choice(np.array([3, 7, 11, 42], dtype=np.int64), n),
        "Dropped": rng.normal(0.0, 1.0, n),
        "P": rng.normal(0.0, 100.0, n),
    }
    df = pd.DataFrame(d)
    y = (df["Z"] > 5.0).astype(int)
    ct = ColumnTransformer([
        ("z", StandardScaler(), ["Z", "ZEpoch"]),
        ("znomean", StandardScaler(with_mean=False), ["ZNoMean"]),
        ("m", MinMaxScaler(feature_range=(-1, 2), clip=True), ["M"]),
        ("mconst", MinMaxScaler(), ["MConst"]),
        ("a", MaxAbsScaler(), ["A"]),
        ("r", RobustScaler(quantile_range=(10, 90)), ["R1090"]),
        ("l1z", Pipeline([("log1p", FunctionTransformer(np.log1p)), ("z", StandardScaler())]), ["L1Z"]),
        ("lz", Pipeline([("log", FunctionTransformer(np.log)), ("z", StandardScaler())]), ["LZ"]),
        ("zc", Pipeline([("z", StandardScaler()),
                         ("clip", FunctionTransformer(np.clip, kw_args={"a_min": -3.0, "a_max": 3.0}))]), ["ZC"]),
        ("onehot", OneHotEncoder(handle_unknown="ignore"), ["Cat", "Code"]),
        ("drop", "drop", ["Dropped"]),
    ], remainder="passthrough", sparse_threshold=0)
    pipe = Pipeline([("pre", ct), ("model", LogisticRegression(max_iter=200))]).fit(df, y)
    manifest = export(pipe, "import_f64")

    numeric = ["Z", "ZEpoch", "ZNoMean", "M", "MConst", "A", "R1090", "L1Z", "LZ", "ZC", "Dropped", "P"]
    T = 600
    trng = np.random.default_rng(SEED + 1)
    inputs = {}
    for name in numeric:
        inputs[name] = column_inputs(trng, d[name], T, np.float64, positive=name == "LZ",
                                     extra=[-1.0 - 1e-9, -0.999] if name == "L1Z" else ())
        if name == "L1Z":  # log1p(-1) = -inf, which the following StandardScaler rejects
            inputs[name] = np.where(inputs[name] == -1.0, -1.5, inputs[name])
    cats = ["red", "green", "blue", "violet", "mauve", "Red"]
    inputs["Cat"] = np.array(cats + list(trng.choice(np.array(cats, dtype=object), T - len(cats))), dtype=object)
    inputs["Code"] = trng.choice(np.array([3, 7, 11, 42, 5], dtype=np.int64), T)
    tdf = pd.DataFrame({k: inputs[k] for k in d})
    out = pipe[:-1].transform(tdf)
    assert out.dtype == np.float64 and out.shape[1] == len(out_columns(manifest)), (out.dtype, out.shape)
    names = [k for k in d if k != "Dropped"]  # a dropped column is not a feature (normguard verify would reject it)
    write_vectors(os.path.join(HERE, "import_f64.vectors.csv"), names, inputs, out, out_columns(manifest), f64_repr)
    return manifest


def build_f32():
    rng = np.random.default_rng(SEED + 2)
    n = N_TRAIN
    names = ["Z", "M", "A", "R", "L1Z", "Code"]
    cols = [rng.normal(5.0, 2.0, n), rng.uniform(-3.0, 10.0, n), rng.uniform(-7.0, 4.0, n),
            rng.normal(100.0, 25.0, n), rng.lognormal(1.0, 1.0, n), rng.choice([1.0, 2.0, 5.0], n)]
    X = np.stack(cols, axis=1).astype(np.float32)
    ct = ColumnTransformer([
        ("z", StandardScaler(), [0]),
        ("m", MinMaxScaler(), [1]),
        ("a", MaxAbsScaler(), [2]),
        ("r", RobustScaler(), [3]),
        ("l1z", Pipeline([("log1p", FunctionTransformer(np.log1p)), ("z", StandardScaler())]), [4]),
        ("code", OneHotEncoder(handle_unknown="error", dtype=np.float32), [5]),
    ], sparse_threshold=0).fit(X)
    manifest = export(ct, "import_f32", names)

    T = 600
    trng = np.random.default_rng(SEED + 3)
    inputs = {}
    for j, name in enumerate(names[:-1]):
        inputs[name] = column_inputs(trng, X[:, j], T, np.float32, extra=[-1.0, -0.999] if name == "L1Z" else ())
        if name == "L1Z":  # log1p(-1) = -inf, which the following StandardScaler rejects
            inputs[name] = np.where(inputs[name] == np.float32(-1.0), np.float32(-1.5), inputs[name])
    inputs["Code"] = trng.choice(np.array([1.0, 2.0, 5.0], dtype=np.float32), T)
    TX = np.stack([inputs[nm] for nm in names], axis=1).astype(np.float32)
    out = ct.transform(TX)
    assert out.dtype == np.float32 and out.shape[1] == len(out_columns(manifest)), (out.dtype, out.shape)
    write_vectors(os.path.join(HERE, "import_f32.vectors.csv"), names, inputs, out, out_columns(manifest), f32_repr)
    return manifest


def main():
    for m in (build_f64(), build_f32()):
        print("%s: %s, %d features, sha256 %s" % (m["featureSet"], m["dtype"], len(m["features"]), m["sha256"]))


if __name__ == "__main__":
    main()
