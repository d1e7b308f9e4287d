#!/usr/bin/python3
"""`normguard verify` vector files built from scikit-learn's own outputs (docs/cli.md#verify, docs/embeddings.md).

Run:  /usr/bin/python3 tests/NormGuard.Tests/Golden/Vectors/make_verify_csvs.py
      (Debian python3-sklearn 1.2.1 / python3-numpy 1.24; reads only the committed vectors_384.npz / vectors_1536.npz,
      which make_vector_golden.py wrote from scikit-learn: no fitting happens here.)

Writes into verify/ beside this script, for the manifests of ../../Manifests/Vectors (make_embedding_manifests.py took
their parameters from the same fits):
  center_sklearn_384.vectors.csv     golden_vec_center_sklearn   StandardScaler(with_std=False).transform  (center_sklearn)
  zscore_sklearn_384.vectors.csv     golden_vec_zscore_sklearn   StandardScaler().transform                (zscore_sklearn)
  l2_384.vectors.csv                 golden_vec_l2               normalize(X, norm="l2")                   (l2_sklearn)
  truncate_l2_384.vectors.csv        golden_vec_truncate_l2      normalize(X[:, :128], norm="l2")          (truncate_sklearn)
  l2_1536.vectors.csv + l2_1536.manifest.json (written here, sealed; one l2 feature of 1,536 dimensions; not named
                                     *.normguard.json so that no build binds it)          normalize(X, norm="l2")
Format (docs/cli.md#verify): one column per input element X[0] … X[d-1], one out:X[i] per output element; every value
the shortest text that reads back as the same float32. Rows: the 12 edge rows of make_vector_golden.py, then the first
drawn rows (18 of 384 dimensions, 6 of 1,536: the files stay small), minus the rows where scikit-learn's float32
einsum norm overflows (`huge`, `overflowing_norm`: scikit-learn returns zeros there and NormGuard the unit vector, the
documented divergence of docs/vector-arithmetic.md, which a ulp tolerance does not express).

PCA is left out on purpose: scikit-learn's float32 BLAS projection differs from NormGuard's order by many ulps near
zero (up to 48,556 on these data), bounded only relative to sum|c_i w_ji| (docs/vector-arithmetic.md), which
--tolerance-ulps cannot state.

EXPECTED, written before this script or verify first ran on these files (tests/NormGuard.Tool.Tests/VerifyVectorTests.cs
asserts each):
  - center_sklearn_384, zscore_sklearn_384: element-wise steps, bit-exact (docs/vector-arithmetic.md: 0 differing
    bits) -> `normguard verify` exits 0 with --tolerance-ulps 0.
  - l2_384, truncate_l2_384: scikit-learn's float32 einsum norm differs from NormGuard's in the last bit on a good part
    of the rows (37-51 % of elements on the goldens) -> exit 2 at --tolerance-ulps 0; the docs state at most 2 ulps
    for d = 384 and for truncate(128) -> exit 0 at --tolerance-ulps 2.
  - l2_1536: exit 2 at 0; the docs state at most 3 ulps for d = 1,536 -> exit 0 at --tolerance-ulps 3.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import goldenlib  # noqa: E402

import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "verify")
EDGE_ROWS = 12
F32 = np.float32


def finite_norm_rows(x):
    """Rows whose scikit-learn float32 norm (np.einsum, as normalize takes it) is finite."""
    with np.errstate(over="ignore"):
        return np.isfinite(np.sqrt(np.einsum("ij,ij->i", x, x)))


def write_csv(name, feature, x, y, rows):
    d, k = x.shape[1], y.shape[1]
    header = [f"{feature}[{i}]" for i in range(d)] + [f"out:{feature}[{i}]" for i in range(k)]
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(goldenlib.f32_repr(v) for v in np.concatenate([x[r], y[r]])) + "\n")
    print(f"{name}: {len(rows)} rows, {d} inputs and {k} outputs each")


def rows_of(x, drawn, finite):
    chosen = list(range(EDGE_ROWS)) + list(range(EDGE_ROWS, EDGE_ROWS + drawn))
    return [r for r in chosen if finite[r]]


def main():
    os.makedirs(OUT, exist_ok=True)
    z = np.load(os.path.join(HERE, "vectors_384.npz"))
    x = z["x"]
    assert x.dtype == F32 and x.shape[1] == 384
    everything = np.ones(len(x), bool)
    write_csv("center_sklearn_384.vectors.csv", "X", x, z["center_sklearn"], rows_of(x, 18, everything))
    write_csv("zscore_sklearn_384.vectors.csv", "X", x, z["zscore_sklearn"], rows_of(x, 18, everything))
    write_csv("l2_384.vectors.csv", "X", x, z["l2_sklearn"], rows_of(x, 18, finite_norm_rows(x)))
    k = int(z["truncate_k"][0])
    write_csv("truncate_l2_384.vectors.csv", "X", x, z["truncate_sklearn"], rows_of(x, 18, finite_norm_rows(x[:, :k])))

    z = np.load(os.path.join(HERE, "vectors_1536.npz"))
    x = z["x"]
    assert x.dtype == F32 and x.shape[1] == 1536
    write_csv("l2_1536.vectors.csv", "X", x, z["l2_sklearn"], rows_of(x, 6, finite_norm_rows(x)))
    goldenlib.write_manifest(os.path.join(OUT, "l2_1536.manifest.json"), {
        "format": "normguard.manifest/1", "featureSet": "golden_vec_l2_1536", "version": 1,
        "profile": "normguard", "dtype": "float32",
        "fit": {"split": "train", "rows": 600, "source": "make_vector_golden.py (seed 1536)"},
        "features": [{"name": "X", "space": {"name": "golden-1536/golden_vec_l2_1536", "model": "synthetic/low-rank-gaussian",
                                             "nativeDimension": 1536, "dimension": 1536},
                      "steps": [{"op": "l2"}], "missing": "error"}],
    })


if __name__ == "__main__":
    main()
