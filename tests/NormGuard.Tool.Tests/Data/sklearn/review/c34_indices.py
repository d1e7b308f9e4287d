# numpy array, columns by index, remainder passthrough.
import numpy as np, pandas as pd, joblib
from sklearn.model_selection import train_test_split
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import StandardScaler, MinMaxScaler
import heldout
df = pd.read_csv("/work/shared/data/diamonds.csv")
X = df[["carat", "depth", "table", "x", "y", "z"]].to_numpy()
X_train, X_test = train_test_split(X, test_size=0.2, random_state=34)
ct = ColumnTransformer([("s", StandardScaler(), [4, 0]), ("m", MinMaxScaler(), [2])], remainder="passthrough").fit(X_train)
joblib.dump(ct, "indices.joblib")
heldout.save("c34", X_test[:3000])
