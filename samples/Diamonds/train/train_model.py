#!/usr/bin/python3
"""Diamonds sample, Python half: train in scikit-learn, serve in C#.

What it does
------------
1. Reads ``samples/Diamonds/data/diamonds.csv`` (ggplot2 3.4.1 ``diamonds``, 53,940 rows) with pandas;
   the numeric columns are parsed as float64 with a correctly rounded parser.
2. Splits the *row indices* with ``train_test_split(test_size=0.2, random_state=42)``; both index
   sets are then sorted ascending, so every fit below sees the training rows in file order.
3. Fits, on the training rows only, a ``ColumnTransformer`` whose transformer order is the manifest
   feature order and the output column order:

   ========  ==========================================================
   carat     Pipeline(FunctionTransformer(np.log1p), StandardScaler())
   cut       OneHotEncoder(handle_unknown="error", sparse_output=False)
   color     OneHotEncoder(handle_unknown="error", sparse_output=False)
   clarity   OneHotEncoder(handle_unknown="error", sparse_output=False)
   depth     StandardScaler()
   table     StandardScaler()
   x, y, z   RobustScaler()  (quantile range 25-75), one transformer each
   ========  ==========================================================

   and a ``Ridge(alpha=1.0)`` regression of log(price) on the transformed training rows.
4. Writes (paths relative to ``samples/Diamonds/``):

   ``diamonds.normguard.json``
       the NormGuard parameter manifest (docs/manifest-format.md): fitted parameters, provenance,
       training-set statistics and the canonical (RFC 8785 / JCS) SHA-256.
   ``model/model.json``
       intercept and coefficients of the regression, the output column names, the 0-based data
       row indices of the held-back rows, and hold-out metrics of exp(prediction) vs price.
   ``model/reference.csv``
       the first 1,000 held-back rows: ``row``, every transformed feature exactly as
       scikit-learn computed it (``repr`` of the float64, so it parses back bit for bit), and
       ``pred_log_price``. The C# sample checks its generated ``Normalize`` against these.
5. Re-reads what it wrote and checks it: canonical hash, manifest parameters equal the fitted
   attributes, and the transform re-done with plain numpy from the manifest parameters equals the
   ColumnTransformer output bit for bit for every held-back row.

Everything is deterministic (fixed seed, fixed ``fittedAt``, sorted keys only where the format asks for
them): running it twice gives byte-identical files.

How to run
----------
From the repository root::

    python3 samples/Diamonds/train/train_model.py

It needs Debian's ``python3-sklearn`` 1.2.1 (with its ``python3-numpy`` 1.24 and ``python3-pandas``),
run by ``/usr/bin/python3``. Its outputs are committed, so building and running the C# sample needs
no Python at all. ``--out DIR`` writes the three outputs under DIR instead (for comparisons).

Note on log1p
-------------
numpy computes ``np.log1p`` with its own SIMD kernels when the CPU has AVX-512 (SKX), otherwise with the
C library's ``log1p``; the two differ in the last bit for some inputs, and neither is correctly rounded
for every input. The transformed ``carat`` values (and the fitted ``carat`` mean/std) therefore depend
on the machine that ran this script; it prints which implementation was used. The committed outputs
were produced on the project's AVX-512 build machine.

Note on the regression
----------------------
Every category of every one-hot feature is kept (no ``drop``), and there is an intercept, so the design
matrix has rank 23, not 26: each group of one-hot columns sums to 1. An unpenalized least-squares fit
(``LinearRegression``) has no unique solution there, and SciPy's ``lstsq`` returned one-hot coefficients
and an intercept around 1e10 with opposite signs that cancel -- useless once the features are float32.
``Ridge(alpha=1.0)`` (intercept not penalized) picks the unique minimum-penalty solution: every
coefficient is of order 1 and each one-hot group is centered, so predictions are well conditioned. The
C# sample computes them from float32 features with double accumulation, which differs from
``pred_log_price`` (computed from the float64 features) by the float32 rounding of the features,
about 1e-7 in log(price); compare with a tolerance (1e-5 is ample). Only the feature columns of
``reference.csv`` are meant to match bit for bit (after rounding to float32).
"""

import argparse
import csv
import hashlib
import json
import math
import sys
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import Ridge
from sklearn.metrics import (mean_absolute_error, mean_absolute_percentage_error,
                             mean_squared_error, r2_score)
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import (FunctionTransformer, OneHotEncoder, RobustScaler,
                                   StandardScaler)

SAMPLE_DIR = Path(__file__).resolve().parent.parent
SOURCE_REL = "data/diamonds.csv"            # as recorded in the manifest, relative to SAMPLE_DIR
EXPECTED_SKLEARN = "1.2.1"
FITTED_AT = "2026-11-26T00:00:00Z"          # fixed, so reruns are byte-identical
REFERENCE_ROWS = 1000

NUMERIC = ["carat", "depth", "table", "price", "x", "y", "z"]
CATEGORICAL = ["cut", "color", "clarity"]
# Manifest feature order == ColumnTransformer order == output column order.
FEATURES = ["carat", "cut", "color", "clarity", "depth", "table", "x", "y", "z"]
ONEHOT = ["cut", "color", "clarity"]
ZSCORE = ["depth", "table"]
ROBUST = ["x", "y", "z"]


# --------------------------------------------------------------------------------------------
# RFC 8785 (JCS) canonical JSON
# --------------------------------------------------------------------------------------------

def jcs_number(x):
    """ECMAScript Number::toString of a finite double (ints are converted to double first)."""
    if isinstance(x, bool):
        raise TypeError("bool is not a number")
    if isinstance(x, int):
        if float(x) != x:                   # exact comparison in Python
            raise ValueError(f"integer {x} is not exactly representable as a double")
    x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"non-finite number {x!r} is not JSON")
    if x == 0.0:
        return "-0" if math.copysign(1.0, x) < 0 else "0"  # NormGuard keeps -0 (RFC 8785 writes 0)
    sign = "-" if x < 0 else ""
    # repr gives the shortest digits that round-trip (the closest of them), as ECMAScript does.
    _, digits, exp = Decimal(repr(abs(x))).as_tuple()
    digits = list(digits)
    while len(digits) > 1 and digits[-1] == 0:
        digits.pop()
        exp += 1
    s = "".join(str(d) for d in digits)
    k = len(s)                              # number of significant digits
    n = exp + k                             # value = 0.s * 10**n
    if k <= n <= 21:
        out = s + "0" * (n - k)
    elif 0 < n <= 21:
        out = s[:n] + "." + s[n:]
    elif -6 < n <= 0:
        out = "0." + "0" * (-n) + s
    else:
        e = n - 1
        out = s[0] + ("." + s[1:] if k > 1 else "") + "e" + ("+" if e > 0 else "-") + str(abs(e))
    return sign + out


def _jcs_self_test():
    cases = [
        (0, "0"), (0.0, "0"), (-0.0, "-0"), (1.0, "1"), (-1.0, "-1"), (0.1, "0.1"),
        (1e-7, "1e-7"), (1e-6, "0.000001"), (1.5e-6, "0.0000015"), (1e21, "1e+21"),
        (1e20, "100000000000000000000"), (1.5e-10, "1.5e-10"), (-2.5e+30, "-2.5e+30"),
        (43152, "43152"), (25.0, "25"), (123.456, "123.456"), (1234567.0, "1234567"),
        (0.000123, "0.000123"), (1.2345e21, "1.2345e+21"), (123456789012345680000.0, "123456789012345680000"),
        (5e-324, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
        (2 ** 53, "9007199254740992"), (2 ** 70, "1.1805916207174113e+21"), (-0.5, "-0.5"),
        (1 / 3, "0.3333333333333333"),
    ]
    for value, expected in cases:
        got = jcs_number(value)
        assert got == expected, f"jcs_number({value!r}) = {got!r}, expected {expected!r}"


_jcs_self_test()


def jcs_string(s):
    # Python escapes exactly what JSON requires, short forms for \b \f \n \r \t, other control
    # characters as lowercase \u00xx; with ensure_ascii=False nothing else is escaped (as in JCS).
    return json.dumps(s, ensure_ascii=False)


def jcs(value):
    """Serialize to the RFC 8785 canonical form (a str; hash its UTF-8 bytes)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return jcs_number(value)
    if isinstance(value, str):
        return jcs_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(jcs(v) for v in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: k.encode("utf-16-be"))   # UTF-16 code-unit order
        return "{" + ",".join(jcs_string(k) + ":" + jcs(value[k]) for k in keys) + "}"
    raise TypeError(f"cannot canonicalize {type(value).__name__}")


def canonical_sha256(manifest):
    body = {k: v for k, v in manifest.items() if k != "sha256"}
    return hashlib.sha256(jcs(body).encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------
# Pretty JSON (indent 2, insertion order, numbers as repr, arrays of scalars on one line)
# --------------------------------------------------------------------------------------------

def _scalar(v):
    if v is None or isinstance(v, bool):
        return json.dumps(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError(f"non-finite number {v!r} is not JSON")
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    raise TypeError(f"cannot write {type(v).__name__}")


def pretty(value, indent=0):
    pad, inner = "  " * indent, "  " * (indent + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {pretty(v, indent + 1)}"
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return "[" + ", ".join(_scalar(v) for v in value) + "]"
        return "[\n" + ",\n".join(inner + pretty(v, indent + 1) for v in value) + "\n" + pad + "]"
    return _scalar(value)


def write_text(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# --------------------------------------------------------------------------------------------
# Data, split, fit
# --------------------------------------------------------------------------------------------

def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_data(path):
    dtypes = {c: np.float64 for c in NUMERIC}
    dtypes.update({c: str for c in CATEGORICAL})
    # round_trip = Python's correctly rounded strtod (pandas' default fast parser is not always).
    df = pd.read_csv(path, dtype=dtypes, float_precision="round_trip", keep_default_na=False,
                     na_values=["NA"])
    assert list(df.columns) == ["carat", "cut", "color", "clarity", "depth", "table", "price",
                                "x", "y", "z"], list(df.columns)
    assert not df.isna().any().any(), "unexpected missing values"
    # Cross-check the parse against Python's float() on the raw text: every value bit for bit.
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    assert len(rows) == len(df)
    header = list(df.columns)
    for c in NUMERIC:
        j = header.index(c)
        raw = np.array([float(r[j]) for r in rows], dtype=np.float64)
        assert np.array_equal(raw.view(np.uint64), df[c].to_numpy().view(np.uint64)), c
    return df


def build_transformer():
    onehot = lambda: OneHotEncoder(handle_unknown="error", sparse_output=False)
    steps = [("carat", Pipeline([("log1p", FunctionTransformer(np.log1p)),
                                 ("zscore", StandardScaler())]), ["carat"])]
    steps += [(c, onehot(), [c]) for c in ONEHOT]
    steps += [(c, StandardScaler(), [c]) for c in ZSCORE]
    steps += [(c, RobustScaler(quantile_range=(25.0, 75.0)), [c]) for c in ROBUST]
    assert [s[0] for s in steps] == FEATURES
    return ColumnTransformer(steps, remainder="drop", sparse_threshold=0.0)


def numeric_stats(v):
    v = np.asarray(v, dtype=np.float64)
    missing = int(np.isnan(v).sum())
    v = v[~np.isnan(v)]
    return {
        "count": int(v.size),
        "missing": missing,
        "min": float(np.min(v)),
        "max": float(np.max(v)),
        "mean": float(np.mean(v)),
        "std": float(np.std(v, ddof=0)),
        "quantiles": [float(q) for q in np.percentile(v, np.arange(101), method="linear")],
    }


def onehot_stats(values, categories):
    values = np.asarray(values, dtype=object)
    counts = [int(np.sum(values == c)) for c in categories]
    assert sum(counts) == values.size
    return {"count": int(values.size), "missing": 0, "categoryCounts": counts}


def output_columns(ct):
    cols = []
    for name in FEATURES:
        t = ct.named_transformers_[name]
        if isinstance(t, OneHotEncoder):
            cols += [f"{name}={c}" for c in t.categories_[0]]
        else:
            cols.append(name)
    return cols


def build_manifest(ct, train, n_train, source_sha):
    features = []
    for name in FEATURES:
        t = ct.named_transformers_[name]
        if name == "carat":
            sc = t.named_steps["zscore"]
            steps = [{"op": "log1p"},
                     {"op": "zscore", "mean": float(sc.mean_[0]), "std": float(sc.scale_[0])}]
            stats = numeric_stats(train[name])
        elif name in ONEHOT:
            cats = [str(c) for c in t.categories_[0]]
            steps = [{"op": "onehot", "categories": cats, "unknown": "error"}]
            stats = onehot_stats(train[name], cats)
        elif name in ZSCORE:
            steps = [{"op": "zscore", "mean": float(t.mean_[0]), "std": float(t.scale_[0])}]
            stats = numeric_stats(train[name])
        else:
            lo, hi = t.quantile_range
            assert (lo, hi) == (25.0, 75.0)
            steps = [{"op": "robust", "center": float(t.center_[0]), "scale": float(t.scale_[0]),
                      "lower": 25, "upper": 75}]
            stats = numeric_stats(train[name])
        features.append({"name": name, "steps": steps, "missing": "error", "stats": stats})

    manifest = {
        "format": "normguard.manifest/1",
        "featureSet": "diamonds",
        "version": 1,
        "profile": "sklearn",
        "dtype": "float64",
        "fit": {
            "split": "train",
            "rows": n_train,
            "source": SOURCE_REL,
            "sourceSha256": source_sha,
            "fittedAt": FITTED_AT,
            "tool": f"scikit-learn {sklearn.__version__} (train_model.py)",
        },
        "features": features,
    }
    manifest["sha256"] = canonical_sha256(manifest)
    return manifest


# --------------------------------------------------------------------------------------------
# Verification (re-reads the written files)
# --------------------------------------------------------------------------------------------

def bits_equal(a, b):
    a = np.ascontiguousarray(a, dtype=np.float64)
    b = np.ascontiguousarray(b, dtype=np.float64)
    return a.shape == b.shape and np.array_equal(a.view(np.uint64), b.view(np.uint64))


def transform_from_manifest(manifest, frame):
    """Re-do the transform with plain numpy from the manifest parameters (sklearn's in-place order:
    x - mean, then / std; x - center, then / scale)."""
    out = []
    for feat in manifest["features"]:
        raw = frame[feat["name"]].to_numpy()
        for step in feat["steps"]:
            op = step["op"]
            if op == "log1p":
                raw = np.log1p(raw.astype(np.float64))
            elif op == "zscore":
                raw = (raw.astype(np.float64) - step["mean"]) / step["std"]
            elif op == "robust":
                raw = (raw.astype(np.float64) - step["center"]) / step["scale"]
            elif op == "onehot":
                cats = np.array(step["categories"], dtype=object)
                hot = raw[:, None] == cats[None, :]
                assert np.all(hot.sum(axis=1) == 1), "unknown category"
                raw = hot.astype(np.float64)
            else:
                raise AssertionError(op)
        out.append(raw.reshape(len(frame), -1))
    return np.hstack(out)


def verify(out_dir, ct, reg, test, test_idx, xt_test, pred, columns):
    manifest_path = out_dir / "diamonds.normguard.json"
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    assert manifest["sha256"] == canonical_sha256(manifest), "canonical sha256 mismatch"
    assert list(manifest) == ["format", "featureSet", "version", "profile", "dtype", "fit",
                              "features", "sha256"]

    # Manifest parameters are exactly the fitted attributes.
    for feat in manifest["features"]:
        t = ct.named_transformers_[feat["name"]]
        for step in feat["steps"]:
            if step["op"] == "zscore":
                sc = t.named_steps["zscore"] if isinstance(t, Pipeline) else t
                assert bits_equal([step["mean"], step["std"]], [sc.mean_[0], sc.scale_[0]])
            elif step["op"] == "robust":
                assert bits_equal([step["center"], step["scale"]], [t.center_[0], t.scale_[0]])
            elif step["op"] == "onehot":
                assert step["categories"] == [str(c) for c in t.categories_[0]]

    # Plain numpy from the manifest == ColumnTransformer, bit for bit, every held-back row.
    mine = transform_from_manifest(manifest, test)
    assert bits_equal(mine, xt_test), "manifest re-transform differs from sklearn"
    # ... and row by row (scalar path) for the first few rows.
    for i in range(5):
        assert bits_equal(transform_from_manifest(manifest, test.iloc[i:i + 1]), xt_test[i:i + 1])

    # reference.csv parses back to exactly the same floats.
    with open(out_dir / "model" / "reference.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["row"] + columns + ["pred_log_price"]
    body = rows[1:]
    assert len(body) == min(REFERENCE_ROWS, len(test_idx))
    assert [int(r[0]) for r in body] == [int(i) for i in test_idx[:len(body)]]
    ref = np.array([[float(v) for v in r[1:]] for r in body])
    assert bits_equal(ref[:, :-1], xt_test[:len(body)])
    assert bits_equal(ref[:, -1], pred[:len(body)])

    with open(out_dir / "model" / "model.json", encoding="utf-8") as f:
        model = json.load(f)
    assert model["columns"] == columns
    assert bits_equal(model["coefficients"], reg.coef_) and model["intercept"] == reg.intercept_
    assert model["holdout"] == [int(i) for i in test_idx]


# --------------------------------------------------------------------------------------------

def log1p_implementation():
    feats = getattr(np.core._multiarray_umath, "__cpu_features__", {})
    return "numpy AVX-512 (SKX) kernel" if feats.get("AVX512_SKX") else "C library log1p"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=SAMPLE_DIR,
                    help="directory to write diamonds.normguard.json and model/ into "
                         "(default: samples/Diamonds)")
    ap.add_argument("--allow-other-sklearn", action="store_true",
                    help=f"run with a scikit-learn other than {EXPECTED_SKLEARN}")
    args = ap.parse_args()

    if sklearn.__version__ != EXPECTED_SKLEARN and not args.allow_other_sklearn:
        sys.exit(f"train_model.py: needs scikit-learn {EXPECTED_SKLEARN} (Debian python3-sklearn), "
                 f"found {sklearn.__version__} at {sklearn.__file__}")

    source = SAMPLE_DIR / SOURCE_REL
    source_sha = sha256_file(source)
    df = read_data(source)
    n = len(df)

    train_idx, test_idx = train_test_split(np.arange(n), test_size=0.2, random_state=42)
    train_idx, test_idx = np.sort(train_idx), np.sort(test_idx)
    train = df.iloc[train_idx].reset_index(drop=True)
    test = df.iloc[test_idx].reset_index(drop=True)

    ct = build_transformer()
    ct.fit(train[FEATURES])
    xt_train = ct.transform(train[FEATURES])
    xt_test = ct.transform(test[FEATURES])
    columns = output_columns(ct)
    assert xt_train.dtype == np.float64 and xt_train.shape[1] == len(columns)

    reg = Ridge(alpha=1.0)
    reg.fit(xt_train, np.log(train["price"].to_numpy()))
    pred = reg.predict(xt_test)
    price = test["price"].to_numpy()
    price_pred = np.exp(pred)
    metrics = {
        "rmse": float(math.sqrt(mean_squared_error(price, price_pred))),
        "mae": float(mean_absolute_error(price, price_pred)),
        "r2": float(r2_score(price, price_pred)),
        "mape": float(mean_absolute_percentage_error(price, price_pred)),
    }

    out = args.out
    manifest = build_manifest(ct, train, len(train_idx), source_sha)
    write_text(out / "diamonds.normguard.json", pretty(manifest) + "\n")

    model = {
        "target": "log(price)",
        "intercept": float(reg.intercept_),
        "coefficients": [float(c) for c in reg.coef_],
        "columns": columns,
        "holdout": [int(i) for i in test_idx],
        "trainRows": int(len(train_idx)),
        "metrics": metrics,
    }
    write_text(out / "model" / "model.json", pretty(model) + "\n")

    # The split, one value per data row, so that `normguard fit --split-file data/split.csv --train-value train`
    # refits the same training rows (see the sample's README).
    held_back = set(int(i) for i in test_idx)
    write_text(out / "data" / "split.csv", "split\n" + "".join("test\n" if i in held_back else "train\n" for i in range(n)))

    lines = [",".join(["row"] + columns + ["pred_log_price"])]
    for i in range(min(REFERENCE_ROWS, len(test_idx))):
        values = [repr(float(v)) for v in xt_test[i]] + [repr(float(pred[i]))]
        lines.append(",".join([str(int(test_idx[i]))] + values))
    write_text(out / "model" / "reference.csv", "\n".join(lines) + "\n")

    verify(out, ct, reg, test, test_idx, xt_test, pred, columns)

    print(f"train rows {len(train_idx)}, held-back rows {len(test_idx)}, "
          f"{len(columns)} output columns; log1p: {log1p_implementation()}")
    print("hold-out metrics (price): " + ", ".join(f"{k} {v:.6g}" for k, v in metrics.items()))
    print(f"manifest sha256 {manifest['sha256']}")
    print(f"wrote {out / 'diamonds.normguard.json'}, {out / 'model' / 'model.json'}, "
          f"{out / 'model' / 'reference.csv'}; verified")


if __name__ == "__main__":
    main()
