# Predict ozone with a full pipeline (impute, scale, Ridge); ship model.joblib.
import pandas as pd, joblib
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import Ridge
import heldout

df = pd.read_csv("/work/shared/data/airquality.csv").dropna(subset=["Ozone"])
X = df[["Solar.R", "Wind", "Temp"]]
y = df["Ozone"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=10)
model = Pipeline([("imputer", SimpleImputer()), ("scaler", StandardScaler()), ("ridge", Ridge(alpha=1.0))])
model.fit(X_train, y_train)
print("R^2 on test:", round(model.score(X_test, y_test), 3))
joblib.dump(model, "model.joblib")
# Solar.R has few NaN; add a couple of probe rows with it missing
probe = X_test.head(3).copy(); probe["Solar.R"] = float("nan")
heldout.save("c08", pd.concat([X_test, probe]))
