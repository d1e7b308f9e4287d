#!/usr/bin/python3
"""ONNX fixtures for ImportOnnxTests, written by the real ONNX writer (onnx.helper / onnx.save).

Run with Debian's interpreter, which has python3-onnx 1.12 and python3-numpy (the pyenv python3 on PATH has neither):

    /usr/bin/python3 tests/NormGuard.Tool.Tests/Data/onnx/make_onnx_fixtures.py

Each graph reproduces a shape a converter writes today (the converter and option named per fixture; skl2onnx's
converters are operator_converters/scaler_op.py and imputer_op.py), with the constants stored the ways exporters store
them: attributes, float_data, raw_data, shape [C], [1, C] or a scalar, initializers or Constant nodes. Every graph reads
float32 'X' of shape [N, 4] and writes 'Y'. The graphs whose name starts with refuse_ do something the manifest cannot
express; the tests expect the import to fail naming the node called 'culprit'.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
C = 4
OPSETS = [helper.make_opsetid("", 15), helper.make_opsetid("ai.onnx.ml", 1)]


def f32(values):
    return np.asarray(values, dtype=np.float32)


def init(name, values, shape=None, raw=True):
    """An initializer; raw=True stores raw_data (numpy_helper's way), raw=False float_data (helper.make_tensor's)."""
    array = f32(values)
    if shape is not None:
        array = array.reshape(shape)
    if raw:
        return numpy_helper.from_array(array, name)
    return helper.make_tensor(name, TensorProto.FLOAT, list(array.shape), array.flatten().tolist())


def save(name, nodes, initializers=(), producer="skl2onnx", inputs=None, outputs=None):
    inputs = inputs or [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, C])]
    outputs = outputs or [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [None, C])]
    graph = helper.make_graph(nodes, name, inputs, outputs, list(initializers))
    model = helper.make_model(graph, opset_imports=OPSETS, producer_name=producer, producer_version="1.16.0")
    model.ir_version = 8  # ONNX Runtime 1.31 reads IR 3..10; 8 is what skl2onnx 1.14-1.16 write
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, name + ".onnx"))


# scikit-learn-like fitted values: a column of epoch seconds, a tiny-scale column, a negative one and a constant one
mean = f32([1.7e9, 3.25e-7, -42.5, 5.0])
std = f32([2.5e6, 1.5e-9, 17.0, 1.0])
data_min = f32([-3.0, 0.0, 1e-3, 1e6])
data_max = f32([7.5, 255.0, 2e-3, 1e6 + 64.0])
range_ = np.where(data_max - data_min < 10 * np.finfo(np.float32).eps, np.float32(1), data_max - data_min)
mm_scale = (np.float32(1) / range_).astype(np.float32)  # scikit-learn: scale_ = (high - low) / range
mm_min = (np.float32(0) - data_min * mm_scale).astype(np.float32)  # min_ = low - data_min * scale_

# 1. skl2onnx >= 1.10 MinMaxScaler: Cast(to float) -> Mul(scale_) -> Add(min_), [C] initializers in raw_data
save("minmax_cast_mul_add", [
    helper.make_node("Cast", ["X"], ["cast"], to=TensorProto.FLOAT, name="Cast"),
    helper.make_node("Mul", ["cast", "scale"], ["mul"], name="Mul"),
    helper.make_node("Add", ["mul", "min"], ["Y"], name="Add"),
], [init("scale", mm_scale), init("min", mm_min)])

# 2. skl2onnx StandardScaler (default options): ai.onnx.ml.Scaler(offset = mean_, scale = 1 / scale_) as attributes
save("standard_scaler", [
    helper.make_node("Scaler", ["X"], ["Y"], domain="ai.onnx.ml", name="Scaler",
                     offset=mean.astype(np.float64).tolist(), scale=(1.0 / std.astype(np.float64)).tolist()),
])

# 3. skl2onnx StandardScaler/MaxAbsScaler with options={'div': 'div'}: Sub(mean_) -> Div(scale_); here scales that are
#    powers of two, so division equals multiplication by the exact reciprocal; constants shaped [1, C] in float_data
save("standard_sub_div_pow2", [
    helper.make_node("Sub", ["X", "mean"], ["sub"], name="Sub"),
    helper.make_node("Div", ["sub", "scale"], ["Y"], name="Div"),
], [init("mean", mean, (1, C), raw=False), init("scale", [2.0, 0.5, 1024.0, 2.0 ** -20], (1, C), raw=False)])

# 4. the same with a scikit-learn scale_ that is not a power of two: x / s is not x * f32(1/s) for every x -> refused
save("refuse_sub_div", [
    helper.make_node("Sub", ["X", "mean"], ["sub"], name="Sub"),
    helper.make_node("Div", ["sub", "scale"], ["Y"], name="culprit"),
], [init("mean", mean), init("scale", std)])

# 5. hand-written exporter: Sub -> Mul with [1, C] constants
save("sub_mul", [
    helper.make_node("Sub", ["X", "mean"], ["sub"], name="Sub"),
    helper.make_node("Mul", ["scale", "sub"], ["Y"], name="Mul"),  # the constant first: Mul commutes
], [init("mean", mean, (1, C)), init("scale", (1.0 / std.astype(np.float64)).astype(np.float32), (1, C))], producer="hand")

# 6. hand-written exporter: Add(-mean) -> Mul(1/std), where a feature's mean is 0 so the Add adds +0: x + 0 turns the
#    input -0 into +0, which an offset of -0 (x - (-0)) reproduces and an offset of 0 does not
neg_mean = f32([-1.5, 0.0, 0.0, 7.25])
save("add_mul_signed_zero", [
    helper.make_node("Add", ["X", "shift"], ["add"], name="Add"),
    helper.make_node("Mul", ["add", "scale"], ["Y"], name="Mul"),
], [init("shift", neg_mean), init("scale", [0.5, 3.0, -2.0, 1.0 / 3.0])], producer="hand")

# 7. ai.onnx.ml.Scaler with an offset of -0.0 (written by a converter that negates a zero shift, e.g. onnxmltools'
#    CoreML Scaler: offset = -shiftValue)
save("scaler_signed_zero_offset", [
    helper.make_node("Scaler", ["X"], ["Y"], domain="ai.onnx.ml", name="Scaler",
                     offset=[-0.0, -0.0, 2.5, -0.0], scale=[1.0, -4.0, 0.125, 3.0]),
], producer="onnxmltools")

# 8. hand-written: Mul and Add by scalars (shape []) as Constant nodes; the lane count comes from X's shape [N, 4]
save("mul_add_scalar_constants", [
    helper.make_node("Constant", [], ["k"], value=helper.make_tensor("k", TensorProto.FLOAT, [], [0.2])),
    helper.make_node("Constant", [], ["b"], value_float=-1.0),
    helper.make_node("Identity", ["X"], ["x"], name="Identity"),
    helper.make_node("Mul", ["x", "k"], ["mul"], name="Mul"),
    helper.make_node("Add", ["b", "mul"], ["Y"], name="Add"),
], producer="hand")

# 9. skl2onnx Pipeline(SimpleImputer(), StandardScaler()): Imputer(NaN -> statistics_) -> Scaler
fill = f32([1.7e9 + 128, 0.0, -0.0, 5.0])
save("imputer_scaler", [
    helper.make_node("Imputer", ["X"], ["imputed"], domain="ai.onnx.ml", name="Imputer",
                     imputed_value_floats=fill.tolist(), replaced_value_float=float("nan")),
    helper.make_node("Scaler", ["imputed"], ["Y"], domain="ai.onnx.ml", name="Scaler",
                     offset=mean.tolist(), scale=(1.0 / std.astype(np.float64)).tolist()),
])

# 10. skl2onnx Pipeline(SimpleImputer(strategy='constant', fill_value=-1), MinMaxScaler()): Imputer -> Cast -> Mul -> Add
save("imputer_cast_mul_add", [
    helper.make_node("Imputer", ["X"], ["imputed"], domain="ai.onnx.ml", name="Imputer",
                     imputed_value_floats=[-1.0], replaced_value_float=float("nan")),
    helper.make_node("Cast", ["imputed"], ["cast"], to=TensorProto.FLOAT, name="Cast"),
    helper.make_node("Mul", ["cast", "scale"], ["mul"], name="Mul"),
    helper.make_node("Add", ["mul", "min"], ["Y"], name="Add"),
], [init("scale", mm_scale), init("min", mm_min)])

# 11. a second input that the model casts to double for its own use (not a scaling): X's scaling imports, Z's Cast is noted
save("second_input_cast_to_double", [
    helper.make_node("Mul", ["X", "scale"], ["mul"], name="Mul"),
    helper.make_node("Add", ["mul", "min"], ["Y"], name="Add"),
    helper.make_node("Cast", ["Z"], ["Y2"], to=TensorProto.DOUBLE, name="CastZ"),
], [init("scale", mm_scale), init("min", mm_min)], producer="hand",
    inputs=[helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, C]), helper.make_tensor_value_info("Z", TensorProto.FLOAT, [None, 2])],
    outputs=[helper.make_tensor_value_info("Y", TensorProto.FLOAT, [None, C]), helper.make_tensor_value_info("Y2", TensorProto.DOUBLE, [None, 2])])

# refused: a Relu after the scaling
save("refuse_relu_after_add", [
    helper.make_node("Mul", ["X", "scale"], ["mul"], name="Mul"),
    helper.make_node("Add", ["mul", "min"], ["add"], name="Add"),
    helper.make_node("Relu", ["add"], ["Y"], name="culprit"),
], [init("scale", mm_scale), init("min", mm_min)], producer="hand")

# refused: a Mul by a second graph input (not a constant)
save("refuse_mul_by_input", [
    helper.make_node("Mul", ["X", "W"], ["Y"], name="culprit"),
], producer="hand", inputs=[helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, C]),
                            helper.make_tensor_value_info("W", TensorProto.FLOAT, [None, C])])

# refused: an Imputer that replaces 0 (not NaN): no missing policy says "treat 0 as missing"
save("refuse_imputer_of_zero", [
    helper.make_node("Imputer", ["X"], ["imputed"], domain="ai.onnx.ml", name="culprit",
                     imputed_value_floats=[1.0], replaced_value_float=0.0),
    helper.make_node("Scaler", ["imputed"], ["Y"], domain="ai.onnx.ml", name="Scaler", offset=[0.0], scale=[2.0]),
])

# refused: skl2onnx StandardScaler with options={'div': 'div_cast'}: computes in double
save("refuse_div_cast", [
    helper.make_node("Cast", ["X"], ["xd"], to=TensorProto.DOUBLE, name="culprit"),
    helper.make_node("Sub", ["xd", "mean"], ["sub"], name="Sub"),
    helper.make_node("Div", ["sub", "scale"], ["div"], name="Div"),
    helper.make_node("Cast", ["div"], ["Y"], to=TensorProto.FLOAT, name="CastBack"),
], [numpy_helper.from_array(mean.astype(np.float64), "mean"), numpy_helper.from_array(std.astype(np.float64), "scale")])

print("onnx", onnx.__version__, "wrote", len([f for f in os.listdir(HERE) if f.endswith(".onnx")]), "files to", HERE)
