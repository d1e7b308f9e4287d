"""Fixtures of EmbeddingDriftCommandTests, written by numpy (Debian python3-numpy 1.24).

Run from the repository root:  /usr/bin/python3 tests/NormGuard.Tool.Tests/Data/embeddings/make_fixtures.py
The outputs are committed, so CI needs no Python.

It checks first that the sample's committed embeddings (samples/SemanticSearch/data/embeddings/*.npy, written by the
sample's own writer) are exactly what np.save writes for the same arrays: the drift tests then read numpy's format.
Then it writes two small broken files from the first 5 'unchanged' vectors (real all-MiniLM-L6-v2 embeddings):
  wrong-dimension.npy  the vectors cut to 383 values (the space has 384)
  non-finite.npy       element 17 of the vector at numpy index 3 (the 4th row) set to NaN
"""
import io
import pathlib

import numpy as np

root = pathlib.Path(__file__).resolve().parents[4]
sets = root / "samples" / "SemanticSearch" / "data" / "embeddings"
here = pathlib.Path(__file__).resolve().parent

for name in ("baseline", "unchanged", "shifted"):
    path = sets / (name + ".npy")
    vectors = np.load(path)
    assert vectors.dtype == np.float32 and vectors.ndim == 2 and vectors.shape[1] == 384, (name, vectors.dtype, vectors.shape)
    again = io.BytesIO()
    np.save(again, vectors)
    assert again.getvalue() == path.read_bytes(), name + ".npy differs from what np.save writes"
    print(f"{name}.npy: {vectors.shape}, the bytes np.save writes")

first = np.load(sets / "unchanged.npy")[:5]
np.save(here / "wrong-dimension.npy", np.ascontiguousarray(first[:, :383]))
broken = first.copy()
broken[3, 17] = np.nan
np.save(here / "non-finite.npy", broken)
print("wrote wrong-dimension.npy (5, 383) and non-finite.npy (5, 384), NaN at [3, 17]")
