"""Spark ML 3.x scaler transforms, transcribed to Python doubles, for `normguard import spark` (ImportSparkTests).

No JVM runs on the machine that made this file. Python floats are IEEE-754 binary64 with round-to-nearest, as the JVM's
double arithmetic is, so the same operations in the same order give the same bits. Each function below transcribes the
Scala source of Spark 3.0.0 through 3.5.x (the transform did not change in that range; the changes that made it what it
is, SPARK-28399, SPARK-28499 and SPARK-28579, are all in 3.0.0):

- org/apache/spark/ml/feature/StandardScaler.scala, StandardScalerModel.transform and object StandardScalerModel's
  getTransformFunc / transformWithBoth / transformWithShift / transformDenseWithScale;
- MinMaxScaler.scala, MinMaxScalerModel.transform (scaleArray, constantOutput, NaN left as is);
- MaxAbsScaler.scala, MaxAbsScalerModel.transform (scale = maxAbs.map(v => if (v == 0) 1.0 else 1 / v), then
  getTransformFunc(Array.empty, scale, false, true));
- RobustScaler.scala, RobustScalerModel.transform (getTransformFunc(median, range.map(v => if (v == 0) 0.0 else 1.0 / v),
  withCentering, withScaling)).

A model's vectors are stored as the estimators store them: `Vectors.dense(...).compressed` (ml/linalg/Vectors.scala,
Vector.compressedWithNNZ: sparse when 1.5 * (nnz + 1.0) < size, nnz counting v != 0, so a -0.0 is dropped and reads back
as +0.0). The transform then uses `toArray` of the stored vector, as Spark's reader gives it back.

Run: /usr/bin/python3 make_spark_transform_reference.py   (standard library only); writes spark_transform_reference.json.
Every double is written as 16 hex digits of its IEEE-754 bits, so NaN, -0.0 and subnormals travel exactly.
"""
import json
import math
import pathlib
import random
import struct

HERE = pathlib.Path(__file__).parent


def bits(x):
    return struct.pack(">d", x).hex()


def compressed(dense):
    """ml.linalg Vector.compressed of Vectors.dense(dense): the stored form {type, size, indices, values}."""
    nnz = sum(1 for v in dense if v != 0.0)
    if 1.5 * (nnz + 1.0) < len(dense):
        indices = [i for i, v in enumerate(dense) if v != 0.0]
        return {"type": 0, "size": len(dense), "indices": indices, "values": [bits(dense[i]) for i in indices]}
    return {"type": 1, "values": [bits(v) for v in dense]}


def to_array(stored):
    values = [struct.unpack(">d", bytes.fromhex(v))[0] for v in stored["values"]]
    if stored["type"] == 1:
        return values
    dense = [0.0] * stored["size"]
    for i, v in zip(stored["indices"], values):
        dense[i] = v
    return dense


def get_transform_func(shift, scale, with_shift, with_scale):
    """StandardScalerModel.getTransformFunc on a dense input, element by element."""
    def f(i, x):
        if with_shift and with_scale:
            return (x - shift[i]) * scale[i]  # transformWithBoth
        if with_shift:
            return x - shift[i]  # transformWithShift
        if with_scale:
            return x * scale[i]  # transformDenseWithScale
        return x
    return f


def standard(data, params):
    std, mean = to_array(data["std"]), to_array(data["mean"])
    scale = [0.0 if v == 0 else 1.0 / v for v in std]
    return get_transform_func(mean, scale, params["withMean"], params["withStd"])


def robust(data, params):
    rng, median = to_array(data["range"]), to_array(data["median"])
    scale = [0.0 if v == 0 else 1.0 / v for v in rng]
    return get_transform_func(median, scale, params["withCentering"], params["withScaling"])


def maxabs(data, params):
    scale = [1.0 if v == 0 else 1 / v for v in to_array(data["maxAbs"])]
    return get_transform_func([], scale, False, True)


def minmax(data, params):
    lo, hi = params["min"], params["max"]
    original_min, original_max = to_array(data["originalMin"]), to_array(data["originalMax"])
    scale = hi - lo
    min_value = lo
    constant_output = (lo + hi) / 2
    scale_array = []
    for i in range(len(original_max)):
        r = original_max[i] - original_min[i]
        scale_array.append(scale / r if r != 0 else 0.0)

    def f(i, x):
        if math.isnan(x):
            return x
        if scale_array[i] != 0:
            return (x - original_min[i]) * scale_array[i] + min_value
        return constant_output
    return f


# (name, model class, params the user set, dense vectors as fitted); Spark's defaults fill the other params
CASES = [
    ("standard_mean_std", "StandardScalerModel", {"withMean": True, "withStd": True}, {"std": [2.5, 0.0, 1e-9, 3e6, 0.1], "mean": [10.25, -3.0, 1e-3, 1.7e9, 0.0]}),
    ("standard_mean", "StandardScalerModel", {"withMean": True, "withStd": False}, {"std": [2.5, 0.0, 1e-9, 3e6, 0.1], "mean": [10.25, -3.0, 1e-3, 1.7e9, 0.0]}),
    ("standard_std", "StandardScalerModel", {}, {"std": [2.5, 0.0, 1e-9, 3e6, 0.1], "mean": [10.25, -3.0, 1e-3, 1.7e9, 0.0]}),
    ("standard_neither", "StandardScalerModel", {"withMean": False, "withStd": False}, {"std": [2.5, 0.0, 1e-9, 3e6, 0.1], "mean": [10.25, -3.0, 1e-3, 1.7e9, 0.0]}),
    # compressed to sparse vectors; the -0.0 mean is dropped by compression and reads back as +0.0
    ("standard_sparse", "StandardScalerModel", {"withMean": True, "withStd": True}, {"std": [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0, 0.0], "mean": [0.0, 0.0, 0.0, 0.0, 0.0, -0.0, 5.0, 0.0]}),
    ("minmax_default", "MinMaxScalerModel", {}, {"originalMin": [0.0, -5.0, 3.5, 0.0, 1e-300, -1e308], "originalMax": [10.0, 5.0, 3.5, 1e-9, 2e-300, 1e308]}),
    ("minmax_range", "MinMaxScalerModel", {"min": -1.0, "max": 2.0}, {"originalMin": [0.0, -5.0, 3.5, 0.0, 1e-300, -1e308], "originalMax": [10.0, 5.0, 3.5, 1e-9, 2e-300, 1e308]}),
    ("minmax_sparse", "MinMaxScalerModel", {"min": -1.0, "max": 1.0}, {"originalMin": [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -2.0], "originalMax": [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 7.0, 4.0]}),
    ("maxabs", "MaxAbsScalerModel", {}, {"maxAbs": [7.5, 0.0, 1e-12, 0.0, 3.0]}),
    ("maxabs_sparse", "MaxAbsScalerModel", {}, {"maxAbs": [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 4.0, 0.0]}),
    ("robust_default", "RobustScalerModel", {}, {"range": [20.0, 0.0, 0.5, 1e-300], "median": [100.0, 4.0, -0.25, 0.0]}),
    ("robust_both", "RobustScalerModel", {"withCentering": True, "lower": 0.1, "upper": 0.9, "relativeError": 0.0001}, {"range": [20.0, 0.0, 0.5, 1e-300], "median": [100.0, 4.0, -0.25, 0.0]}),
    ("robust_centering", "RobustScalerModel", {"withCentering": True, "withScaling": False}, {"range": [20.0, 0.0, 0.5, 1e-300], "median": [100.0, 4.0, -0.25, 0.0]}),
    ("robust_neither", "RobustScalerModel", {"withCentering": False, "withScaling": False}, {"range": [20.0, 0.0, 0.5, 1e-300], "median": [100.0, 4.0, -0.25, 0.0]}),
    ("robust_sparse", "RobustScalerModel", {"withCentering": True}, {"range": [0.0, 0.0, 0.0, 0.0, 0.0, 3.0, 0.0], "median": [0.0, 0.0, 0.0, 0.0, 0.0, 1.5, 0.0]}),
]

# setDefault(...) of StandardScalerParams, MinMaxScalerParams, RobustScalerParams (HasRelativeError: 0.001); MaxAbsScaler has
# none beyond outputCol (HasOutputCol: uid + "__output", added by the test's writer). DefaultParamsWriter writes them as
# "defaultParamMap" (Spark >= 2.4).
DEFAULTS = {
    "StandardScalerModel": {"withMean": False, "withStd": True},
    "MinMaxScalerModel": {"min": 0.0, "max": 1.0},
    "MaxAbsScalerModel": {},
    "RobustScalerModel": {"lower": 0.25, "upper": 0.75, "withCentering": False, "withScaling": True, "relativeError": 0.001},
}

TRANSFORMS = {"StandardScalerModel": standard, "MinMaxScalerModel": minmax, "MaxAbsScalerModel": maxabs, "RobustScalerModel": robust}
SPECIALS = [0.0, -0.0, math.nan, math.inf, -math.inf, 1.7976931348623157e308, -1.7976931348623157e308, 5e-324, -5e-324,
            2.2250738585072014e-308, 1e300, -1e-300, 2.5, 3.5, 1e-9, 1.0, -1.0]


def inputs(rng, centers):
    xs = list(SPECIALS)
    for c in centers:
        xs += [c, math.nextafter(c, math.inf), math.nextafter(c, -math.inf)]
    while len(xs) < 240:
        kind = rng.randrange(3)
        if kind == 0:
            c = centers[rng.randrange(len(centers))]
            xs.append(c + (rng.random() - 0.5) * 10.0 ** rng.randrange(-12, 12))
        elif kind == 1:
            xs.append((rng.random() - 0.3) * 10.0 ** rng.randrange(-300, 300))
        else:
            xs.append(struct.unpack(">d", rng.getrandbits(64).to_bytes(8, "big"))[0])
    return xs


rng = random.Random(20261206)
cases = []
for name, cls, params, dense in CASES:
    data = {column: compressed(values) for column, values in dense.items()}
    transform = TRANSFORMS[cls](data, {**DEFAULTS[cls], **params})
    size = len(next(iter(dense.values())))
    centers = sorted({v for values in dense.values() for v in values if math.isfinite(v)})
    xs = inputs(rng, centers)
    cases.append({
        "name": name,
        "class": cls,
        "paramMap": params,
        "defaultParamMap": DEFAULTS[cls],
        "data": data,
        "inputs": [bits(x) for x in xs],
        "outputs": [[bits(transform(i, x)) for x in xs] for i in range(size)],
    })

(HERE / "spark_transform_reference.json").write_text(json.dumps({
    "about": "Spark 3.x scaler transforms transcribed by make_spark_transform_reference.py; doubles as IEEE-754 hex",
    "cases": cases,
}, indent=1) + "\n")
print(f"wrote spark_transform_reference.json: {len(cases)} cases, {sum(len(c['inputs']) * len(c['outputs']) for c in cases)} outputs")
