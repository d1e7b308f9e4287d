#!/usr/bin/python3
"""Golden fit of scikit-learn's StandardScaler on float32 embedding-like vectors, for NormGuard's vector fitter.

Run:  /usr/bin/python3 tests/NormGuard.Tests/Golden/Embeddings/make_embedding_scaler_golden.py
      (Debian python3-sklearn 1.2.1 / python3-numpy 1.24; no pip.)

Writes next to this script:
  embeddings.npy              1,000 x 48 float32, C order: unit-length rows with a shared direction (as sentence
                              embeddings have), dimension 7 set to the constant 0.125 (sklearn's constant-feature rule),
                              dimension 11 to values around 1e4 (rounding in the float64 sums matters there)
  embedding_scaler.json       StandardScaler().fit(X): mean_, var_, scale_ (float64, repr = shortest round trip),
                              n_samples_seen_, the row norms' count/min/max/mean/std/101 percentiles, and the two
                              covariance norms of a manifest's stats (below)
  minilm_covariance.json      the same two norms of the real all-MiniLM-L6-v2 baseline vectors of the SemanticSearch
                              sample (samples/SemanticSearch/data/embeddings/baseline.npy, 500 x 384)
  minilm_numpy.manifest.json  a manifest of those vectors (one vector feature, l2) whose stats numpy computed — norm
                              distribution, mean vector and the two covariance norms — sealed with the sha256 that
                              goldenlib computes (RFC 8785 over the whole document, stats included), so the C# reader
                              checks Python's hash of the new fields

Covariance norms: Σ = np.cov(X, rowvar=False, bias=True) (population covariance, computed in float64 from the float32
rows), its eigenvalues λ by np.linalg.eigvalsh, covarianceFrobenius = √Σλ² = √tr(Σ²) and covarianceSchatten4 =
(Σλ⁴)^¼ = (tr Σ⁴)^¼. The eigenvalue route is independent of NormGuard's (which sums the squared entries of Σ and of
Σ²); the script checks that the two routes agree here to 1e-12 relative.

No sentence-embedding model runs here (no PyPI): the vectors are synthetic, shaped like embeddings.

FACT checked below: numpy reduces axis 0 of a C-ordered float32 matrix with dtype=float64 row after row (each column
summed sequentially, not pairwise), which is what StandardScaler's _incremental_mean_and_var does for float32 input
(_safe_accumulator_op upcasts to float64). The script asserts that its sequential emulation gives mean_ and var_ bit for bit.
"""
import json
import os
import sys

import numpy as np
from sklearn.preprocessing import StandardScaler

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(16)
n, d = 1000, 48

direction = rng.normal(size=d)
raw = rng.normal(size=(n, d)) * rng.uniform(0.2, 2.0, size=d) + 3.0 * direction
X = (raw / np.linalg.norm(raw, axis=1, keepdims=True)).astype(np.float32)
X[:, 7] = np.float32(0.125)
X[:, 11] = (np.float32(1e4) + rng.normal(size=n).astype(np.float32)).astype(np.float32)
X = np.ascontiguousarray(X, dtype=np.float32)
assert X.dtype == np.float32 and X.flags["C_CONTIGUOUS"]

scaler = StandardScaler().fit(X)

# The order NormGuard reproduces: float64 sums, row by row.
total = np.zeros(d)
for i in range(n):
    total = total + X[i].astype(np.float64)
mean = total / n
correction = np.zeros(d)
squares = np.zeros(d)
for i in range(n):
    deviation = X[i].astype(np.float64) - mean
    correction = correction + deviation
    squares = squares + deviation * deviation
variance = (squares - correction * correction / n) / n
assert np.array_equal(mean, scaler.mean_), "mean_ is not the sequential float64 sum"
assert np.array_equal(variance, scaler.var_), "var_ is not the sequential corrected variance"
assert scaler.scale_[7] == 1.0, "the constant dimension keeps scale 1"

norms = np.sqrt(np.sum(X.astype(np.float64) ** 2, axis=1))


def covariance_norms(rows):
    sigma = np.cov(rows, rowvar=False, bias=True)
    eigenvalues = np.linalg.eigvalsh(sigma)
    frobenius = float(np.sqrt(np.sum(eigenvalues ** 2)))
    schatten4 = float(np.sum(eigenvalues ** 4) ** 0.25)
    # the entry route (what NormGuard computes), as a check of the eigenvalue route
    square = sigma @ sigma
    assert abs(np.sqrt(np.sum(sigma * sigma)) - frobenius) <= 1e-12 * frobenius
    assert abs(np.sum(square * square) ** 0.25 - schatten4) <= 1e-12 * schatten4
    assert schatten4 <= frobenius
    return {"frobenius": repr(frobenius), "schatten4": repr(schatten4), "rows": int(rows.shape[0]), "dimension": int(rows.shape[1])}


np.save(os.path.join(here, "embeddings.npy"), X)
with open(os.path.join(here, "embedding_scaler.json"), "w") as f:
    json.dump({
        "sklearn": __import__("sklearn").__version__,
        "numpy": np.__version__,
        "n_samples_seen": int(scaler.n_samples_seen_),
        "mean": [repr(float(v)) for v in scaler.mean_],
        "var": [repr(float(v)) for v in scaler.var_],
        "scale": [repr(float(v)) for v in scaler.scale_],
        "norm": {
            "count": n,
            "min": repr(float(norms.min())),
            "max": repr(float(norms.max())),
            "mean": repr(float(norms.mean())),
            "std": repr(float(norms.std())),
            "quantiles": [repr(float(q)) for q in np.percentile(norms, np.arange(101))],
        },
        "covariance": covariance_norms(X),
    }, f, indent=1)

sys.path.insert(0, os.path.join(here, ".."))
import goldenlib  # noqa: E402  (the shared RFC 8785 writer)

minilm = np.load(os.path.join(here, "..", "..", "..", "..", "samples", "SemanticSearch", "data", "embeddings", "baseline.npy"))
assert minilm.dtype == np.float32 and minilm.shape == (500, 384)
with open(os.path.join(here, "minilm_covariance.json"), "w") as f:
    json.dump({"numpy": np.__version__, "source": "samples/SemanticSearch/data/embeddings/baseline.npy",
               "covariance": covariance_norms(minilm)}, f, indent=1)

wide = minilm.astype(np.float64)
minilm_norms = np.sqrt((wide * wide).sum(axis=1))
minilm_covariance = covariance_norms(minilm)
goldenlib.write_manifest(os.path.join(here, "minilm_numpy.manifest.json"), {
    "format": "normguard.manifest/1", "featureSet": "minilm_numpy", "version": 1, "profile": "normguard", "dtype": "float32",
    "fit": {"split": "train", "rows": 500, "source": "make_embedding_scaler_golden.py (baseline.npy)"},
    "features": [{
        "name": "Embedding",
        "space": {"name": "docs-minilm", "model": "sentence-transformers/all-MiniLM-L6-v2", "nativeDimension": 384, "dimension": 384},
        "steps": [{"op": "l2"}], "missing": "error",
        "stats": {
            "count": 500, "missing": 0,
            "norm": {"count": 500, "min": float(minilm_norms.min()), "max": float(minilm_norms.max()),
                     "mean": float(minilm_norms.mean()), "std": float(minilm_norms.std()),
                     "quantiles": [float(q) for q in np.percentile(minilm_norms, np.arange(101))]},
            "meanVector": [float(v) for v in wide.mean(axis=0)],
            "covarianceFrobenius": float(minilm_covariance["frobenius"]),
            "covarianceSchatten4": float(minilm_covariance["schatten4"]),
        },
    }],
})
print("wrote embeddings.npy, embedding_scaler.json, minilm_covariance.json and minilm_numpy.manifest.json; sequential float64 sums equal mean_ and var_ bit for bit")
