#!/usr/bin/python3
"""The manifest of DriftMonitor's embedding tests (tests/NormGuard.Tests/EmbeddingMonitoring/DriftMonitorEmbeddingTests.cs).

Run:  /usr/bin/python3 tests/NormGuard.Tests/Manifests/Vectors/make_drift_docs_manifest.py
      then seal it with `normguard seal --manifest tests/NormGuard.Tests/Manifests/Vectors/drift_docs.normguard.json`.

Feature set drift_docs: a scalar `Clicks` (uniform on [0, 10]), the raw all-MiniLM-L6-v2 `Embedding` of the
SemanticSearch sample's baseline documents (samples/SemanticSearch/data/embeddings/baseline.npy, 500 x 384, float32)
with an l2 step, and a scalar `Age` (uniform on [0, 100]) after it, so a scalar feature's input sits behind the
vector's 384. The embedding's stats are numpy's, computed here independently of NormGuard: the norms of the raw
vectors in float64, population std, linear-interpolation percentiles, and the float64 mean vector.
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..", "..", "..")


def uniform_stats(low, high, count):
    return {
        "count": count, "missing": 0, "min": low, "max": high, "mean": (low + high) / 2,
        "std": (high - low) / np.sqrt(12.0),
        "quantiles": [low + (high - low) * p / 100 for p in range(101)],
    }


def main():
    x = np.load(os.path.join(ROOT, "samples", "SemanticSearch", "data", "embeddings", "baseline.npy"))
    assert x.dtype == np.float32 and x.shape == (500, 384), (x.dtype, x.shape)
    wide = x.astype(np.float64)
    norms = np.sqrt((wide * wide).sum(axis=1))
    norm = {
        "count": int(len(norms)), "min": float(norms.min()), "max": float(norms.max()),
        "mean": float(norms.mean()), "std": float(norms.std()),
        "quantiles": [float(q) for q in np.percentile(norms, np.arange(101))],
    }
    embedding_stats = {"count": int(len(norms)), "missing": 0, "norm": norm, "meanVector": [float(v) for v in wide.mean(axis=0)]}
    manifest = {
        "format": "normguard.manifest/1",
        "featureSet": "drift_docs",
        "version": 1,
        "profile": "normguard",
        "dtype": "float32",
        "fit": {"split": "train", "rows": 500, "source": "make_drift_docs_manifest.py (baseline.npy)"},
        "features": [
            {"name": "Clicks", "steps": [{"op": "zscore", "mean": 5.0, "std": 10 / np.sqrt(12.0)}], "stats": uniform_stats(0.0, 10.0, 500)},
            {"name": "Embedding",
             "space": {"name": "docs-minilm", "model": "sentence-transformers/all-MiniLM-L6-v2", "nativeDimension": 384, "dimension": 384},
             "steps": [{"op": "l2"}], "missing": "propagate", "stats": embedding_stats},
            {"name": "Age", "steps": [{"op": "minmax", "min": 0.0, "max": 100.0}], "stats": uniform_stats(0.0, 100.0, 500)},
        ],
    }
    with open(os.path.join(HERE, "drift_docs.normguard.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
