# Avoid the dummy variable trap: drop='first' for linear regression.
import numpy as np, pandas as pd, joblib
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler, OneHotEncoder
from sklearn.linear_model import LinearRegression
df = pd.read_csv("/work/shared/data/diamonds.csv")
X = df[["carat", "depth", "cut", "color"]]
y = np.log(df["price"])
pipe = Pipeline([("prep", ColumnTransformer([("num", StandardScaler(), ["carat", "depth"]),
                                             ("cat", OneHotEncoder(drop="first"), ["cut", "color"])])),
                 ("lr", LinearRegression())]).fit(X, y)
joblib.dump(pipe, "dummy_trap.joblib")
