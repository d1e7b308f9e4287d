import numpy as np, pandas as pd, joblib
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import MaxAbsScaler
import heldout
df = pd.read_csv("/work/shared/data/airquality.csv")
X = df[["Ozone", "Solar.R", "Wind", "Temp"]].astype(np.float32)
X_train, X_test = train_test_split(X, test_size=0.3, random_state=53)
p = Pipeline([("imp", SimpleImputer(strategy="most_frequent")), ("ma", MaxAbsScaler())]).fit(X_train)
print("stats dtype", p[0].statistics_.dtype, p[0].statistics_)
joblib.dump(p, "mode_maxabs_f32.joblib")
heldout.save("c53", X_test)
