# Ship scaler and model together in one file.
import pandas as pd, joblib
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import Ridge
df = pd.read_csv("/work/shared/data/airquality.csv").dropna()
X = df[["Solar.R", "Wind", "Temp"]]; y = df["Ozone"]
sc = StandardScaler().fit(X)
model = Ridge().fit(sc.transform(X), y)
joblib.dump({"scaler": sc, "model": model}, "bundle.joblib")
