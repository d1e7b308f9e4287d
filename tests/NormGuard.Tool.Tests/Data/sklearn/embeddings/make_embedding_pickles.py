#!/usr/bin/python3
"""Fitted scikit-learn transforms of float32 embeddings, for `normguard import sklearn --space ...` tests.

Run:  /usr/bin/python3 tests/NormGuard.Tool.Tests/Data/sklearn/embeddings/make_embedding_pickles.py
      (Debian python3-sklearn 1.2.1 / python3-numpy 1.24; no pip.)

Fits on tests/NormGuard.Tests/Golden/Embeddings/embeddings.npy (1,000 x 48 float32, synthetic embedding-like rows made
by make_embedding_scaler_golden.py there) and writes next to this script:
  pca8_whiten.pkl        PCA(n_components=8, whiten=True, svd_solver="full")
  scaler_pca16_l2.pkl    Pipeline([StandardScaler(), PCA(16, svd_solver="full"), Normalizer()])
  center.pkl             StandardScaler(with_std=False)
  minmax.pkl             MinMaxScaler() (not an embedding transform NormGuard imports)
  expected.json          the fitted attributes each import must carry, as repr() of the float64 value of each number
"""
import json
import os
import pickle

import numpy as np
from sklearn.decomposition import PCA
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler, Normalizer, StandardScaler

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", "..", "..", ".."))
X = np.load(os.path.join(root, "NormGuard.Tests", "Golden", "Embeddings", "embeddings.npy"))
assert X.dtype == np.float32 and X.shape == (1000, 48)


def numbers(a):
    return [repr(float(v)) for v in np.asarray(a).ravel()]


def save(name, obj):
    with open(os.path.join(here, name), "wb") as f:
        pickle.dump(obj, f)


pca = PCA(n_components=8, whiten=True, svd_solver="full").fit(X)
pipeline = Pipeline([("scale", StandardScaler()), ("pca", PCA(n_components=16, svd_solver="full")), ("norm", Normalizer())]).fit(X)
center = StandardScaler(with_std=False).fit(X)
save("pca8_whiten.pkl", pca)
save("scaler_pca16_l2.pkl", pipeline)
save("center.pkl", center)
save("minmax.pkl", MinMaxScaler().fit(X))

expected = {
    "pca8_whiten": {"mean": numbers(pca.mean_), "components": numbers(pca.components_),
                    "explainedVariance": numbers(pca.explained_variance_), "dtype": str(pca.components_.dtype)},
    "scaler_pca16_l2": {"scaleMean": numbers(pipeline[0].mean_), "scaleStd": numbers(pipeline[0].scale_),
                        "pcaMean": numbers(pipeline[1].mean_), "components": numbers(pipeline[1].components_),
                        "explainedVariance": numbers(pipeline[1].explained_variance_)},
    "center": {"mean": numbers(center.mean_)},
}
with open(os.path.join(here, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1)
print("wrote 4 pickles and expected.json; PCA components_ dtype", pca.components_.dtype)
