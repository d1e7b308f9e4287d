#!/usr/bin/python3
"""Embedding transforms fitted on float64 vectors, saved with joblib, for the import warning of
`normguard import sklearn --space ...` (a float32 manifest of a PCA that scikit-learn runs in float64).

Run:  /usr/bin/python3 tests/NormGuard.Tool.Tests/Data/sklearn/embeddings/make_float64_pickles.py
      (Debian python3-sklearn 1.2.1 / python3-numpy 1.24 / python3-joblib; no pip.)

Fits on the float32 embeddings of make_embedding_pickles.py, cast to float64 (X.astype(np.float64)), and writes:
  pca8_whiten_float64.joblib     PCA(n_components=8, whiten=True, svd_solver="full")
  scaler_pca16_l2_float64.joblib Pipeline([StandardScaler(), PCA(16, svd_solver="full"), Normalizer()])
  scaler_float64.joblib          StandardScaler() (attributes float64 whatever the data: no warning expected)
and prints what scikit-learn's own transform of the float32 vectors gives: its dtype, and how far a float32
computation with float32-rounded parameters lands from it (the difference the import warns about).
"""
import os

import joblib
import numpy as np
from sklearn.decomposition import PCA
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import Normalizer, StandardScaler

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", "..", "..", ".."))
X = np.load(os.path.join(root, "NormGuard.Tests", "Golden", "Embeddings", "embeddings.npy"))
assert X.dtype == np.float32 and X.shape == (1000, 48)
X64 = X.astype(np.float64)

pca = PCA(n_components=8, whiten=True, svd_solver="full").fit(X64)
pipeline = Pipeline([("scale", StandardScaler()), ("pca", PCA(n_components=16, svd_solver="full")), ("norm", Normalizer())]).fit(X64)
scaler = StandardScaler().fit(X64)
assert pca.components_.dtype == np.float64 and pipeline[1].components_.dtype == np.float64
joblib.dump(pca, os.path.join(here, "pca8_whiten_float64.joblib"))
joblib.dump(pipeline, os.path.join(here, "scaler_pca16_l2_float64.joblib"))
joblib.dump(scaler, os.path.join(here, "scaler_float64.joblib"))

theirs = pca.transform(X)
f32 = np.float32
ours = ((X - pca.mean_.astype(f32)) @ pca.components_.astype(f32).T) / np.sqrt(pca.explained_variance_.astype(f32))
print("PCA fitted on float64, transform of float32 input: dtype", theirs.dtype,
      "; float32 arithmetic on float32 parameters differs by up to %.3g (outputs up to %.3g)"
      % (float(np.abs(ours - theirs).max()), float(np.abs(theirs).max())))
print("StandardScaler fitted on float64, transform of float32 input: dtype", scaler.transform(X).dtype)
