# Diamonds: zeros in x/y/z mean "not measured" -> impute them.
import pandas as pd, joblib
from sklearn.pipeline import Pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler
df = pd.read_csv("/work/shared/data/diamonds.csv")
X = df[["x", "y", "z"]]
pipe = Pipeline([("zeros", SimpleImputer(missing_values=0, strategy="median")), ("scale", StandardScaler())]).fit(X)
joblib.dump(pipe, "zero_missing.joblib")
