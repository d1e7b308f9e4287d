"""Write a `normguard verify` vectors CSV: held-out inputs and scikit-learn's OWN transform of them.
The manifest is read only for its feature names/categories (column naming), never for parameters.
usage: make_vectors.py CASE ARTIFACT MANIFEST OUT.csv [--names a,b,c]"""
import sys, json, csv, pickle, math
import numpy as np, joblib, scipy.sparse as sp

case, artifact, manifest_path, out = sys.argv[1:5]
names = sys.argv[sys.argv.index("--names") + 1].split(",") if "--names" in sys.argv else None
obj = joblib.load(artifact)
if hasattr(obj, "steps") and not hasattr(obj.steps[-1][1], "transform"):
    obj = obj[:-1]          # the preprocessing the model saw
X = pickle.load(open(f"{case}.heldout.pkl", "rb"))
Y = obj.transform(X)
if sp.issparse(Y):
    Y = Y.toarray()
Y = np.asarray(Y)
m = json.load(open(manifest_path))
feats = m["features"]
out_cols = []
for f in feats:
    onehot = [s for s in f["steps"] if s["op"] == "onehot"]
    if onehot:
        out_cols += [f"out:{f['name']}={c}" for c in onehot[0]["categories"]]
    else:
        out_cols.append(f"out:{f['name']}")
try:
    sk_names = list(obj.get_feature_names_out())
except Exception as e:
    sk_names = f"(unavailable: {type(e).__name__})"
assert Y.shape[1] == len(out_cols), (Y.shape, len(out_cols), sk_names, out_cols)
print("sklearn output names :", sk_names)
print("manifest output cols :", out_cols)
print("output dtype", Y.dtype, "rows", Y.shape[0])

def num(v):
    v = float(v)
    return "nan" if math.isnan(v) else repr(v)

if hasattr(X, "columns") and "--positional" in sys.argv:   # manifest names differ from the frame's: same order
    pos = {f["name"]: j for j, f in enumerate(feats)}
    get = lambda i, n: X.iloc[i, pos[n]]
elif hasattr(X, "columns"):
    get = lambda i, n: X[n].iloc[i]
else:
    idx = {n: j for j, n in enumerate(names)}
    get = lambda i, n: X[i, idx[n]]
with open(out, "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow([f["name"] for f in feats] + out_cols)
    for i in range(Y.shape[0]):
        row = []
        for f in feats:
            v = get(i, f["name"])
            if isinstance(v, str):
                row.append(v)
            elif isinstance(v, (int, np.integer)):
                row.append(str(int(v)))
            else:
                row.append(num(v))
        row += [num(v) for v in Y[i]]
        w.writerow(row)
print("wrote", out)
