import numpy as np, pandas as pd, joblib
from sklearn.compose import TransformedTargetRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import Ridge
df = pd.read_csv("/work/shared/data/diamonds.csv")
X = df[["carat", "depth", "table"]]; y = df["price"]
m = TransformedTargetRegressor(regressor=Pipeline([("sc", StandardScaler()), ("ridge", Ridge())]), func=np.log, inverse_func=np.exp).fit(X, y)
joblib.dump(m, "ttr.joblib")
