# Memory-conscious: numpy float32 features, MaxAbsScaler, joblib.
import numpy as np, pandas as pd, joblib
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MaxAbsScaler
import heldout

df = pd.read_csv("/work/shared/data/diamonds.csv")
X = df[["carat", "depth", "table", "x", "y", "z"]].values.astype(np.float32)
X_train, X_test = train_test_split(X, test_size=0.2, random_state=4)
scaler = MaxAbsScaler().fit(X_train)
joblib.dump(scaler, "maxabs_f32.joblib")
heldout.save("c06", X_test[:4000])
