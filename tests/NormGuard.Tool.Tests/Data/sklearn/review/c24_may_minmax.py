# Same, min-max.
import pandas as pd, joblib
from sklearn.preprocessing import MinMaxScaler
import heldout
df = pd.read_csv("/work/shared/data/airquality.csv")
X = df[["Ozone", "Solar.R", "Wind", "Temp", "Month"]].astype(float)
may = X[X["Month"] == 5]
sc = MinMaxScaler().fit(may)
print("Month scale_", sc.scale_[-1], "min_", sc.min_[-1])
joblib.dump(sc, "may_minmax.joblib")
heldout.save("c24", X[X["Month"] != 5].head(40))
