#!/bin/sh
# Reproduces the outside review of `normguard import sklearn` (issue 14): trains every program with Debian's
# /usr/bin/python3 (scikit-learn 1.2.1, joblib 1.2.0, pandas 1.5.3), imports each artifact with the built tool,
# and verifies the importable ones against scikit-learn's own transform of held-out rows.
# usage: run_review.sh WORKDIR   (artifacts are written there, not into the repository)
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../../.." && pwd)
ng="dotnet $repo/src/NormGuard.Tool/bin/Release/net10.0/NormGuard.Tool.dll"
work=${1:?usage: run_review.sh WORKDIR}; mkdir -p "$work/out"; cp "$here"/*.py "$work"; cd "$work"
for f in c*.py; do /usr/bin/python3 "$f" >/dev/null 2>&1 || echo "training failed: $f"; done
/usr/bin/python3 -c "import numpy as np, joblib; joblib.dump(np.arange(6.).reshape(2,3), 'array.joblib')"
P="--python /usr/bin/python3 --fitted-at 2026-12-06T00:00:00Z --split train"
imp() { id=$1; shift; $ng import sklearn "$@" $P --out out/$id.json >out/$id.stdout 2>out/$id.stderr; echo "$id import exit $?: $(grep -h '^error' out/$id.stderr)"; }
ver() { id=$1; art=$2; case=$3; shift 3
  /usr/bin/python3 make_vectors.py "$case" "$art" out/$id.json out/$id.vectors.csv "$@" >/dev/null 2>&1
  $ng verify --manifest out/$id.json --vectors out/$id.vectors.csv >out/$id.verify.txt 2>&1; echo "$id verify exit $?: $(grep -h 'mismatched' out/$id.verify.txt)"; }
N=carat,depth,table,x,y,z
imp c01 scaler.joblib;            ver c01 scaler.joblib c01
imp c02 preprocessor.joblib;      ver c02 preprocessor.joblib c02
imp c03 preprocessor_z.pkl;       ver c03 preprocessor_z.pkl c03
imp c04 minmax_p2.pkl;            ver c04 minmax_p2.pkl c04
imp c05 robust_p5.pkl;            ver c05 robust_p5.pkl c05
imp c06 maxabs_f32.joblib --names $N; ver c06 maxabs_f32.joblib c06 --names $N
imp c07a standard_f32.joblib
imp c07b standard_f32.joblib --dtype float32 --names $N; ver c07b standard_f32.joblib c07 --names $N
imp c08 model.joblib;             ver c08 model.joblib c08
imp c09 price_model.pkl;          ver c09 price_model.pkl c09
for r in "c10 indicator.joblib" "c11 knn.joblib" "c12 iterative.joblib" "c13 poly.joblib" "c21 dummy_trap.joblib" \
         "c25 bundle.joblib" "c28 zero_missing.joblib" "c31 grid.joblib" "c39 ttr.joblib" "c47 infrequent.joblib" \
         "c51 scale_after_onehot.joblib" "e4 array.joblib"; do imp $r; done
imp c14 f32_minmax.joblib;        ver c14 f32_minmax.joblib c14
imp c15 month_ct.pkl;             ver c15 month_ct.pkl c15
imp c16 int_price.joblib;         ver c16 int_price.joblib c16
imp c18b f32_mean_std.joblib --dtype float32; ver c18b f32_mean_std.joblib c18
imp c22 log1p.joblib;             ver c22 log1p.joblib c22
imp c23 may_standard.joblib;      ver c23 may_standard.joblib c23
imp c24 may_minmax.joblib;        ver c24 may_minmax.joblib c24
imp c30 passthrough_step.joblib;  ver c30 passthrough_step.joblib c30 --positional; grep -h '"name"' out/c30.json | head -3
imp c32 set_output.joblib;        ver c32 set_output.joblib c32
imp c33 category_dtype.joblib;    ver c33 category_dtype.joblib c33
imp c34 indices.joblib;           ver c34 indices.joblib c34 --names x0,x1,x2,x3,x4,x5
imp c37 robust_f32.joblib;        ver c37 robust_f32.joblib c37
cp c42.heldout.pkl c42gz.heldout.pkl; cp c42.heldout.pkl c42xz.heldout.pkl
imp c42gz model.pkl.gz;           ver c42gz model.pkl.gz c42gz
imp c42xz model.joblib.xz;        ver c42xz model.joblib.xz c42xz
imp c45 constant.joblib;          ver c45 constant.joblib c45
imp c49 log1p_f32.joblib;         ver c49 log1p_f32.joblib c49
imp c49b log_f32.joblib --dtype float32; ver c49b log_f32.joblib c49b
imp c50 ct_then_scaler.joblib;    ver c50 ct_then_scaler.joblib c50
imp c52 minmax_f32_clip.joblib;   ver c52 minmax_f32_clip.joblib c52
imp c53 mode_maxabs_f32.joblib;   ver c53 mode_maxabs_f32.joblib c53
