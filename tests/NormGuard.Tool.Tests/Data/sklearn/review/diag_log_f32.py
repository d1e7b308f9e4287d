import pickle, numpy as np, joblib, json, sys
X = pickle.load(open("c49.heldout.pkl","rb"))
for col in ["carat", "price"]:
    x = X[col].to_numpy()  # float32
    a = np.log1p(x)                                   # what FunctionTransformer computes on float32
    b = np.log1p(x.astype(np.float64)).astype(np.float32)   # double log1p rounded once
    print(f"log1p {col}: np.log1p(f32) vs f32(log1p(f64)): {int((a.view(np.uint32)!=b.view(np.uint32)).sum())} of {len(x)} differ")
    a = np.log(x); b = np.log(x.astype(np.float64)).astype(np.float32)
    print(f"log   {col}: np.log(f32)   vs f32(log(f64))  : {int((a.view(np.uint32)!=b.view(np.uint32)).sum())} of {len(x)} differ")
print(np.show_config.__module__, np.__version__)
