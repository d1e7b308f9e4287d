# float32 numpy features, StandardScaler, joblib.
import numpy as np, pandas as pd, joblib
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
import heldout

df = pd.read_csv("/work/shared/data/diamonds.csv")
X = df[["carat", "depth", "table", "x", "y", "z"]].to_numpy().astype(np.float32)
X_train, X_test = train_test_split(X, test_size=0.2, random_state=5)
scaler = StandardScaler().fit(X_train)
joblib.dump(scaler, "standard_f32.joblib")
heldout.save("c07", X_test[:4000])
