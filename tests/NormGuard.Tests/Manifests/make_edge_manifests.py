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
NULLABLE = [
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


for (name, profile, dtype, _, _, constants) in PROFILES:
    with open(name + ".normguard.json", "w") as f:
        f.write("{\n")
        m = manifest(name, profile, dtype, constants)
        head = [f'  "{k}": {json.dumps(v)}' for k, v in m.items() if k != "features"]
        f.write(",\n".join(head) + ',\n  "features": [\n')
        f.write(",\n".join("    " + json.dumps(x) for x in m["features"]))
        f.write("\n  ]\n}\n")

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
