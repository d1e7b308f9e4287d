# KNN imputation before scaling.
import pandas as pd, joblib
from sklearn.pipeline import Pipeline
from sklearn.impute import KNNImputer
from sklearn.preprocessing import StandardScaler
df = pd.read_csv("/work/shared/data/airquality.csv")
X = df[["Ozone", "Solar.R", "Wind", "Temp"]]
pipe = Pipeline([("knn", KNNImputer(n_neighbors=5)), ("scaler", StandardScaler())]).fit(X)
joblib.dump(pipe, "knn.joblib")
