"""Fixtures for ImportSklearnSimdLogTests: the outside review's c49/c49b (float32) and c22 (float64) log pipelines.

Run with Debian's /usr/bin/python3 (scikit-learn 1.2.1, joblib 1.2.0, pandas 1.5.3, numpy 1.24.2) from this directory:

    /usr/bin/python3 make_sklearn_simd_log.py

Data: /work/shared/data/diamonds.csv (53,940 rows), split as the review's programs split it (test_size=0.2).

simd_*.joblib     fitted with numpy's CPU dispatch on (the default). On a CPU with AVX2/AVX-512 numpy computes np.log
                  and np.log1p with its own SIMD kernels, which differ from the C library's in the last bit of some
                  inputs, so `normguard import sklearn` must refuse these there.
                    simd_log1p_f32   c49:  float32 carat, price -> FunctionTransformer(np.log1p) -> MinMaxScaler()
                    simd_log_f32     c49b: float32 price        -> FunctionTransformer(np.log)   -> StandardScaler()
                    simd_log1p_f64   c22:  float64 carat, price -> FunctionTransformer(np.log1p) -> StandardScaler()
portable_*.joblib the c49 and c22 pipelines fitted in a child process with NPY_DISABLE_CPU_FEATURES set to every feature
                  numpy dispatches on this CPU (the remedy the refusal suggests), with portable_*.vectors.csv:
                  scikit-learn's own transform (same environment) of the first 3,000 held-out rows, in the format of
                  `normguard verify` (inputs, then out:<feature>, Python repr of each float).
"""
import os
import subprocess
import sys

PORTABLE = "--portable" in sys.argv


def cpu_features():
    from numpy.core._multiarray_umath import __cpu_dispatch__, __cpu_features__
    return [f for f in __cpu_dispatch__ if __cpu_features__.get(f)]


import joblib  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import FunctionTransformer, MinMaxScaler, StandardScaler  # noqa: E402

DIAMONDS = "/work/shared/data/diamonds.csv"
HELD_OUT_ROWS = 3000


def c49(df):
    X = df[["carat", "price"]].astype(np.float32)
    train, test = train_test_split(X, test_size=0.2, random_state=49)
    return Pipeline([("log", FunctionTransformer(np.log1p)), ("mm", MinMaxScaler())]).fit(train), test


def c49b(df):
    X = df[["price"]].astype(np.float32)
    train, test = train_test_split(X, test_size=0.2, random_state=49)
    return Pipeline([("log", FunctionTransformer(np.log)), ("sc", StandardScaler())]).fit(train), test


def c22(df):
    X = df[["carat", "price"]].astype(np.float64)
    train, test = train_test_split(X, test_size=0.2, random_state=22)
    return Pipeline([("log", FunctionTransformer(np.log1p)), ("sc", StandardScaler())]).fit(train), test


def write_vectors(path, pipe, X):
    X = X.iloc[:HELD_OUT_ROWS]
    Y = np.asarray(pipe.transform(X))
    with open(path, "w", newline="\n") as f:
        f.write(",".join(list(X.columns) + ["out:" + c for c in X.columns]) + "\n")
        for i in range(len(X)):
            f.write(",".join(repr(float(v)) for v in list(X.iloc[i]) + list(Y[i])) + "\n")


def main():
    df = pd.read_csv(DIAMONDS)
    if PORTABLE:
        assert os.environ.get("NPY_DISABLE_CPU_FEATURES"), "run without --portable"
        for stem, make in (("portable_log1p_f32", c49), ("portable_log1p_f64", c22)):
            pipe, test = make(df)
            joblib.dump(pipe, stem + ".joblib")
            write_vectors(stem + ".vectors.csv", pipe, test)
        return
    for stem, make in (("simd_log1p_f32", c49), ("simd_log_f32", c49b), ("simd_log1p_f64", c22)):
        pipe, _ = make(df)
        joblib.dump(pipe, stem + ".joblib")
    env = dict(os.environ, NPY_DISABLE_CPU_FEATURES=" ".join(cpu_features()))
    subprocess.check_call([sys.executable, sys.argv[0], "--portable"], env=env)


if __name__ == "__main__":
    main()
