#!/usr/bin/python3
"""Manifests for the generated-code parity tests (tests/NormGuard.Tests/Vectors/GeneratedVectorGoldenTests.cs).

Run:  /usr/bin/python3 tests/NormGuard.Tests/Golden/Vectors/make_embedding_manifests.py
      then seal each with `normguard seal` (the tests build without NG0017); wide_vectors.normguard.json is
      not regenerated when unchanged.

Reads the fitted parameters that make_vector_golden.py stored in vectors_384.npz (scikit-learn 1.2.1 StandardScaler and
PCA fitted on float32 embeddings) and writes them as vector features of normguard.manifest/1, one feature set per step
program, so that the generator bakes exactly these numbers into code. Every number is written with repr(), which
round-trips the float64 value (a float32 parameter is written as its exact float64 value).
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Manifests", "Vectors")
# One space name per feature set: each set below defines its space differently, which NG0020 refuses under one name.
SPACE = {"name": "golden-384", "model": "synthetic/low-rank-gaussian", "nativeDimension": 384}


def numbers(values):
    return [float(v) for v in np.asarray(values, dtype=np.float64).ravel()]


def write(feature_set, profile, steps, dimension, missing="error"):
    manifest = {
        "format": "normguard.manifest/1",
        "featureSet": feature_set,
        "version": 1,
        "profile": profile,
        "dtype": "float32",
        "fit": {"split": "train", "rows": 800, "source": "make_vector_golden.py (seed 384)"},
        "features": [{"name": "X", "space": dict(SPACE, name=SPACE["name"] + "/" + feature_set, dimension=dimension), "steps": steps, "missing": missing}],
    }
    with open(os.path.join(OUT, feature_set + ".normguard.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


def main():
    z = np.load(os.path.join(HERE, "vectors_384.npz"))
    k = int(z["truncate_k"][0])
    zscore = {"op": "zscore", "mean": numbers(z["zscore_mean"]), "std": numbers(z["zscore_scale"])}
    write("golden_vec_zscore_sklearn", "sklearn", [zscore], 384)
    write("golden_vec_zscore_normguard", "normguard", [zscore], 384)
    write("golden_vec_center_sklearn", "sklearn", [{"op": "center", "mean": numbers(z["center_mean"])}], 384)
    write("golden_vec_l2", "normguard", [{"op": "l2"}], 384)
    # PyTorch's default 1e-12, as the record's [L2Normalize(Epsilon = 1e-12)] writes it; the references used its float32.
    assert np.float32(1e-12) == z["l2_torch_eps"][0]
    write("golden_vec_l2_torch", "normguard", [{"op": "l2", "epsilon": 1e-12}], 384)
    write("golden_vec_truncate_l2", "normguard", [{"op": "truncate", "dimension": k}, {"op": "l2"}], k)
    components = z["pca_components"]
    write("golden_vec_pca_whiten", "sklearn", [{
        "op": "pca",
        "mean": numbers(z["pca_mean"]),
        "components": [numbers(row) for row in components],
        "explainedVariance": numbers(np.asarray(z["pca_divisors"], dtype=np.float32) ** 2),
        "whiten": True,
    }], components.shape[0])

    # A record that mixes scalar and vector features (the allocation and mixed-layout tests).
    mixed = {
        "format": "normguard.manifest/1", "featureSet": "embedded_docs", "version": 1, "profile": "normguard", "dtype": "float32",
        "fit": {"split": "train", "rows": 800},
        "features": [
            {"name": "Clicks", "steps": [{"op": "zscore", "mean": 3, "std": 2}]},
            {"name": "Embedding", "space": dict(SPACE, name=SPACE["name"] + "/embedded_docs", dimension=384),
             "steps": [{"op": "center", "mean": numbers(z["center_mean"])}, {"op": "l2"}], "missing": "propagate"},
            {"name": "Age", "steps": [{"op": "minmax", "min": 0, "max": 100, "low": 0, "high": 1}]},
        ],
    }
    with open(os.path.join(OUT, "embedded_docs.normguard.json"), "w", encoding="utf-8") as f:
        json.dump(mixed, f, indent=1)
        f.write("\n")

    # Wider than the generated code's stack scratch (4096 floats): its scratch comes from the shared array pool.
    wide = {"name": "wide-4100", "model": "synthetic/wide", "nativeDimension": 4100, "dimension": 8}
    write_space("wide_vectors", wide, [{"op": "l2"}, {"op": "truncate", "dimension": 8}])


def write_space(feature_set, space, steps):
    manifest = {
        "format": "normguard.manifest/1", "featureSet": feature_set, "version": 1, "profile": "normguard", "dtype": "float32",
        "fit": {"split": "train", "rows": 10},
        "features": [{"name": "V", "space": space, "steps": steps, "missing": "error"}],
    }
    with open(os.path.join(OUT, feature_set + ".normguard.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
