#!/usr/bin/python3
"""Golden vectors for NormGuard's `sklearn` profile.

Run:  /usr/bin/python3 tests/NormGuard.Tests/Golden/make_sklearn_golden.py
      (Debian python3-sklearn 1.2.1 / python3-numpy 1.24; never a pip/pyenv Python.)

Writes, for dtype in (float64, float32), next to this script:
  golden_sklearn_fXX.normguard.json   manifest (docs/manifest-format.md) with sklearn's fitted parameters
  golden_sklearn_fXX.train.csv        the 1,000 training rows exactly as the pipeline saw them
  golden_sklearn_fXX.vectors.csv      2,000 test inputs and scikit-learn's outputs

Vectors CSV format
  header: the 16 input feature names, then one column per output: `out:<feature>` or, for one-hot,
  `out:<feature>=<category>`.  Numbers are the shortest text that round-trips in the pipeline's dtype
  (float64: Python repr; float32: numpy's shortest float32 repr), `nan`, `inf`, `-inf`, `-0.0` included.
  A cell `error` means scikit-learn raised for that input (see FACTS 1): the row's other cells are still
  valid because every feature has its own transformer and is transformed on its own.

Determinism
  numpy is pinned to its portable (libm) code path: the script re-executes itself with
  NPY_DISABLE_CPU_FEATURES = every run-time dispatched CPU feature (goldenlib.pin_numpy_portable).  Without
  that, numpy 1.24 on an AVX512_SKX CPU computes log/log1p with its own SIMD kernels and the L1Z/LZ columns
  would depend on the CPU that ran the script.  At the end the script starts itself again with `--native`
  (numpy's default dispatch) and reports how many outputs differ; only L1Z and LZ may differ.

FACTS found here (scikit-learn 1.2.1, numpy 1.24.2) -- printed again at the end, and in sklearn_fit_notes.md
  1. StandardScaler/MinMaxScaler/MaxAbsScaler/RobustScaler.transform accept NaN (it propagates) but raise
     ValueError("Input contains infinity ...") for +-inf (check_array force_all_finite="allow-nan").  So an
     inf input, and an inf produced by a preceding step (log(0) = -inf, log1p(-1) = -inf), gives `error`.
     FunctionTransformer (validate=False) lets inf through: passthrough P maps inf -> inf.  log of a negative
     number and log1p(x < -1) give NaN, which the scaler then propagates.
  2. float32 input: StandardScaler mean_/var_/scale_ are float64.  MinMaxScaler data_min_/data_max_/
     data_range_/scale_/min_ are float32.  MaxAbsScaler max_abs_/scale_ are float32.  RobustScaler center_ is
     float32 (np.nanmedian of float32 = float32 mean of the two middle values) but scale_ is float64 (np.
     nanpercentile returns float64 for float32 input because the interpolation weight is a float64 array).
  3. The transform arithmetic, confirmed with 0 differing bits below (`verify`):
       float64: zscore (x - mean_) / scale_;  robust (x - center_) / scale_;  maxabs x / scale_;
                minmax x * scale_ + min_ (two roundings, no FMA), scale_ = (high - low) / range,
                min_ = low - data_min_ * scale_;  clip np.clip (NaN stays NaN).
       float32: every in-place op whose other operand is a float64 array is computed in float64 and rounded
                to float32 (zscore: both ops; robust: x - center_ is a float32 op because center_ is float32,
                then / scale_ in float64 rounded); MinMax is entirely float32 (scale_, min_ float32;
                (high - low) and low are Python scalars cast to float32); MaxAbs is a float32 division.
       log/log1p on float32 are numpy's float32 ufuncs = glibc logf/log1pf (portable path), which are NOT
       (float)log((double)x): log1pf differs from the correctly rounded value for ~7 % of inputs here.
  4. Constant columns: StandardScaler scale_ = 1 and mean_ = (pairwise sum)/n: for 1,000 x 3.7 in float64 that
     is 3.700000000000001, so 3.7 maps to -8.9e-16, not 0 (float32: exactly f32(3.7)).  MinMaxScaler: range 0
     -> 1, so scale_ = high - low, the constant maps to `low` and x to low + (x - c)(high - low) -- NOT to the
     middle of the range.  The MinMax/MaxAbs "constant" test is absolute: range (max-abs) < 10 * eps of the
     attribute's dtype (1.19e-6 for float32 input!), see _handle_zeros_in_scale.
  5. OneHotEncoder on integers sorts categories numerically (3, 7, 11, 42), not as strings.
  6. Fitted parameters are reproducible bit for bit in plain arithmetic (fitter_checks, random_fitter_checks):
     numpy's pairwise summation in blocks of 8,192 for mean_/var_, the _lerp percentile with d = f32(b - a)
     for float32 input, and the median as f32(f32(a + b) / 2) for float32 input.
  7. numpy's default CPU dispatch makes float64 log/log1p (AVX512) and float32 log (AVX2/AVX512) differ from
     glibc in the last bit; hence the pinning described above.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldenlib  # noqa: E402

goldenlib.pin_numpy_portable()

import csv  # noqa: E402
import ctypes  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import struct  # noqa: E402
import subprocess  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import (FunctionTransformer, MaxAbsScaler, MinMaxScaler, OneHotEncoder,  # noqa: E402
                                   RobustScaler, StandardScaler)

from goldenlib import f32_repr, f64_repr, file_sha256, write_manifest  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261126
N_TRAIN = 1000
N_TEST = 2000
FITTED_AT = "2026-11-26T00:00:00Z"
TOOL = "scikit-learn %s (make_sklearn_golden.py)" % sklearn.__version__
assert sklearn.__version__ == "1.2.1", sklearn.__version__
assert np.__version__.startswith("1.24"), np.__version__
NATIVE = "--native" in sys.argv

warnings.filterwarnings("ignore", category=RuntimeWarning)  # log of negatives, overflow to inf: intended

CAT_VALUES = ["red", "green", "blue", "violet"]
CODE_VALUES = [3, 7, 11, 42]

# name, kind, manifest step template
FEATURES = ["Z", "ZConst", "ZEpoch", "ZTiny", "M", "MClip", "MConst", "A", "R", "R1090", "L1Z", "LZ", "ZC",
            "Cat", "Code", "P"]
NUMERIC = [f for f in FEATURES if f not in ("Cat", "Code")]


def make_transformer(name, dtype):
    return {
        "Z": lambda: StandardScaler(),
        "ZConst": lambda: StandardScaler(),
        "ZEpoch": lambda: StandardScaler(),
        "ZTiny": lambda: StandardScaler(),
        "M": lambda: MinMaxScaler(),
        "MClip": lambda: MinMaxScaler(feature_range=(-1, 2), clip=True),
        "MConst": lambda: MinMaxScaler(),
        "A": lambda: MaxAbsScaler(),
        "R": lambda: RobustScaler(),
        "R1090": lambda: RobustScaler(quantile_range=(10, 90)),
        "L1Z": lambda: Pipeline([("log1p", FunctionTransformer(np.log1p)), ("z", StandardScaler())]),
        "LZ": lambda: Pipeline([("log", FunctionTransformer(np.log)), ("z", StandardScaler())]),
        "ZC": lambda: Pipeline([("z", StandardScaler()),
                                ("clip", FunctionTransformer(np.clip, kw_args={"a_min": -3.0, "a_max": 3.0}))]),
        "Cat": lambda: OneHotEncoder(handle_unknown="ignore", sparse_output=False, dtype=dtype),
        "Code": lambda: OneHotEncoder(handle_unknown="error", sparse_output=False, dtype=dtype),
        "P": lambda: FunctionTransformer(None),
    }[name]()


# --------------------------------------------------------------------------------------------------------
# training data (float64, drawn in feature order from one Generator; float32 = the same values cast)
# --------------------------------------------------------------------------------------------------------

def make_train():
    rng = np.random.default_rng(SEED)
    n = N_TRAIN
    d = {}
    d["Z"] = rng.normal(5.0, 2.0, n)
    d["ZConst"] = np.full(n, 3.7)
    d["ZEpoch"] = (1_700_000_000 + rng.integers(-1_000_000, 1_000_001, n)).astype(np.float64)
    d["ZTiny"] = 1e-3 + rng.normal(0.0, 1e-9, n)
    d["M"] = rng.uniform(-3.0, 10.0, n)
    d["MClip"] = rng.normal(50.0, 15.0, n)
    d["MConst"] = np.full(n, -2.5)
    d["A"] = rng.uniform(-7.0, 4.0, n)
    r = rng.normal(100.0, 25.0, n)
    out = rng.random(n) < 0.03
    r[out] *= rng.uniform(5.0, 20.0, out.sum())
    d["R"] = r
    d["R1090"] = rng.exponential(3.0, n)
    d["L1Z"] = rng.lognormal(1.0, 1.0, n)
    d["LZ"] = rng.lognormal(2.0, 0.5, n)
    d["ZC"] = 1.0 + 2.0 * rng.standard_t(3.0, n)
    d["Cat"] = rng.choice(np.array(CAT_VALUES, dtype=object), n, p=[0.4, 0.3, 0.2, 0.1])
    d["Code"] = rng.choice(np.array(CODE_VALUES, dtype=np.int64), n)
    d["P"] = rng.normal(0.0, 100.0, n)
    return d


def as_dtype(col, name, dtype):
    if name == "Cat":
        return col.copy()
    if name == "Code":
        return col.astype(np.int64)
    return col.astype(dtype)


# --------------------------------------------------------------------------------------------------------
# test inputs
# --------------------------------------------------------------------------------------------------------

def make_test(train, dtype, fitted):
    rng = np.random.default_rng(SEED + (32 if dtype == np.float32 else 64))
    fi = np.finfo(dtype)
    cols = {}
    for name in NUMERIC:
        x = train[name]
        lo, hi = float(x.min()), float(x.max())
        rngw = (hi - lo) if hi > lo else max(abs(lo), 1.0)
        nd = lambda v, to: np.nextafter(dtype(v), dtype(to))  # noqa: E731
        specials = [0.0, -0.0, np.nan, np.inf, -np.inf, lo, hi, nd(lo, -np.inf), nd(lo, np.inf), nd(hi, -np.inf),
                    nd(hi, np.inf), 1.0, -1.0, 0.5, -0.5, 2.0, 100.0, -100.0,
                    fi.tiny, -fi.tiny, fi.smallest_subnormal, -fi.smallest_subnormal, fi.max, -fi.max,
                    fi.max / 2, -fi.max / 2, 1e30, -1e30, 1e-30, -1e-30, float(np.median(x)), float(x.mean())]
        specials += [float(v) for v in fitted.get(name, [])]
        if name in ("L1Z",):
            specials += [-1.0, nd(-1.0, 0.0), nd(-1.0, -2.0), -2.0, -1e-300, 1e-300, 1e-8, -0.999, fi.eps, -fi.eps]
        if name in ("LZ",):
            specials += [1e-300, fi.tiny, 1e-8, 1e-3, np.e, 1e10, 1e300, -1e-3]
        if name == "ZEpoch":
            specials += [1.7e9, 1_700_000_001.0, 1_699_000_000.0, 2_000_000_000.0, 0.0, 86400.0]
        far = []
        for k in (1e3, 3e3, 1e4, 3e4, 1e5, 3e5, 1e6):
            far += [lo - k * rngw, hi + k * rngw, -k * rngw, k * rngw]
        # Python's ** (glibc pow): np.power would take numpy's CPU-dispatched kernel and the inputs would
        # depend on the machine that ran the script
        kk = np.array([10.0 ** float(u) for u in rng.uniform(3.0, 6.0, 160)])
        far += list(np.where(rng.random(160) < 0.5, lo - kk * rngw, hi + kk * rngw))
        m = N_TEST - len(specials) - len(far)
        n_uni = m * 2 // 5
        n_tr = m // 5
        n_near = m - n_uni - n_tr
        uni = rng.uniform(lo, hi, n_uni) if hi > lo else lo + rng.normal(0, 1e-3, n_uni)
        trv = rng.choice(x, n_tr)
        # near the range: the training distribution widened by 50 %
        near = rng.uniform(lo - 0.5 * rngw, hi + 0.5 * rngw, n_near)
        allv = np.array(specials + far + list(uni) + list(trv) + list(near), dtype=np.float64)
        with np.errstate(over="ignore"):
            allv = allv.astype(dtype)
        assert len(allv) == N_TEST, (name, len(allv))
        cols[name] = allv
    cat = rng.choice(np.array(CAT_VALUES + ["mauve", "Red", "indigo"], dtype=object), N_TEST,
                     p=[0.3, 0.25, 0.15, 0.1, 0.1, 0.05, 0.05])
    cat[:7] = CAT_VALUES + ["mauve", "Red", "indigo"]
    cols["Cat"] = cat
    cols["Code"] = rng.choice(np.array(CODE_VALUES, dtype=np.int64), N_TEST)
    return cols


# --------------------------------------------------------------------------------------------------------
# transform one column, cell by cell where scikit-learn raises
# --------------------------------------------------------------------------------------------------------

def transform_cells(t, col, n_out):
    """Returns list of rows; each row is either a numpy vector of n_out outputs or the string 'error'."""
    res = [None] * len(col)

    def go(idx):
        X = col[idx].reshape(-1, 1)
        try:
            Y = t.transform(X)
        except ValueError:
            if len(idx) == 1:
                res[idx[0]] = "error"
                return
            h = len(idx) // 2
            go(idx[:h])
            go(idx[h:])
            return
        Y = np.asarray(Y)
        assert Y.shape == (len(idx), n_out)
        for j, i in enumerate(idx):
            res[i] = Y[j]

    go(np.arange(len(col)))
    return res


def fitted_attr_dtypes(t):
    est = t.steps[-1][1] if isinstance(t, Pipeline) else t
    if isinstance(t, Pipeline) and isinstance(est, FunctionTransformer):
        est = t.steps[0][1]
    return {k: str(getattr(v, "dtype", type(v).__name__)) for k, v in vars(est).items()
            if k.endswith("_") and not k.startswith("_") and k not in ("n_features_in_",)}


def step_estimator(t, cls):
    if isinstance(t, Pipeline):
        for _, s in t.steps:
            if isinstance(s, cls):
                return s
    return t


def stats_numeric(x):
    x = np.asarray(x, dtype=np.float64)
    return {"count": int(len(x)), "missing": 0, "min": float(x.min()), "max": float(x.max()),
            "mean": float(np.mean(x)), "std": float(np.std(x)),
            "quantiles": [float(v) for v in np.percentile(x, np.arange(101))]}


def steps_for(name, t):
    if name in ("Z", "ZConst", "ZEpoch", "ZTiny"):
        return [{"op": "zscore", "mean": float(t.mean_[0]), "std": float(t.scale_[0])}]
    if name in ("M", "MClip", "MConst"):
        lo, hi = t.feature_range
        return [{"op": "minmax", "min": float(t.data_min_[0]), "max": float(t.data_max_[0]), "low": lo, "high": hi,
                 "clip": bool(t.clip)}]
    if name == "A":
        return [{"op": "maxabs", "maxabs": float(t.scale_[0])}]
    if name in ("R", "R1090"):
        lo, hi = t.quantile_range
        return [{"op": "robust", "center": float(t.center_[0]), "scale": float(t.scale_[0]), "lower": lo,
                 "upper": hi}]
    if name in ("L1Z", "LZ"):
        z = t.named_steps["z"]
        return [{"op": "log1p" if name == "L1Z" else "log"},
                {"op": "zscore", "mean": float(z.mean_[0]), "std": float(z.scale_[0])}]
    if name == "ZC":
        z = t.named_steps["z"]
        kw = t.named_steps["clip"].kw_args
        return [{"op": "zscore", "mean": float(z.mean_[0]), "std": float(z.scale_[0])},
                {"op": "clip", "min": kw["a_min"], "max": kw["a_max"]}]
    if name == "Cat":
        return [{"op": "onehot", "categories": [str(c) for c in t.categories_[0]], "unknown": "allZeros"}]
    if name == "Code":
        return [{"op": "onehot", "categories": [str(int(c)) for c in t.categories_[0]], "unknown": "error"}]
    if name == "P":
        return [{"op": "passthrough"}]
    raise KeyError(name)


def out_names(name, t):
    if name in ("Cat", "Code"):
        return ["out:%s=%s" % (name, str(c)) for c in t.categories_[0]]
    return ["out:" + name]


# --------------------------------------------------------------------------------------------------------
# build one dtype
# --------------------------------------------------------------------------------------------------------

def build(dtype):
    tag = "f64" if dtype == np.float64 else "f32"
    rep = f64_repr if dtype == np.float64 else f32_repr
    raw = make_train()
    train = {n: as_dtype(raw[n], n, dtype) for n in FEATURES}
    fitted = {}
    info = {"dtypes": {}, "notes": []}
    for n in FEATURES:
        t = make_transformer(n, dtype)
        t.fit(train[n].reshape(-1, 1))
        fitted[n] = t
        info["dtypes"][n] = fitted_attr_dtypes(t)
    # values worth testing exactly: fitted centers
    centers = {}
    for n in NUMERIC:
        t = fitted[n]
        z = step_estimator(t, StandardScaler)
        if isinstance(z, StandardScaler):
            centers[n] = [z.mean_[0]] if n not in ("L1Z", "LZ") else []
        if isinstance(t, RobustScaler):
            centers[n] = [t.center_[0], t.center_[0] + t.scale_[0], t.center_[0] - t.scale_[0]]
        if isinstance(t, MinMaxScaler):
            centers[n] = [(t.data_min_[0] + t.data_max_[0]) / 2]
        if isinstance(t, MaxAbsScaler):
            centers[n] = [t.scale_[0], -t.scale_[0]]
    test = make_test(train, dtype, centers)

    # outputs
    header_in = list(FEATURES)
    header_out, outs = [], []
    for n in FEATURES:
        t = fitted[n]
        names = out_names(n, t)
        header_out += names
        cells = transform_cells(t, test[n], len(names))
        for c in cells:
            if not isinstance(c, str):
                assert c.dtype == dtype, (n, c.dtype)
        outs.append((n, names, cells))

    # manifest
    features = []
    for n in FEATURES:
        t = fitted[n]
        if n in ("Cat", "Code"):
            cats = list(t.categories_[0])
            counts = [int(np.sum(train[n] == c)) for c in cats]
            st = {"count": N_TRAIN, "missing": 0, "categoryCounts": counts}
        else:
            st = stats_numeric(train[n])
        feature = {"name": n, "steps": steps_for(n, t), "stats": st}
        if n not in ("Cat", "Code"):
            # scikit-learn's scalers pass NaN through (transform allows NaN); NormGuard counts NaN as missing, so the
            # policy that reproduces them is "propagate" (the default "error" would refuse the NaN vectors).
            feature["missing"] = "propagate"
        features.append(feature)
    manifest = {
        "format": "normguard.manifest/1",
        "featureSet": "golden_sklearn_" + tag,
        "version": 1,
        "profile": "sklearn",
        "dtype": "float64" if dtype == np.float64 else "float32",
        "fit": {"split": "train", "rows": N_TRAIN, "source": "golden_sklearn_%s.train.csv" % tag,
                "sourceSha256": None, "fittedAt": FITTED_AT, "tool": TOOL},
        "features": features,
    }

    def cell_text(n, v):
        if n == "Cat":
            return str(v)
        if n == "Code":
            return str(int(v))
        return rep(v)

    train_rows = [[cell_text(n, train[n][i]) for n in FEATURES] for i in range(N_TRAIN)]
    vec_rows = []
    for i in range(N_TEST):
        row = [cell_text(n, test[n][i]) for n in FEATURES]
        for n, names, cells in outs:
            c = cells[i]
            row += ["error"] * len(names) if isinstance(c, str) else [rep(v) for v in c]
        vec_rows.append(row)
    return dict(tag=tag, dtype=dtype, train=train, fitted=fitted, test=test, manifest=manifest,
                header=header_in + header_out, train_rows=train_rows, vec_rows=vec_rows, info=info)


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


# --------------------------------------------------------------------------------------------------------
# independent re-computation from the files (manifest parameters + vectors inputs)
# --------------------------------------------------------------------------------------------------------

libm = ctypes.CDLL("libm.so.6")
for _fn, _t in (("log", ctypes.c_double), ("log1p", ctypes.c_double), ("logf", ctypes.c_float),
                ("log1pf", ctypes.c_float)):
    getattr(libm, _fn).restype = _t
    getattr(libm, _fn).argtypes = [_t]


def f32(v):
    return ctypes.c_float(v).value  # C double->float conversion: round to nearest even, overflow -> inf


ERR = "error"


class ScalerError(Exception):
    pass


def apply_steps(steps, x, is32, variant="sklearn"):
    """The documented sklearn-profile arithmetic.  x: float (already exact in the dtype)."""
    rnd = f32 if is32 else (lambda v: v)
    for s in steps:
        op = s["op"]
        if op in ("zscore", "minmax", "maxabs", "robust") and math.isinf(x):
            raise ScalerError()
        if op == "zscore":
            m, sd = s["mean"], s["std"]
            if variant == "plain32" and is32:
                x = f32(f32(x - f32(m)) * f32(1.0 / sd))
            elif variant == "once" and is32:
                x = f32((x - m) / sd)
            else:
                x = rnd(rnd(x - m) / sd)
        elif op == "robust":
            c, sc = s["center"], s["scale"]  # center_ is float32 for float32 input (already exact)
            x = rnd(rnd(x - c) / sc)
        elif op == "maxabs":
            x = rnd(x / s["maxabs"])  # scale_ float32 for float32 input: a float32 division
        elif op == "minmax":
            lo, hi, mn, mx = s.get("low", 0), s.get("high", 1), s["min"], s["max"]
            if is32:
                rng_ = f32(mx - mn)
                if rng_ < 10 * 2.0 ** -23:
                    rng_ = 1.0
                scale = f32(f32(hi - lo) / rng_)
                mins = f32(f32(lo) - f32(mn * scale))
                x = f32(f32(x * scale) + mins)
            else:
                rng_ = mx - mn
                if rng_ < 10 * 2.0 ** -52:
                    rng_ = 1.0
                scale = (hi - lo) / rng_
                mins = lo - mn * scale
                x = x * scale + mins
            if s.get("clip", False) and not math.isnan(x):
                x = min(max(x, rnd(lo)), rnd(hi))
        elif op == "clip":
            if not math.isnan(x):
                x = min(max(x, rnd(s["min"])), rnd(s["max"]))
        elif op == "log1p":
            if is32 and variant == "viadouble":
                x = f32(libm.log1p(x))
            else:
                x = libm.log1pf(x) if is32 else libm.log1p(x)
        elif op == "log":
            if is32 and variant == "viadouble":
                x = f32(libm.log(x))
            else:
                x = libm.logf(x) if is32 else libm.log(x)
        elif op == "passthrough":
            pass
        else:
            raise KeyError(op)
    return [x]


def bits_equal(a, b, is32):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    fmt = "<f" if is32 else "<d"
    return struct.pack(fmt, a) == struct.pack(fmt, b)


def verify(tag, variants=("sklearn",)):
    with open(os.path.join(HERE, "golden_sklearn_%s.normguard.json" % tag), encoding="utf-8") as f:
        man = json.load(f)
    is32 = man["dtype"] == "float32"
    parse = (lambda s: f32(float(s))) if is32 else float
    with open(os.path.join(HERE, "golden_sklearn_%s.vectors.csv" % tag), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    col = {h: i for i, h in enumerate(header)}
    results = {}
    for variant in variants:
        total = diff = 0
        per = {}
        for feat in man["features"]:
            name, steps = feat["name"], feat["steps"]
            fd = 0
            for r in rows:
                raw = r[col[name]]
                if steps[0]["op"] == "onehot":
                    cats = steps[0]["categories"]
                    got = [1.0 if raw == c else 0.0 for c in cats]
                    if raw not in cats and steps[0]["unknown"] == "error":
                        got = ERR
                    outs = ["out:%s=%s" % (name, c) for c in cats]
                else:
                    x = parse(raw)
                    try:
                        got = apply_steps(steps, x, is32, variant)
                    except ScalerError:
                        got = ERR
                    outs = ["out:" + name]
                want = [r[col[o]] for o in outs]
                for k, w in enumerate(want):
                    total += 1
                    if w == ERR or got == ERR:
                        ok = (w == ERR and got == ERR)
                    else:
                        ok = bits_equal(parse(w), got[k], is32)
                    if not ok:
                        fd += 1
            per[name] = fd
            diff += fd
        results[variant] = (total, diff, per)
    return results


# --------------------------------------------------------------------------------------------------------
# fitter recipe checks: numpy's summation / median / percentile reproduced in plain Python
# --------------------------------------------------------------------------------------------------------

def np_pairwise(a):
    """numpy's pairwise summation (umath loops, PW_BLOCKSIZE 128, 8 accumulators)."""
    n = len(a)
    if n < 8:
        res = -0.0
        for v in a:
            res += v
        return res
    if n <= 128:
        r = list(a[:8])
        i = 8
        while i < n - (n % 8):
            for j in range(8):
                r[j] += a[i + j]
            i += 8
        res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        while i < n:
            res += a[i]
            i += 1
        return res
    n2 = n // 2
    n2 -= n2 % 8
    return np_pairwise(a[:n2]) + np_pairwise(a[n2:])


def np_sum(a):
    """np.sum(x, axis=0) of an (n, 1) column (float32 input: dtype=np.float64, i.e. the exact float64 values):
    the reduction starts from the identity +0.0 and adds, in order, the pairwise sum of each block of 8,192
    values (numpy's iterator buffer size; checked for n up to 60,000, float64 and float32 input)."""
    a = [float(v) for v in a]
    acc = 0.0
    for i in range(0, len(a), 8192):
        acc += np_pairwise(a[i:i + 8192])
    return acc


def emulate_standard(x):
    n = len(x)
    x = [float(v) for v in x]
    s = np_sum(x)
    mean = s / n
    temp = [v - mean for v in x]
    corr = np_sum(temp)
    sq = np_sum([t * t for t in temp])
    var = (sq - corr * corr / n) / n
    eps = 2.0 ** -52
    const = var <= n * eps * var + (n * mean * eps) ** 2
    return mean, var, (1.0 if const else math.sqrt(var))


def emulate_percentile(sorted_x, p, is32):
    n = len(sorted_x)
    q = p / 100.0
    vi = (n - 1) * q
    j = math.floor(vi)
    if vi >= n - 1:
        return sorted_x[-1]
    g = vi - j
    a, b = float(sorted_x[j]), float(sorted_x[j + 1])
    d = f32(b - a) if is32 else b - a
    return b - d * (1 - g) if g >= 0.5 else a + d * g


def emulate_median(sorted_x, is32):
    n = len(sorted_x)
    if n % 2:
        return float(sorted_x[n // 2])
    a, b = float(sorted_x[n // 2 - 1]), float(sorted_x[n // 2])
    return f32(f32(a + b) / 2) if is32 else (a + b) / 2


def fitter_checks(b):
    is32 = b["dtype"] == np.float32
    out = []
    for n in ("Z", "ZConst", "ZEpoch", "ZTiny", "L1Z", "LZ", "ZC"):
        t = b["fitted"][n]
        z = step_estimator(t, StandardScaler)
        x = b["train"][n]
        if n == "L1Z":
            x = np.log1p(x)
        if n == "LZ":
            x = np.log(x)
        m, v, s = emulate_standard(x)
        ok = (m == z.mean_[0], v == z.var_[0], s == z.scale_[0])
        out.append("%s: mean_ %s, var_ %s, scale_ %s (pairwise-sum emulation)" % (
            (n,) + tuple("bit-exact" if o else "DIFF" for o in ok)))
    for n in ("R", "R1090"):
        t = b["fitted"][n]
        xs = np.sort(b["train"][n])
        lo, hi = t.quantile_range
        c = emulate_median(xs, is32)
        s = emulate_percentile(xs, hi, is32) - emulate_percentile(xs, lo, is32)
        out.append("%s: center_ %s, scale_ %s (emulation of nanmedian / nanpercentile _lerp)" % (
            n, "bit-exact" if c == float(t.center_[0]) else "DIFF", "bit-exact" if s == float(t.scale_[0]) else "DIFF"))
    bad = 0
    for feat in b["manifest"]["features"]:
        if "quantiles" not in feat["stats"]:
            continue
        xs = np.sort(np.asarray(b["train"][feat["name"]], dtype=np.float64))
        for p, qv in enumerate(feat["stats"]["quantiles"]):
            if emulate_percentile(xs, p, False) != qv:
                bad += 1
    out.append("stats.quantiles (float64, p/100.0 then (n-1)*q, _lerp): %d differing of %d" % (
        bad, 101 * len(NUMERIC)))
    return out


def random_fitter_checks():
    """The same recipes on random data: sizes 2..5001 (below and above nanmedian's 600-row switch), both dtypes,
    several quantile ranges."""
    rng = np.random.default_rng(9)
    n_std = n_rob = bad = 0
    for n in (2, 3, 7, 8, 100, 101, 200, 599, 600, 601, 1000, 5001):
        for dt in (np.float64, np.float32):
            is32 = dt == np.float32
            for _ in range(5):
                x = (rng.normal(0, 1, n) * 10 ** float(rng.uniform(-3, 6)) + rng.normal(0, 1e4)).astype(dt)
                xs = np.sort(x)
                for qr in ((25, 75), (10, 90), (1, 99), (33.3, 66.7)):
                    r = RobustScaler(quantile_range=qr).fit(x.reshape(-1, 1))
                    c = emulate_median(xs, is32)
                    s = emulate_percentile(xs, qr[1], is32) - emulate_percentile(xs, qr[0], is32)
                    s = 1.0 if s < 10 * 2.0 ** -52 else s
                    n_rob += 1
                    bad += (c != float(r.center_[0])) + (s != float(r.scale_[0]))
                z = StandardScaler().fit(x.reshape(-1, 1))
                m, v, sc = emulate_standard(x)
                n_std += 1
                bad += (m != z.mean_[0]) + (v != z.var_[0]) + (sc != z.scale_[0])
    return "random fits: %d StandardScaler + %d RobustScaler, attributes differing from the recipes: %d" % (
        n_std, n_rob, bad)


# --------------------------------------------------------------------------------------------------------

def native_check():
    """Run with numpy's default CPU dispatch; compare outputs with the files written by the pinned run."""
    for dtype in (np.float64, np.float32):
        b = build(dtype)
        tag = b["tag"]
        with open(os.path.join(HERE, "golden_sklearn_%s.vectors.csv" % tag), encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        header, rows = rows[0], rows[1:]
        diffs = {}
        for j, h in enumerate(header):
            d = sum(1 for i in range(len(rows)) if rows[i][j] != b["vec_rows"][i][j])
            if d:
                diffs[h] = d
        with open(os.path.join(HERE, "golden_sklearn_%s.normguard.json" % tag), encoding="utf-8") as f:
            man = json.load(f)
        pdiff = [f1["name"] for f1, f2 in zip(man["features"], b["manifest"]["features"])
                 if f1["steps"] != f2["steps"] or f1["stats"] != f2["stats"]]
        with open(os.path.join(HERE, "golden_sklearn_%s.train.csv" % tag), encoding="utf-8", newline="") as f:
            tr = list(csv.reader(f))[1:]
        print("NATIVE %s: cells differing from the pinned (portable) run: %s; manifest features differing: %s; "
              "train rows identical: %s" % (tag, diffs or "none", pdiff or "none", tr == b["train_rows"]))


def main():
    if NATIVE:
        native_check()
        return
    facts = []
    for dtype in (np.float64, np.float32):
        b = build(dtype)
        tag = b["tag"]
        tp = os.path.join(HERE, "golden_sklearn_%s.train.csv" % tag)
        write_csv(tp, FEATURES, b["train_rows"])
        b["manifest"]["fit"]["sourceSha256"] = file_sha256(tp)
        sha = write_manifest(os.path.join(HERE, "golden_sklearn_%s.normguard.json" % tag), b["manifest"])
        vp = os.path.join(HERE, "golden_sklearn_%s.vectors.csv" % tag)
        write_csv(vp, b["header"], b["vec_rows"])
        print("== %s: manifest sha256 %s, vectors %d rows x %d cols, %.2f MB" % (
            tag, sha, len(b["vec_rows"]), len(b["header"]), os.path.getsize(vp) / 1e6))
        print("   fitted attribute dtypes:")
        seen = set()
        for n, d in b["info"]["dtypes"].items():
            key = (type(step_estimator(b["fitted"][n], (StandardScaler, MinMaxScaler, MaxAbsScaler, RobustScaler,
                                                         OneHotEncoder))).__name__, tuple(sorted(d.items())))
            if key in seen:
                continue
            seen.add(key)
            print("     %-8s %s" % (n, d))
        f = b["fitted"]
        print("   ZTiny scale_ = %r (mean_ %r): not constant" % (f["ZTiny"].scale_[0], f["ZTiny"].mean_[0]))
        zc = f["ZConst"]
        print("   ZConst mean_ = %r (== 3.7 as %s: %s), var_ = %r, scale_ = %r" % (
            zc.mean_[0], tag, zc.mean_[0] == float(dtype(3.7)), zc.var_[0], zc.scale_[0]))
        mc = f["MConst"]
        print("   MConst data_range_ = %r -> scale_ %r, min_ %r" % (mc.data_range_[0], mc.scale_[0], mc.min_[0]))
        print("   R center_ %r (%s) scale_ %r (%s)" % (f["R"].center_[0], f["R"].center_.dtype, f["R"].scale_[0],
                                                     f["R"].scale_.dtype))
        print("   Code categories_ %s dtype %s; Cat categories_ %s" % (
            list(f["Code"].categories_[0]), f["Code"].categories_[0].dtype, list(f["Cat"].categories_[0])))
        errs = {}
        for j, h in enumerate(b["header"]):
            c = sum(1 for r in b["vec_rows"] if r[j] == "error")
            if c and h.startswith("out:"):
                errs[h] = c
        print("   `error` cells (sklearn raised) per output: %s" % errs)
        for line in fitter_checks(b):
            print("   fitter: " + line)
        variants = ("sklearn", "plain32", "once", "viadouble") if dtype == np.float32 else ("sklearn",)
        res = verify(tag, variants)
        total, diff, per = res["sklearn"]
        print("   VERIFY %s: documented formulas vs vectors file: %d differing of %d output cells %s" % (
            tag, diff, total, {k: v for k, v in per.items() if v} or ""))
        assert diff == 0
        for v in variants[1:]:
            t2, d2, p2 = res[v]
            print("   (alternative '%s': %d differing; per feature %s)" % (v, d2, {k: x for k, x in p2.items() if x}))
    print("== fitter recipes, " + random_fitter_checks())
    print("== native numpy dispatch check (L1Z/LZ are expected to differ on AVX512 CPUs):")
    sys.stdout.flush()
    env = {k: v for k, v in os.environ.items() if k != "NPY_DISABLE_CPU_FEATURES"}
    subprocess.check_call([sys.executable, os.path.abspath(__file__), "--native"], env=env)


if __name__ == "__main__":
    main()
