#!/usr/bin/python3
"""Fixtures for the artifact families of issue 14 (tests/NormGuard.Tool.Tests/ImportSklearnFamilyTests.cs).

Run:  /usr/bin/python3 tests/NormGuard.Tool.Tests/Data/sklearn/make_sklearn_families.py
      (Debian python3-sklearn 1.2.1, python3-joblib 1.2.0, python3-numpy 1.24, python3-pandas, python3-lz4;
      never a pip/pyenv Python.)  Shares the input generator and the CSV layout of make_sklearn_import.py.

Each fixture is a fitted object saved the way people save them, the manifest the shipped exporter
(tools/sklearn/normguard_export.py) writes for it, and scikit-learn 1.2.1's own transform of fixed inputs
(`<stem>.vectors.csv`, the layout of make_sklearn_import.py), so the tests check the manifests bit for bit without
Python; the live tests run `normguard import sklearn` on every saved file and require the committed manifests.

  joblib_df.*      ColumnTransformer fitted on a pandas DataFrame (StandardScaler on A, B; MinMaxScaler on C;
                   MaxAbsScaler on D), float64, saved with joblib.dump 1.2.0:
                     joblib_df.joblib        uncompressed (pickle.load on it stops inside the inner pickle of
                                             feature_names_in_ and returns that bare ndarray)
                     joblib_df.z3.joblib     compress=3 (zlib)
                     joblib_df.joblib.gz     compress=("gzip", 3)
                     joblib_df.joblib.bz2    compress=("bz2", 3)
                     joblib_df.joblib.xz     compress=("xz", 3)
                     joblib_df.joblib.lz4    compress=("lz4", 3)   (needs python3-lz4 to read)
                     joblib_df.p2.pkl        pickle.dump protocol 2 (readable by any Python 3)
                   The manifest records joblib_df.joblib as its source.
  sk022_*.pkl      bare scalers whose fitted attributes are exactly scikit-learn 0.22's: fitted with 1.2.1 on a
                   numpy array, then n_features_in_ (added in 0.24) deleted -- and the parameters 0.22 did not have
                   (MinMaxScaler.clip, RobustScaler.unit_variance) deleted too -- before pickle.dump (protocol 4):
                     sk022_standard  StandardScaler, float64 (mean_, var_, scale_, n_samples_seen_)
                     sk022_minmax    MinMaxScaler(feature_range=(-1, 1)), float32 (data_min_, data_max_, data_range_,
                                     scale_, min_, n_samples_seen_)
                     sk022_maxabs    MaxAbsScaler, float64 (scale_, max_abs_, n_samples_seen_)
                     sk022_robust    RobustScaler, float32 (center_, scale_)
                     sk022_pipeline  Pipeline([StandardScaler, LogisticRegression]), float64, the same deletions in
                                     both steps (a Pipeline's n_features_in_ asks its first step)
                   scikit-learn 1.2.1 transforms them all (checked here); only MinMaxScaler needs clip to transform
                   in 1.2.1, so its vectors come from the same object with clip=False set back (0.22 never clipped).
  impute_f64.*     Pipeline([ColumnTransformer, LogisticRegression]) on a DataFrame with NaN in every numeric training
                   column, float64:
                     Age, Income  Pipeline([SimpleImputer(mean), StandardScaler()])
                     Hours        Pipeline([SimpleImputer(median), MinMaxScaler()])
                     Rooms        Pipeline([SimpleImputer(most_frequent), RobustScaler()])
                     Debt         Pipeline([SimpleImputer(constant, fill_value=-1.5), MaxAbsScaler()])
                     Price        Pipeline([SimpleImputer(mean), FunctionTransformer(np.log1p), StandardScaler()])
                     Raw          SimpleImputer(median) alone (a fill, then passthrough)
                     Color, Size  OneHotEncoder(drop="if_binary", handle_unknown="ignore"), 3 and 4 categories
                                  (nothing dropped)
                     Grade        OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=5), no category
                                  infrequent
                     Rest1, Rest2 remainder=Pipeline([SimpleImputer(median), StandardScaler()])
  impute_f32.*     Pipeline([SimpleImputer(mean), ColumnTransformer([StandardScaler on 0, MinMaxScaler on 1,
                   RobustScaler on 2, "passthrough" on 4], remainder="drop")]) on a float32 numpy array with NaN;
                   column 3 is dropped (named Z, M, R, Dropped, P).  SimpleImputer's statistics_ are float64 (mean);
                   scikit-learn writes them into the float32 array, so the scalers see the float32 nearest the mean.

Test inputs: the generator of make_sklearn_import.py, with about 12 % of every numeric input column set to NaN.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_sklearn_import as base  # noqa: E402  (re-executes with numpy's portable loops; asserts the versions)

import pickle  # noqa: E402

import joblib  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.impute import SimpleImputer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import (FunctionTransformer, MaxAbsScaler, MinMaxScaler, OneHotEncoder,  # noqa: E402
                                   RobustScaler, StandardScaler)

normguard_export = base.normguard_export
assert joblib.__version__ == "1.2.0", joblib.__version__

SEED = 20261206
N_TRAIN = 800
T = 600


def manifest_for(obj, stem, source, names=None):
    """The manifest `normguard import sklearn <source> --fitted-at ...` writes (same provenance)."""
    path = os.path.join(HERE, source)
    return normguard_export.export(
        obj, names, stem, 1, "train", os.path.join(HERE, stem + ".normguard.json"),
        source=source, source_sha256=normguard_export.file_sha256(path),
        tool="normguard import sklearn from %s" % source, fitted_at=base.FITTED_AT)


def with_nan(rng, x, share=0.12):
    x = np.array(x, dtype=x.dtype, copy=True)
    x[rng.random(len(x)) < share] = np.nan
    return x


# ----------------------------------------------------------------------------------------------------------------
def build_joblib():
    rng = np.random.default_rng(SEED)
    n = N_TRAIN
    d = {"A": rng.normal(5.0, 2.0, n), "B": 1.7e9 + rng.normal(0.0, 1e6, n).round(), "C": rng.normal(50.0, 15.0, n),
         "D": rng.uniform(-7.0, 4.0, n)}
    df = pd.DataFrame(d)
    ct = ColumnTransformer([("z", StandardScaler(), ["A", "B"]), ("m", MinMaxScaler(), ["C"]),
                            ("a", MaxAbsScaler(), ["D"])], sparse_threshold=0).fit(df)
    stem = "joblib_df"
    joblib.dump(ct, os.path.join(HERE, stem + ".joblib"))
    joblib.dump(ct, os.path.join(HERE, stem + ".z3.joblib"), compress=3)
    for kind in ("gzip", "bz2", "xz", "lz4"):
        ext = {"gzip": "gz"}.get(kind, kind)
        joblib.dump(ct, os.path.join(HERE, "%s.joblib.%s" % (stem, ext)), compress=(kind, 3))
    with open(os.path.join(HERE, stem + ".p2.pkl"), "wb") as f:
        pickle.dump(ct, f, protocol=2)
    # the failure this family fixes: pickle.load on the uncompressed file "succeeds" with the wrong object
    with open(os.path.join(HERE, stem + ".joblib"), "rb") as f:
        wrong = pickle.load(f)
    assert isinstance(wrong, np.ndarray), type(wrong)
    assert joblib.load(os.path.join(HERE, stem + ".joblib")).transformers_[0][0] == "z"

    manifest = manifest_for(ct, stem, stem + ".joblib")
    trng = np.random.default_rng(SEED + 1)
    inputs = {k: base.column_inputs(trng, d[k], T, np.float64) for k in d}
    out = ct.transform(pd.DataFrame(inputs))
    base.write_vectors(os.path.join(HERE, stem + ".vectors.csv"), list(d), inputs, out, base.out_columns(manifest),
                       base.f64_repr)
    return [manifest]


# ----------------------------------------------------------------------------------------------------------------
def as_sklearn_022(est):
    """Removes what scikit-learn 0.22 did not write: n_features_in_/feature_names_in_ (0.24/1.0), the clip and
    unit_variance parameters (0.24)."""
    for attr in ("n_features_in_", "feature_names_in_", "clip", "unit_variance"):
        if attr in vars(est):
            delattr(est, attr)
    return est


def build_sk022():
    manifests = []
    rng = np.random.default_rng(SEED + 10)
    n = N_TRAIN
    cases = [
        ("sk022_standard", StandardScaler(), np.float64, [rng.normal(5.0, 2.0, n), rng.normal(-300.0, 40.0, n)]),
        ("sk022_minmax", MinMaxScaler(feature_range=(-1, 1)), np.float32,
         [rng.uniform(-3.0, 10.0, n), rng.normal(100.0, 25.0, n)]),
        ("sk022_maxabs", MaxAbsScaler(), np.float64, [rng.uniform(-7.0, 4.0, n), rng.exponential(3.0, n)]),
        ("sk022_robust", RobustScaler(), np.float32, [rng.normal(100.0, 25.0, n), rng.lognormal(1.0, 1.0, n)]),
        ("sk022_pipeline", None, np.float64, [rng.normal(5.0, 2.0, n), rng.normal(0.0, 0.01, n)]),
    ]
    for stem, est, dtype, cols in cases:
        X = np.stack(cols, axis=1).astype(dtype)
        if est is None:
            y = (X[:, 0] > 5.0).astype(int)
            obj = Pipeline([("scale", StandardScaler()), ("model", LogisticRegression())]).fit(X, y)
            as_sklearn_022(obj.steps[0][1])
            as_sklearn_022(obj.steps[1][1])
        else:
            obj = as_sklearn_022(est.fit(X))
        assert getattr(obj, "n_features_in_", None) is None if est is not None else True
        pkl = os.path.join(HERE, stem + ".pkl")
        with open(pkl, "wb") as f:
            pickle.dump(obj, f, protocol=4)
        manifest = manifest_for(obj, stem, stem + ".pkl", ["x0", "x1"])

        trng = np.random.default_rng(SEED + 11)
        inputs = {"x%d" % j: base.column_inputs(trng, X[:, j], T, dtype) for j in range(2)}
        TX = np.stack([inputs["x0"], inputs["x1"]], axis=1).astype(dtype)
        transformer = obj[:-1] if est is None else obj
        if isinstance(obj, MinMaxScaler):  # 1.2.1's transform reads clip, which 0.22 did not have (nor do)
            transformer = pickle.loads(pickle.dumps(obj))
            transformer.clip = False
        out = transformer.transform(TX)
        assert out.dtype == dtype, (stem, out.dtype)
        rep = base.f32_repr if dtype == np.float32 else base.f64_repr
        base.write_vectors(os.path.join(HERE, stem + ".vectors.csv"), ["x0", "x1"], inputs, out,
                           base.out_columns(manifest), rep)
        manifests.append(manifest)
    return manifests


# ----------------------------------------------------------------------------------------------------------------
def build_impute_f64():
    rng = np.random.default_rng(SEED + 20)
    n = N_TRAIN
    numeric = {
        "Age": rng.normal(40.0, 12.0, n).round(), "Income": rng.lognormal(10.0, 0.6, n),
        "Hours": rng.normal(38.0, 6.0, n), "Rooms": rng.choice(np.array([1.0, 2.0, 3.0, 4.0, 6.0]), n),
        "Debt": rng.normal(-2000.0, 900.0, n), "Price": rng.lognormal(3.0, 1.0, n), "Raw": rng.normal(0.0, 10.0, n),
        "Rest1": rng.normal(7.0, 3.0, n), "Rest2": rng.uniform(-1.0, 1.0, n),
    }
    d = {k: with_nan(rng, v) for k, v in numeric.items()}
    d["Color"] = rng.choice(np.array(["red", "green", "blue"], dtype=object), n)
    d["Size"] = rng.choice(np.array(["S", "M", "L", "XL"], dtype=object), n)
    d["Grade"] = rng.choice(np.array([1, 2, 3], dtype=np.int64), n)
    df = pd.DataFrame(d)
    y = (df["Hours"].fillna(38.0) > 38.0).astype(int)
    ct = ColumnTransformer([
        ("mean_z", Pipeline([("impute", SimpleImputer(strategy="mean")), ("z", StandardScaler())]), ["Age", "Income"]),
        ("median_m", Pipeline([("impute", SimpleImputer(strategy="median")), ("m", MinMaxScaler())]), ["Hours"]),
        ("mf_r", Pipeline([("impute", SimpleImputer(strategy="most_frequent")), ("r", RobustScaler())]), ["Rooms"]),
        ("const_a", Pipeline([("impute", SimpleImputer(strategy="constant", fill_value=-1.5)),
                              ("a", MaxAbsScaler())]), ["Debt"]),
        ("mean_log_z", Pipeline([("impute", SimpleImputer(strategy="mean")), ("log1p", FunctionTransformer(np.log1p)),
                                 ("z", StandardScaler())]), ["Price"]),
        ("only", SimpleImputer(strategy="median"), ["Raw"]),
        ("enc", OneHotEncoder(drop="if_binary", handle_unknown="ignore"), ["Color", "Size"]),
        ("grade", OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=5), ["Grade"]),
    ], remainder=Pipeline([("impute", SimpleImputer(strategy="median")), ("z", StandardScaler())]),
        sparse_threshold=0)
    pipe = Pipeline([("pre", ct), ("model", LogisticRegression(max_iter=500))]).fit(df, y)
    assert all(i is None for i in pipe[0].named_transformers_["enc"].drop_idx_)
    stem = "impute_f64"
    with open(os.path.join(HERE, stem + ".pkl"), "wb") as f:
        pickle.dump(pipe, f, protocol=4)
    manifest = manifest_for(pipe, stem, stem + ".pkl")

    trng = np.random.default_rng(SEED + 21)
    inputs = {}
    for k, v in numeric.items():
        # Price: log1p after the fill; keep its inputs above -1 (log1p(-1) = -inf, which the scaler rejects)
        x = base.column_inputs(trng, v, T, np.float64, positive=k == "Price")
        if k == "Price":
            x = np.where(x <= -1.0, 0.25, x)
        inputs[k] = with_nan(trng, x)
    inputs["Color"] = np.array(["red", "green", "blue", "mauve"] + list(
        trng.choice(np.array(["red", "green", "blue", "mauve"], dtype=object), T - 4)), dtype=object)
    inputs["Size"] = trng.choice(np.array(["S", "M", "L", "XL", "XXL"], dtype=object), T)
    inputs["Grade"] = trng.choice(np.array([1, 2, 3, 9], dtype=np.int64), T)
    out = pipe[:-1].transform(pd.DataFrame({k: inputs[k] for k in d}))
    assert out.dtype == np.float64 and out.shape[1] == len(base.out_columns(manifest)), (out.dtype, out.shape)
    base.write_vectors(os.path.join(HERE, stem + ".vectors.csv"), list(d), inputs, out, base.out_columns(manifest),
                       base.f64_repr)
    return [manifest]


def build_impute_f32():
    rng = np.random.default_rng(SEED + 30)
    n = N_TRAIN
    names = ["Z", "M", "R", "Dropped", "P"]
    cols = [rng.normal(5.0, 2.0, n), rng.uniform(-3.0, 10.0, n), rng.normal(100.0, 25.0, n),
            rng.normal(0.0, 1.0, n), rng.normal(0.0, 100.0, n)]
    X = np.stack([with_nan(rng, c.astype(np.float32)) for c in cols], axis=1)
    pipe = Pipeline([
        ("impute", SimpleImputer(strategy="mean")),
        ("ct", ColumnTransformer([("z", StandardScaler(), [0]), ("m", MinMaxScaler(), [1]), ("r", RobustScaler(), [2]),
                                  ("p", "passthrough", [4])], remainder="drop", sparse_threshold=0)),
    ]).fit(X)
    assert pipe[0].statistics_.dtype == np.float64
    stem = "impute_f32"
    with open(os.path.join(HERE, stem + ".pkl"), "wb") as f:
        pickle.dump(pipe, f, protocol=4)
    manifest = manifest_for(pipe, stem, stem + ".pkl", names)

    trng = np.random.default_rng(SEED + 31)
    inputs = {name: with_nan(trng, base.column_inputs(trng, X[:, j][~np.isnan(X[:, j])], T, np.float32))
              for j, name in enumerate(names)}
    TX = np.stack([inputs[nm] for nm in names], axis=1).astype(np.float32)
    out = pipe.transform(TX)
    assert out.dtype == np.float32 and out.shape[1] == len(base.out_columns(manifest)), (out.dtype, out.shape)
    kept = [nm for nm in names if nm != "Dropped"]  # a dropped column is not a feature (normguard verify rejects it)
    base.write_vectors(os.path.join(HERE, stem + ".vectors.csv"), kept, inputs, out, base.out_columns(manifest),
                       base.f32_repr)
    return [manifest]


def main():
    for m in build_joblib() + build_sk022() + build_impute_f64() + build_impute_f32():
        print("%s: %s, %d features, sha256 %s" % (m["featureSet"], m["dtype"], len(m["features"]), m["sha256"]))


if __name__ == "__main__":
    main()
