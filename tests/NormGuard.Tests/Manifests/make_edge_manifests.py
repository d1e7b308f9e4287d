#!/usr/bin/env python3
"""Writes the edge-value matrix: one manifest per profile (edge_<profile>.normguard.json) and the records that bind
them (../EdgeRecords.cs). Every record has the same members, so EdgeValueTests runs one matrix over all profiles.
Run from this directory: python3 make_edge_manifests.py"""
import json

# (member, C# type, attributes, manifest steps, missing policy or None for "error")
NUMERIC = [
    ("ZScore{T}", "{t}", "[ZScore]", [{"op": "zscore", "mean": 3.5, "std": 1.25}], None),
    ("MinMax{T}", "{t}", "[MinMax]", [{"op": "minmax", "min": -2, "max": 6, "low": 0, "high": 1}], None),
    ("MinMaxClip{T}", "{t}", "[MinMax(-1, 1, Clip = true)]", [{"op": "minmax", "min": -2, "max": 6, "low": -1, "high": 1, "clip": True}], None),
    ("MaxAbs{T}", "{t}", "[MaxAbs]", [{"op": "maxabs", "maxabs": 4}], None),
    ("Robust{T}", "{t}", "[Robust]", [{"op": "robust", "center": 1.5, "scale": 2.5}], None),
    ("Log1p{T}", "{t}", "[Log1p]", [{"op": "log1p"}], None),
    ("Log{T}", "{t}", "[Log]", [{"op": "log"}], None),
    ("Clip{T}", "{t}", "[Clip(-2, 2)]", [{"op": "clip", "min": -2, "max": 2}], None),
    ("Log1pZScore{T}", "{t}", "[Log1p, ZScore]", [{"op": "log1p"}, {"op": "zscore", "mean": 1.1, "std": 0.7}], None),
    ("ClipMinMax{T}", "{t}", "[Clip(0, 10), MinMax]", [{"op": "clip", "min": 0, "max": 10}, {"op": "minmax", "min": 0, "max": 10, "low": 0, "high": 1}], None),
    ("Pass{T}", "{t}", "[Passthrough]", [{"op": "passthrough"}], None),
]
INTEGERS = [
    ("ZScoreInt", "int", "[ZScore]", [{"op": "zscore", "mean": 3.5, "std": 1.25}], None),
    ("MinMaxInt", "int", "[MinMax]", [{"op": "minmax", "min": -2, "max": 6, "low": 0, "high": 1}], None),
    ("MaxAbsInt", "int", "[MaxAbs]", [{"op": "maxabs", "maxabs": 4}], None),
    ("PassInt", "int", "[Passthrough]", [{"op": "passthrough"}], None),
    ("ZScoreLong", "long", "[ZScore]", [{"op": "zscore", "mean": 3.5, "std": 1.25}], None),
    ("RobustLong", "long", "[Robust]", [{"op": "robust", "center": 1.5, "scale": 2.5}], None),
]
# NaN in a float or double member is a missing value: every op of NUMERIC also under "propagate" and a fill (0.3, which
# float32 pipelines round to float32 and float64 pipelines keep), besides the default "error" above.
POLICIES = [("Propagate", "propagate"), ("Fill", {"fill": 0.3})]
NULLABLE = [
    ("ZScoreNullableFloat", "float?", "[ZScore]", [{"op": "zscore", "mean": 3.5, "std": 1.25}], "error"),
    ("ZScoreNullableDouble", "double?", "[ZScore]", [{"op": "zscore", "mean": 3.5, "std": 1.25}], "propagate"),
    ("MinMaxNullableFloat", "float?", "[MinMax]", [{"op": "minmax", "min": -2, "max": 6, "low": 0, "high": 1}], {"fill": 2.5}),
    ("MaxAbsNullableInt", "int?", "[MaxAbs]", [{"op": "maxabs", "maxabs": 4}], "error"),
    ("Log1pZScoreNullableLong", "long?", "[Log1p, ZScore]", [{"op": "log1p"}, {"op": "zscore", "mean": 1.1, "std": 0.7}], {"fill": 3}),
    ("ClipNullableDouble", "double?", "[Clip(-2, 2)]", [{"op": "clip", "min": -2, "max": 2}], "error"),
    ("LogNullableFloat", "float?", "[Log]", [{"op": "log"}], "propagate"),
    ("PassNullableBool", "bool?", "[Passthrough]", [{"op": "passthrough"}], "propagate"),
    ("PassNullableDouble", "double?", "[Passthrough]", [{"op": "passthrough"}], {"fill": -0.5}),
]
CATEGORIES = [
    ("Color", "EdgeColor", "[OneHot]", [{"op": "onehot", "categories": ["Red", "Green", "Blue"], "unknown": "error"}], None),
    ("Tag", "string?", "[OneHot(Unknown = UnknownCategory.AllZeros)]", [{"op": "onehot", "categories": ["a", "b", "c"], "unknown": "allZeros"}], "propagate"),
    ("Code", "int?", "[OneHot]", [{"op": "onehot", "categories": ["3", "7", "11"], "unknown": "error"}], {"fill": 7}),
    ("Shade", "EdgeColor?", "[OneHot(Unknown = UnknownCategory.AllZeros)]", [{"op": "onehot", "categories": ["Blue", "Red"], "unknown": "allZeros"}], "error"),
    ("Name", "string", "[OneHot]", [{"op": "onehot", "categories": ["x", "y"], "unknown": "error"}], "error"),
]
# Constant in training: each profile's documented constant-feature handling (docs/rules/NG0011.md).
CONSTANT = [
    ("ZScoreConstant", "double", "[ZScore]", [{"op": "zscore", "mean": 2, "std": 0}], None),
    ("MinMaxConstant", "double", "[MinMax]", [{"op": "minmax", "min": 5, "max": 5, "low": 0, "high": 1}], None),
    ("MaxAbsConstant", "double", "[MaxAbs]", [{"op": "maxabs", "maxabs": 0}], None),
    ("RobustConstant", "double", "[Robust]", [{"op": "robust", "center": 1, "scale": 0}], None),
]

PROFILES = [
    # (feature set, profile, dtype, C# profile pin, type name, constant features allowed)
    ("edge_normguard", "normguard", "float32", "NormGuard", "EdgeNormGuard", True),
    ("edge_sklearn64", "sklearn", "float64", "ScikitLearn", "EdgeSklearn64", True),
    ("edge_sklearn32", "sklearn", "float32", "ScikitLearn", "EdgeSklearn32", True),
    # skl2onnx takes 1/std of a zero std: NG0011 is an error and nothing would be generated (docs/rules/NG0011.md).
    ("edge_onnx", "onnx", "float32", "Onnx", "EdgeOnnx", False),
    ("edge_mlnet", "mlnet", "float32", "MLNet", "EdgeMLNet", True),
    ("edge_spark", "spark", "float64", "Spark", "EdgeSpark", True),
]


def members(constants):
    rows = []
    for t, T in (("double", "Double"), ("float", "Float")):
        rows += [(n.format(T=T), ty.format(t=t), a, s, m) for (n, ty, a, s, m) in NUMERIC]
        for (suffix, policy) in POLICIES:
            rows += [(n.format(T=T) + suffix, ty.format(t=t), a, s, policy) for (n, ty, a, s, _) in NUMERIC]
    rows += INTEGERS + NULLABLE + CATEGORIES
    if constants:
        rows += CONSTANT
    return rows


def manifest(name, profile, dtype, constants):
    features = []
    for (member, _, _, steps, missing) in members(constants):
        feature = {"name": member, "steps": steps}
        if missing is not None:
            feature["missing"] = missing
        features.append(feature)
    return {"format": "normguard.manifest/1", "featureSet": name, "version": 1, "profile": profile, "dtype": dtype,
            "fit": {"split": "train", "rows": 1000, "source": "make_edge_manifests.py"}, "features": features}


# All-float structs in manifest order, so NormalizeBatch runs the stream kernels: every op the kernels take under each
# policy. 24 lanes (period 48) take the AVX-512 in-register path; the fallbacks run with the intrinsics disabled.
STREAM_OPS = [
    ("ZScore", "[ZScore]", [{"op": "zscore", "mean": 3.5, "std": 1.25}]),
    ("MinMax", "[MinMax]", [{"op": "minmax", "min": -2, "max": 6, "low": 0, "high": 1}]),
    ("MinMaxClip", "[MinMax(-1, 1, Clip = true)]", [{"op": "minmax", "min": -2, "max": 6, "low": -1, "high": 1, "clip": True}]),
    ("MinMaxClipWide", "[MinMax(0, 10, Clip = true)]", [{"op": "minmax", "min": -2, "max": 6, "low": 0, "high": 10, "clip": True}]),
    ("MaxAbs", "[MaxAbs]", [{"op": "maxabs", "maxabs": 4}]),
    ("Robust", "[Robust]", [{"op": "robust", "center": 1.5, "scale": 2.5}]),
    ("Clip", "[Clip(-2, 2)]", [{"op": "clip", "min": -2, "max": 2}]),
    ("Pass", "[Passthrough]", [{"op": "passthrough"}]),
]
STREAM_POLICIES = [("Error", None), ("Propagate", "propagate"), ("Fill", {"fill": 0.3})]


def stream_members():
    return [(op + suffix, attrs, steps, policy) for (suffix, policy) in STREAM_POLICIES for (op, attrs, steps) in STREAM_OPS]


def stream_manifest(name, profile, dtype):
    features = []
    for (member, _, steps, missing) in stream_members():
        feature = {"name": member, "steps": steps}
        if missing is not None:
            feature["missing"] = missing
        features.append(feature)
    return {"format": "normguard.manifest/1", "featureSet": name, "version": 1, "profile": profile, "dtype": dtype,
            "fit": {"split": "train", "rows": 1000, "source": "make_edge_manifests.py"}, "features": features}


def write(path, m):
    with open(path, "w") as f:
        f.write("{\n")
        head = [f'  "{k}": {json.dumps(v)}' for k, v in m.items() if k != "features"]
        f.write(",\n".join(head) + ',\n  "features": [\n')
        f.write(",\n".join("    " + json.dumps(x) for x in m["features"]))
        f.write("\n  ]\n}\n")


for (name, profile, dtype, _, type_name, _) in PROFILES:
    write(name.replace("edge_", "edge_stream_") + ".normguard.json", stream_manifest(name.replace("edge_", "edge_stream_"), profile, dtype))

for (name, profile, dtype, _, _, constants) in PROFILES:
    with open(name + ".normguard.json", "w") as f:
        f.write("{\n")
        m = manifest(name, profile, dtype, constants)
        head = [f'  "{k}": {json.dumps(v)}' for k, v in m.items() if k != "features"]
        f.write(",\n".join(head) + ',\n  "features": [\n')
        f.write(",\n".join("    " + json.dumps(x) for x in m["features"]))
        f.write("\n  ]\n}\n")

# Sealed, as a fitter writes them (NG0017 warns about a manifest without sha256).
from seal_fixtures import seal  # noqa: E402
for (name, _, _, _, _, _) in PROFILES:
    seal(name + ".normguard.json")
    seal(name.replace("edge_", "edge_stream_") + ".normguard.json")

with open("../EdgeRecords.cs", "w") as f:
    f.write("// Written by Manifests/make_edge_manifests.py with the edge_*.normguard.json manifests it binds to.\n")
    f.write("using NormGuard;\n\nnamespace NormGuard.Tests;\n\n")
    f.write("public enum EdgeColor\n{\n    Red,\n    Green,\n    Blue,\n    Violet,\n}\n")
    for (name, profile, dtype, pin, type_name, constants) in PROFILES:
        f.write(f"\n/// <summary>Every op, member type and missing policy under profile {profile} ({dtype}): Manifests/{name}.normguard.json.</summary>\n")
        f.write(f'[FeatureSet("{name}", Version = 1, Profile = NormalizationProfile.{pin})]\n')
        f.write(f"public sealed partial class {type_name}\n{{\n")
        for (member, ty, attrs, _, _) in members(constants):
            # A non-nullable string needs a value; the tests set every member before normalizing anyway.
            init = ' = "x";' if ty == "string" else ""
            f.write(f"    {attrs} public {ty} {member} {{ get; set; }}{init}\n")
        f.write("}\n")
    for (name, profile, dtype, pin, type_name, _) in PROFILES:
        stream = name.replace("edge_", "edge_stream_")
        f.write(f"\n/// <summary>All float32 in manifest order, so batches run the stream kernel: profile {profile} ({dtype}), Manifests/{stream}.normguard.json.</summary>\n")
        f.write(f'[FeatureSet("{stream}", Version = 1, Profile = NormalizationProfile.{pin})]\n')
        f.write(f"public partial struct {type_name.replace('Edge', 'EdgeStream')}\n{{\n")
        for (member, attrs, _, _) in stream_members():
            f.write(f"    {attrs} public float {member};\n")
        f.write("}\n")
