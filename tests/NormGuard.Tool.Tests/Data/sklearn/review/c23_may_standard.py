# A model for May only; Month is constant in training.
import pandas as pd, joblib
from sklearn.preprocessing import StandardScaler
import heldout
df = pd.read_csv("/work/shared/data/airquality.csv")
X = df[["Ozone", "Solar.R", "Wind", "Temp", "Month"]].astype(float)
may = X[X["Month"] == 5]
sc = StandardScaler().fit(may)
print("Month scale_", sc.scale_[-1], "var_", sc.var_[-1])
joblib.dump(sc, "may_standard.joblib")
heldout.save("c23", X[X["Month"] != 5].head(40))
