# MICE-style imputation (IterativeImputer) before scaling.
import pandas as pd, joblib
from sklearn.experimental import enable_iterative_imputer  # noqa: F401
from sklearn.pipeline import Pipeline
from sklearn.impute import IterativeImputer
from sklearn.preprocessing import StandardScaler
df = pd.read_csv("/work/shared/data/airquality.csv")
X = df[["Ozone", "Solar.R", "Wind", "Temp"]]
pipe = Pipeline([("mice", IterativeImputer(random_state=0)), ("scaler", StandardScaler())]).fit(X)
joblib.dump(pipe, "iterative.joblib")
