# Tune alpha and the imputer strategy, then save the search.
import pandas as pd, joblib
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import Ridge
df = pd.read_csv("/work/shared/data/airquality.csv").dropna(subset=["Ozone"])
X = df[["Solar.R", "Wind", "Temp"]]; y = df["Ozone"]
pipe = Pipeline([("imp", SimpleImputer()), ("sc", StandardScaler()), ("ridge", Ridge())])
grid = GridSearchCV(pipe, {"imp__strategy": ["mean", "median"], "ridge__alpha": [0.1, 1, 10]}, cv=3).fit(X, y)
joblib.dump(grid, "grid.joblib")
