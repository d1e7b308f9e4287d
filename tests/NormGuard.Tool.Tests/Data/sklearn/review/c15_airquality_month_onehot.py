# Month as a category, robust scaling for the gappy pollutants, max-abs for weather.
import pandas as pd, pickle
from sklearn.model_selection import train_test_split
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import OneHotEncoder, RobustScaler, MaxAbsScaler
import heldout
df = pd.read_csv("/work/shared/data/airquality.csv")
X = df[["Ozone", "Solar.R", "Wind", "Temp", "Month"]]
X_train, X_test = train_test_split(X, test_size=0.3, random_state=12, stratify=X["Month"])
ct = ColumnTransformer([
    ("month", OneHotEncoder(sparse_output=False), ["Month"]),
    ("pollutants", Pipeline([("imp", SimpleImputer(strategy="mean")), ("rob", RobustScaler())]), ["Ozone", "Solar.R"]),
    ("weather", MaxAbsScaler(), ["Wind", "Temp"]),
]).fit(X_train)
with open("month_ct.pkl", "wb") as f:
    pickle.dump(ct, f, protocol=4)
heldout.save("c15", X_test)
