#!/usr/bin/python3
"""ONNX golden model for NormGuard's `onnx` profile: an ai.onnx.ml Scaler followed by an Add, as skl2onnx emits.

Run:  /usr/bin/python3 tests/NormGuard.Tests/Golden/make_onnx_scaler.py
      (Debian python3-sklearn 1.2.1 / python3-numpy 1.24 / python3-onnx 1.12; no onnxruntime needed.)

Writes next to this script:
  onnx_scaler.onnx            X float[N,6] -> Scaler(ai.onnx.ml v1; offset, scale) -> Add(B float[6]) -> Y float[N,6];
                              IR 8, opsets {"": 13, "ai.onnx.ml": 1}
  golden_onnx.normguard.json  manifest, profile `onnx`, dtype float32, the scikit-learn fitted parameters
  golden_onnx.train.csv       the 1,000 float32 training rows (shortest float32 text)
  golden_onnx.inputs.csv      2,000 float32 test inputs (in range, far out of range, exact min/max, +-0,
                              a few nan/inf/-inf/float32 max/subnormals at the top); the expected outputs are
                              produced by ONNX Runtime from the C# tests (OnnxProfileTests.cs).

Data: Generator(20261126), 1,000 rows, cast to float32 BEFORE fitting (a float32 pipeline):
  S1, S2  StandardScaler (one scaler, two columns; S2 has a large offset: 20000 + N(0, 3)).  Fitted on a
          C-ordered (n, 2) array, numpy sums each column sequentially row by row (not pairwise as for a single
          column), so S1's std differs in the last bit from the same column fitted alone (sklearn_fit_notes.md).
  M1      MinMaxScaler()
  A1      MaxAbsScaler()
  R1      RobustScaler()                          (percentiles 25/75)
  R2      RobustScaler(quantile_range=(10, 90))   (percentiles 10/90)

Graph, per feature (lane): Y = ((X - offset) * scale) + B, each op in float32.  Scaler computes
(X - offset) * scale; the Add then adds B.  Each Scaler attribute is computed in float64 from the fitted
attributes (whatever their dtype: mean_/var_/scale_ of StandardScaler and scale_ of RobustScaler are float64;
center_ of RobustScaler, scale_/min_ of MinMaxScaler and scale_ of MaxAbsScaler are float32 for float32 input)
and then rounded once to float32:
  StandardScaler  offset = mean_     scale = 1 / scale_    B = -0.0
  RobustScaler    offset = center_   scale = 1 / scale_    B = -0.0
  MaxAbsScaler    offset = 0         scale = 1 / scale_    B = -0.0
  MinMaxScaler    offset = 0         scale = scale_        B = min_
    where, as scikit-learn fits them (float32 arithmetic for float32 input):
      scale_ = f32((high - low) / f32(data_max_ - data_min_))   (a range < 10 * eps32 counts as 1)
      min_   = f32(low - f32(data_min_ * scale_))
x + -0.0 == x for every float32 x (+-0 and NaN included), and x - (+0.0) == x likewise, so the lanes that do
not use an op are bit-for-bit unchanged by it.  A single float64 division rounded to float32 equals the
float32 division (the double rounding is innocuous for + - * /), so these are also exactly what skl2onnx's
numpy expressions give.

How this relates to real skl2onnx (see onnx/sklearn-onnx skl2onnx/operator_converters/scaler_op.py):
  * StandardScaler / RobustScaler / MaxAbsScaler: skl2onnx emits exactly this Scaler (offset = mean_ or
    center_ or 0, scale = 1.0 / scale_, cast to float32).
  * MinMaxScaler: current skl2onnx does not use Scaler: it emits Mul(f32(scale_)) -> Add(f32(min_)) (i.e.
    scikit-learn's own x * scale_ + min_ in float32).  Here the Mul is the M1 lane of the Scaler (offset 0,
    scale scale_: (x - 0) * scale_ == x * scale_ exactly) and the Add is the M1 lane of B.  (Old skl2onnx
    <= ~1.9 emitted a Scaler with offset = -min_ / (scale_ + 1e-8); NormGuard's `onnx` profile does not
    follow that form.)
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
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import onnx.numpy_helper  # noqa: E402
import sklearn  # noqa: E402
from onnx import TensorProto, helper  # noqa: E402
from sklearn.preprocessing import MaxAbsScaler, MinMaxScaler, RobustScaler, StandardScaler  # noqa: E402

from goldenlib import f32_repr, file_sha256, write_manifest  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261126
N_TRAIN = 1000
N_TEST = 2000
FITTED_AT = "2026-11-26T00:00:00Z"
TOOL = "scikit-learn %s (make_onnx_scaler.py)" % sklearn.__version__
NAMES = ["S1", "S2", "M1", "A1", "R1", "R2"]
# sklearn's finiteness pre-check sums X; float32 max + -max overflows there: harmless
warnings.filterwarnings("ignore", category=RuntimeWarning)
assert sklearn.__version__ == "1.2.1" and onnx.__version__.startswith("1.12"), (sklearn.__version__, onnx.__version__)


def f32(v):
    return ctypes.c_float(v).value


def make_train():
    rng = np.random.default_rng(SEED)
    n = N_TRAIN
    cols = [rng.normal(5.0, 2.0, n),
            20000.0 + rng.normal(0.0, 3.0, n),
            rng.uniform(-3.0, 10.0, n),
            rng.uniform(-7.0, 4.0, n),
            None,
            rng.exponential(3.0, n)]
    r = rng.normal(100.0, 25.0, n)
    out = rng.random(n) < 0.03
    r[out] *= rng.uniform(5.0, 20.0, out.sum())
    cols[4] = r
    return np.stack(cols, axis=1).astype(np.float32), rng


def make_inputs(X, rng):
    fi = np.finfo(np.float32)
    cols = []
    for j in range(X.shape[1]):
        x = X[:, j]
        lo, hi = float(x.min()), float(x.max())
        w = hi - lo
        specials = [0.0, -0.0, lo, hi, float(np.nextafter(np.float32(lo), np.float32(-np.inf))),
                    float(np.nextafter(np.float32(hi), np.float32(np.inf))), 1.0, -1.0, float(np.median(x)),
                    float(np.mean(x, dtype=np.float64)),
                    np.nan, np.inf, -np.inf, float(fi.max), -float(fi.max), float(fi.tiny), float(fi.smallest_subnormal)]
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


def stats(x):
    x = np.asarray(x, dtype=np.float64)
    return {"count": int(len(x)), "missing": 0, "min": float(x.min()), "max": float(x.max()),
            "mean": float(np.mean(x)), "std": float(np.std(x)),
            "quantiles": [float(v) for v in np.percentile(x, np.arange(101))]}


def main():
    X, rng = make_train()
    std = StandardScaler().fit(X[:, 0:2])
    mm = MinMaxScaler().fit(X[:, 2:3])
    ma = MaxAbsScaler().fit(X[:, 3:4])
    r1 = RobustScaler().fit(X[:, 4:5])
    r2 = RobustScaler(quantile_range=(10, 90)).fit(X[:, 5:6])
    assert mm.scale_.dtype == np.float32 and mm.min_.dtype == np.float32 and ma.scale_.dtype == np.float32
    assert std.scale_.dtype == np.float64 and r1.center_.dtype == np.float32 and r1.scale_.dtype == np.float64

    # offset / scale / B in float64, rounded once to float32
    off64 = [float(std.mean_[0]), float(std.mean_[1]), 0.0, 0.0, float(r1.center_[0]), float(r2.center_[0])]
    sc64 = [1.0 / float(std.scale_[0]), 1.0 / float(std.scale_[1]), float(mm.scale_[0]), 1.0 / float(ma.scale_[0]),
            1.0 / float(r1.scale_[0]), 1.0 / float(r2.scale_[0])]
    add64 = [-0.0, -0.0, float(mm.min_[0]), -0.0, -0.0, -0.0]
    offset = [f32(v) for v in off64]
    scale = [f32(v) for v in sc64]
    add = [f32(v) for v in add64]
    # the same expressions the way skl2onnx evaluates them (numpy, in the attribute's own dtype) agree:
    assert scale[3] == float((1.0 / ma.scale_)[0].astype(np.float32))
    assert scale[2] == float(mm.scale_[0]) and add[2] == float(mm.min_[0])
    assert all(math.copysign(1.0, add[j]) == -1.0 and add[j] == 0.0 for j in (0, 1, 3, 4, 5))
    print("M1 MinMax: Mul scale_ = %r, Add min_ = %r" % (np.float32(scale[2]), np.float32(add[2])))

    scaler = helper.make_node("Scaler", ["X"], ["T"], domain="ai.onnx.ml", name="Scaler",
                              offset=offset, scale=scale)
    adder = helper.make_node("Add", ["T", "B"], ["Y"], name="Add")
    b_init = helper.make_tensor("B", TensorProto.FLOAT, [6], np.array(add, dtype=np.float32).tobytes(), raw=True)
    graph = helper.make_graph([scaler, adder], "normguard_golden_scaler",
                              [helper.make_tensor_value_info("X", TensorProto.FLOAT, ["N", 6])],
                              [helper.make_tensor_value_info("Y", TensorProto.FLOAT, ["N", 6])],
                              initializer=[b_init],
                              # onnx 1.12 infers no type for Scaler's output: declare it for the checker
                              value_info=[helper.make_tensor_value_info("T", TensorProto.FLOAT, ["N", 6])])
    model = helper.make_model(graph, producer_name="NormGuard make_onnx_scaler.py", producer_version="2",
                              opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid("ai.onnx.ml", 1)])
    model.ir_version = 8
    onnx.checker.check_model(model, full_check=True)
    path = os.path.join(HERE, "onnx_scaler.onnx")
    onnx.save(model, path)
    back = onnx.load(path)
    assert [n.op_type for n in back.graph.node] == ["Scaler", "Add"]
    attrs = {a.name: list(a.floats) for a in back.graph.node[0].attribute}
    assert attrs["offset"] == offset and attrs["scale"] == scale
    back_b = onnx.numpy_helper.to_array(back.graph.initializer[0])
    assert back_b.dtype == np.float32 and back_b.tobytes() == np.array(add, dtype=np.float32).tobytes()
    assert back.ir_version == 8

    # training rows, manifest
    tp = os.path.join(HERE, "golden_onnx.train.csv")
    with open(tp, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(NAMES)
        for row in X:
            w.writerow([f32_repr(v) for v in row])
    feats = [
        {"name": "S1", "steps": [{"op": "zscore", "mean": float(std.mean_[0]), "std": float(std.scale_[0])}]},
        {"name": "S2", "steps": [{"op": "zscore", "mean": float(std.mean_[1]), "std": float(std.scale_[1])}]},
        {"name": "M1", "steps": [{"op": "minmax", "min": float(mm.data_min_[0]), "max": float(mm.data_max_[0]),
                                  "low": 0, "high": 1, "clip": False}]},
        {"name": "A1", "steps": [{"op": "maxabs", "maxabs": float(ma.scale_[0])}]},
        {"name": "R1", "steps": [{"op": "robust", "center": float(r1.center_[0]), "scale": float(r1.scale_[0]),
                                  "lower": 25, "upper": 75}]},
        {"name": "R2", "steps": [{"op": "robust", "center": float(r2.center_[0]), "scale": float(r2.scale_[0]),
                                  "lower": 10, "upper": 90}]},
    ]
    for j, fe in enumerate(feats):
        # ai.onnx.ml.Scaler passes NaN through; NormGuard counts NaN as missing, so "propagate" reproduces it.
        fe["missing"] = "propagate"
        fe["stats"] = stats(X[:, j])
    manifest = {"format": "normguard.manifest/1", "featureSet": "golden_onnx", "version": 1, "profile": "onnx",
                "dtype": "float32",
                "fit": {"split": "train", "rows": N_TRAIN, "source": "golden_onnx.train.csv",
                        "sourceSha256": file_sha256(tp), "fittedAt": FITTED_AT, "tool": TOOL},
                "features": feats}
    sha = write_manifest(os.path.join(HERE, "golden_onnx.normguard.json"), manifest)

    # re-derive offset/scale/B from the manifest alone (what the generator must do) and compare bits
    with open(os.path.join(HERE, "golden_onnx.normguard.json"), encoding="utf-8") as f:
        man = json.load(f)
    der_off, der_sc, der_add = [], [], []
    for fe in man["features"]:
        s = fe["steps"][0]
        if s["op"] in ("zscore",):
            der_off.append(f32(s["mean"]))
            der_sc.append(f32(1.0 / s["std"]))
            der_add.append(-0.0)
        elif s["op"] == "robust":
            der_off.append(f32(s["center"]))
            der_sc.append(f32(1.0 / s["scale"]))
            der_add.append(-0.0)
        elif s["op"] == "maxabs":
            der_off.append(0.0)
            der_sc.append(f32(1.0 / s["maxabs"]))
            der_add.append(-0.0)
        elif s["op"] == "minmax":
            rg = f32(f32(s["max"]) - f32(s["min"]))
            if rg < 10 * 2.0 ** -23:
                rg = 1.0
            sc = f32(f32(s["high"] - s["low"]) / rg)
            mn = f32(f32(s["low"]) - f32(f32(s["min"]) * sc))
            der_off.append(0.0)
            der_sc.append(sc)
            der_add.append(mn)

    def bits(v):
        return [struct.pack("<f", x) for x in v]
    assert bits(der_off) == bits(offset) and bits(der_sc) == bits(scale) and bits(der_add) == bits(add), \
        (der_off, offset, der_sc, scale, der_add, add)
    print("offset/scale/B re-derived from the manifest: 18 of 18 bit-exact")

    # inputs
    T = make_inputs(X, rng)
    ip = os.path.join(HERE, "golden_onnx.inputs.csv")
    with open(ip, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(NAMES)
        for row in T:
            w.writerow([f32_repr(v) for v in row])

    # information only: how far the onnx arithmetic (float32 (x - offset) * scale) is from sklearn's float32
    # transform on the same inputs (finite inputs only; sklearn rejects inf)
    fin = np.isfinite(T).all(axis=1)
    Tf = T[fin]
    sk = np.concatenate([std.transform(Tf[:, 0:2]), mm.transform(Tf[:, 2:3]), ma.transform(Tf[:, 3:4]),
                         r1.transform(Tf[:, 4:5]), r2.transform(Tf[:, 5:6])], axis=1)
    on = ((Tf - np.array(offset, dtype=np.float32)) * np.array(scale, dtype=np.float32)) + np.array(add, dtype=np.float32)
    same = (sk.view(np.uint32) == on.view(np.uint32)) | (np.isnan(sk) & np.isnan(on))
    print("onnx graph f32(f32((x - offset) * scale) + B) vs sklearn float32 transform, finite rows (%d): differing "
          "per feature %s" % (len(Tf), dict(zip(NAMES, (~same).sum(axis=0).tolist()))))
    print("files: onnx_scaler.onnx (%d bytes), golden_onnx.normguard.json (sha256 %s), golden_onnx.train.csv, "
          "golden_onnx.inputs.csv (%d rows, %.2f MB)" % (os.path.getsize(path), sha, len(T),
                                                        os.path.getsize(ip) / 1e6))
    print("offset =", [repr(np.float32(v)) for v in offset])
    print("scale  =", [repr(np.float32(v)) for v in scale])
    print("B      =", [repr(np.float32(v)) for v in add])


if __name__ == "__main__":
    main()
