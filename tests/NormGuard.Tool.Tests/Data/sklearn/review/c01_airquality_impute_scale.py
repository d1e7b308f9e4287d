# Tutorial: "Handling missing values with a Pipeline" -- airquality, median imputation then standardisation.
import pandas as pd, joblib
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler
import heldout

df = pd.read_csv("/work/shared/data/airquality.csv")
X = df[["Ozone", "Solar.R", "Wind", "Temp"]]
y = df["Month"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=42)
pipe = Pipeline([("imputer", SimpleImputer(strategy="median")), ("scaler", StandardScaler())])
pipe.fit(X_train)
joblib.dump(pipe, "scaler.joblib")
heldout.save("c01", X_test)
print("NaN cells in held-out:", int(X_test.isna().sum().sum()))
