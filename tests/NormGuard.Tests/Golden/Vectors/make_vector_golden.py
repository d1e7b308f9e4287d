#!/usr/bin/python3
"""Parity references for NormGuard.Internal.VectorKernels (docs/vector-arithmetic.md).

Run:  /usr/bin/python3 tests/NormGuard.Tests/Golden/Vectors/make_vector_golden.py
      (Debian python3-sklearn 1.2.1 / python3-numpy 1.24; never a pip/pyenv Python.)

Writes next to this script, one file per dimension d in (384, 1536):
  vectors_<d>.npz   numpy's own np.savez (a zip of .npy arrays), read by tests/NormGuard.Tests/Vectors/NpzFile.cs.
CI never runs Python: the files are committed.

Inputs (`x`, float32, one row per case): the rows named in CASES (all +0, zeros with -0, a single nonzero, tiny
~1e-30, huge ~1e30, all-subnormal, normal with subnormal components, values equal to the fitted mean, uniform
[-1, 1), uniform [0, 1), an already unit vector, elements ~3e37 whose norm overflows float32), then rows drawn like
the training data: low-rank Gaussian structure plus noise plus a per-dimension offset, as sentence embeddings look.
The scalers and PCA are fitted on float32 training rows drawn the same way (not stored: only what they fitted).

Two kinds of expected output:
  *_sklearn    what scikit-learn 1.2.1 itself returns (normalize, StandardScaler, PCA, on float32).
  *_order      the kernels' documented arithmetic written out in numpy: the float64 sum of exact float32 products in
               the fixed order (term i into partial i mod 16, in increasing i, from +0; then the tree 16->8->4->2->1),
               float32 element-wise steps.

EXPECTED EXACTNESS, decided before this script was first run (the C# tests assert it):
  - Element-wise steps are bit-exact against scikit-learn/numpy: StandardScaler(with_std=False) and StandardScaler()
    .transform on float32 (each op in float64, rounded to float32), and the normguard-profile float32 center/zscore.
  - Every *_order output is bit-exact: the kernels implement that order on every instruction set.
  - normalize(norm="l2") on float32 takes the row norm as float32 np.einsum("ij,ij->i") (float32 accumulation, its
    own order), so where that norm differs from ours in the last bit the whole row differs. Bound asserted: for rows
    whose float32 einsum norm is finite, |ours - sklearn| <= (d*u/2 + 3u)|sklearn| + 2^-149 per element
    (u = 2^-24; the float32 sum of d squares in any order is within d*u relative, the sqrt halves it, the division
    and our own rounding add the rest). Predicted: most rows bit-exact, the others within 2 ulps.
    Rows whose float32 squares overflow (elements above ~1.8e19) give sklearn a norm of inf, so zeros: ours are the
    true unit vector there (documented divergence, asserted as such).
    scikit-learn 1.2.1 leaves every row whose norm is below 10 * float32 eps (1.1920929e-06) unchanged
    (_handle_zeros_in_scale), not only the zero row; the kernel follows (tiny and subnormal rows stay as they are).
  - PCA.transform takes X @ components_.T in float32 BLAS (OpenBLAS, its own blocking and FMA). Bound asserted:
    |ours - sklearn| <= (d*u/(1-d*u) + 2u) * sum_i |c_i w_ji| (+ the same over the whitening divisor, plus one ulp),
    the worst-case error of any float32 summation order. Predicted: nearly every projection differs in a few ulps
    (near-zero projections in more), all far inside the bound.
  - Truncation to k then normalize: as normalize, with d = k.

PyTorch: torch is not available here (no pip). Its rule, torch.nn.functional.normalize(input, p=2, dim=1, eps=1e-12):
      denom = input.norm(p, dim, keepdim=True).clamp_min(eps).expand_as(input); return input / denom
is written out in numpy as x / max(norm, eps) with the norm in the kernels' order (`l2_torch_order`, bit-exact); a real
torch float32 norm has its own reduction order, so a torch output may differ from it by the norm's last bit.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import goldenlib  # noqa: E402

goldenlib.pin_numpy_portable()

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.decomposition import PCA  # noqa: E402
from sklearn.preprocessing import StandardScaler, normalize  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
F32, F64 = np.float32, np.float64
TORCH_EPS = F32(1e-12)
SKLEARN_NORM_FLOOR = 10 * np.finfo(F32).eps  # _handle_zeros_in_scale: norms below this count as 1
PARTIALS = 16

CASES = ["zero", "negative_zero", "single_nonzero", "tiny", "huge", "subnormal", "some_subnormal", "equal_to_mean",
         "uniform_signed", "uniform_positive", "unit", "overflowing_norm"]


def order_sum(products):
    """Row sums of float64 products in the kernels' order: term i into partial i mod 16 from +0, then the tree."""
    rows, d = products.shape
    padded = -(-d // PARTIALS) * PARTIALS
    flat = np.zeros((rows, padded + PARTIALS), F64)  # a leading block of +0: partials start at +0
    flat[:, PARTIALS:PARTIALS + d] = products
    p = flat.reshape(rows, padded // PARTIALS + 1, PARTIALS)
    partial = np.cumsum(p, axis=1)[:, -1, :]  # cumsum is sequential: partial = ((0 + t_j) + t_j+16) + ...
    half = PARTIALS // 2
    while half >= 1:
        partial = partial[:, :half] + partial[:, half:2 * half]
        half //= 2
    return partial[:, 0]


def order_norm(x):
    return np.sqrt(order_sum(x.astype(F64) * x.astype(F64))).astype(F32)  # float64 sqrt rounded once


def l2_order(x):
    norm = order_norm(x)
    divisor = np.where(norm < SKLEARN_NORM_FLOOR, F32(1), norm)
    return (x / divisor[:, None]).astype(F32)


def l2_torch_order(x):
    norm = order_norm(x)
    return (x / np.maximum(norm, TORCH_EPS)[:, None]).astype(F32)


def pca_order(x, mean, components, divisors):
    centered = (x - mean).astype(F32)  # float32 subtraction, as PCA.transform on float32
    out = np.empty((x.shape[0], components.shape[0]), F32)
    for j in range(components.shape[0]):
        out[:, j] = order_sum(centered.astype(F64) * components[j].astype(F64)).astype(F32)
    if divisors is not None:
        out = (out / divisors).astype(F32)
    return out


def draw(rng, n, d, basis, offset):
    latent = rng.standard_normal((n, basis.shape[0])).astype(F64)
    return (latent @ basis + 0.02 * rng.standard_normal((n, d)) + offset).astype(F32)


def special_rows(rng, d, mean):
    rows = np.zeros((len(CASES), d), F32)
    rows[1, ::3] = -0.0
    rows[2, 7] = 0.3
    rows[3] = (rng.standard_normal(d) * 1e-30).astype(F32)
    rows[4] = (rng.standard_normal(d) * 1e30).astype(F32)
    rows[5] = (rng.uniform(-1, 1, d) * 1e-39).astype(F32)  # every component subnormal (below 1.18e-38)
    rows[6] = (rng.standard_normal(d) * 0.05).astype(F32)
    rows[6, ::5] = (rng.uniform(-1, 1, len(rows[6, ::5])) * 1e-40).astype(F32)
    rows[7] = mean.astype(F32)
    rows[8] = rng.uniform(-1, 1, d).astype(F32)
    rows[9] = rng.uniform(0, 1, d).astype(F32)
    unit = rng.standard_normal(d)
    rows[10] = (unit / np.linalg.norm(unit)).astype(F32)
    rows[11] = (rng.uniform(0.5, 1, d) * 3e37).astype(F32)
    assert np.all(np.abs(rows[5]) < np.finfo(F32).tiny) and np.all(rows[5] != 0)
    return rows


def ulps(a, b):
    ia = a.view(np.int32).astype(np.int64)
    ib = b.view(np.int32).astype(np.int64)
    ia = np.where(ia < 0, -(ia & 0x7FFFFFFF), ia)
    ib = np.where(ib < 0, -(ib & 0x7FFFFFFF), ib)
    return np.abs(ia - ib)


def make(d, n_train, n_random, k_pca, k_truncate, seed):
    rng = np.random.default_rng(seed)
    basis = rng.standard_normal((24, d)) * (0.08 / np.sqrt(24)) * rng.uniform(0.2, 1.5, d)
    offset = rng.normal(0, 0.03, d)
    train = draw(rng, n_train, d, basis, offset)

    center = StandardScaler(with_std=False).fit(train)
    zscore = StandardScaler().fit(train)
    pca = PCA(n_components=k_pca, svd_solver="full").fit(train)
    pca_white = PCA(n_components=k_pca, svd_solver="full", whiten=True).fit(train)
    for name in ("mean_", "components_", "explained_variance_"):
        assert np.array_equal(getattr(pca, name), getattr(pca_white, name)), name
    assert pca.components_.dtype == F32 and pca.mean_.dtype == F32 and pca.explained_variance_.dtype == F32
    assert zscore.mean_.dtype == F64 and zscore.scale_.dtype == F64

    x = np.concatenate([special_rows(rng, d, center.mean_), draw(rng, n_random, d, basis, offset)])
    ng_offset = zscore.mean_.astype(F32)
    ng_scale = (1.0 / zscore.scale_).astype(F32)
    divisors = np.sqrt(pca.explained_variance_)  # float32, as PCA.transform whitens

    out = dict(
        x=x,
        sumsq_order=order_sum(x.astype(F64) * x.astype(F64)), norm_order=order_norm(x),
        sklearn_norm=np.sqrt(np.einsum("ij,ij->i", x, x)),
        l2_sklearn=normalize(x, norm="l2"), l2_order=l2_order(x),
        l2_torch_eps=np.array([TORCH_EPS]), l2_torch_order=l2_torch_order(x),
        center_mean=center.mean_, center_sklearn=center.transform(x),
        zscore_mean=zscore.mean_, zscore_scale=zscore.scale_, zscore_sklearn=zscore.transform(x),
        ng_offset=ng_offset, ng_scale=ng_scale,
        ng_center=(x - ng_offset).astype(F32), ng_zscore=((x - ng_offset).astype(F32) * ng_scale).astype(F32),
        pca_mean=pca.mean_, pca_components=pca.components_, pca_divisors=divisors,
        pca_sklearn=pca.transform(x), pca_whiten_sklearn=pca_white.transform(x),
        pca_order=pca_order(x, pca.mean_, pca.components_, None),
        pca_whiten_order=pca_order(x, pca.mean_, pca.components_, divisors),
        truncate_k=np.array([k_truncate]),
        truncate_sklearn=normalize(x[:, :k_truncate], norm="l2"), truncate_order=l2_order(x[:, :k_truncate]),
    )
    for name, value in out.items():
        if value.dtype.kind == "f":
            assert value.dtype in (F32, F64), name
    np.savez(os.path.join(HERE, f"vectors_{d}.npz"), **out)

    # The report: what the committed files show (docs/vector-arithmetic.md quotes it).
    finite = np.isfinite(out["sklearn_norm"])
    for name in ("l2", "truncate", "pca", "pca_whiten"):
        sk, od = out[f"{name}_sklearn"], out[f"{name}_order"]
        rows = finite if name in ("l2", "truncate") else np.ones(len(x), bool)
        if name == "truncate":
            rows = np.isfinite(np.sqrt(np.einsum("ij,ij->i", x[:, :k_truncate], x[:, :k_truncate])))
        u = ulps(sk[rows], od[rows])
        print(f"d={d} {name}: {np.count_nonzero(u)} of {u.size} elements differ from scikit-learn "
              f"(rows with a finite float32 norm: {np.count_nonzero(rows)} of {len(x)}), max {u.max()} ulps")
    u32 = 2.0 ** -24
    for name, divisors_or_none in (("pca", None), ("pca_whiten", divisors)):
        centered = (x - pca.mean_).astype(F32).astype(F64)
        magnitude = np.abs(centered) @ np.abs(pca.components_.astype(F64)).T  # sum_i |c_i w_ji| per projection
        if divisors_or_none is not None:
            magnitude = magnitude / divisors_or_none
        finite_rows = np.all(np.isfinite(out[f"{name}_sklearn"]), axis=1)
        diff = np.abs(out[f"{name}_sklearn"].astype(F64) - out[f"{name}_order"].astype(F64))[finite_rows]
        ratio = diff / np.maximum(magnitude[finite_rows], np.finfo(F64).tiny) / u32
        print(f"d={d} {name}: max |ours - sklearn| = {ratio.max():.3f} u * sum|c_i w_i| (bound asserted: "
              f"{d * u32 / (1 - d * u32) / u32 + 2:.1f} u); rows with a finite sklearn output {np.count_nonzero(finite_rows)}")
    exact = x.astype(F64) / np.sqrt(np.sum(x.astype(F64) ** 2, axis=1, keepdims=True))
    normal_rows = [i for i, v in enumerate(out["norm_order"]) if SKLEARN_NORM_FLOOR <= v < np.inf and finite[i]]
    print(f"d={d} l2 against float64 x/||x|| rounded once, rows with a norm in [1.19e-6, inf): ours max "
          f"{ulps(exact[normal_rows].astype(F32), out['l2_order'][normal_rows]).max()} ulps, scikit-learn max "
          f"{ulps(exact[normal_rows].astype(F32), out['l2_sklearn'][normal_rows]).max()} ulps "
          f"(the {len(normal_rows)} rows with a norm >= 1.19e-6 whose float32 einsum norm is finite)")
    for name in ("center", "zscore"):
        print(f"d={d} {name}: sklearn vs float64-op-rounded emulation differs in "
              f"{np.count_nonzero(ulps(out[name + '_sklearn'], emulate(name, out)))} elements")
    print(f"d={d} rows where float32 einsum norm is not finite: {[CASES[i] for i in np.flatnonzero(~finite)]}")


def emulate(name, out):
    x = out["x"].astype(F64)
    if name == "center":
        return (x - out["center_mean"]).astype(F32)
    t = (x - out["zscore_mean"]).astype(F32).astype(F64)
    return (t / out["zscore_scale"]).astype(F32)


if __name__ == "__main__":
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}")
    np.seterr(over="ignore", invalid="ignore")  # the huge, overflowing and zero rows overflow or give 0/0 on purpose
    make(384, n_train=800, n_random=36, k_pca=64, k_truncate=128, seed=384)
    make(1536, n_train=600, n_random=20, k_pca=96, k_truncate=512, seed=1536)
