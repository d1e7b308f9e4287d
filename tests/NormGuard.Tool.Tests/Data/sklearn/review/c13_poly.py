# Polynomial regression on diamonds.
import numpy as np, pandas as pd, joblib
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler, PolynomialFeatures
from sklearn.linear_model import Ridge
df = pd.read_csv("/work/shared/data/diamonds.csv")
X = df[["carat", "depth", "table"]]
y = np.log(df["price"])
pipe = Pipeline([("scaler", StandardScaler()), ("poly", PolynomialFeatures(degree=2)), ("ridge", Ridge())]).fit(X, y)
joblib.dump(pipe, "poly.joblib")
