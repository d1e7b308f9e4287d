# A pipeline whose imputer slot was switched off in a grid ('passthrough').
import pandas as pd, joblib
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import Ridge
import heldout
df = pd.read_csv("/work/shared/data/airquality.csv").dropna()
X = df[["Solar.R", "Wind", "Temp"]]; y = df["Ozone"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=30)
pipe = Pipeline([("imp", "passthrough"), ("sc", StandardScaler()), ("model", Ridge())]).fit(X_train, y_train)
joblib.dump(pipe, "passthrough_step.joblib")
heldout.save("c30", X_test)
