# Blog: "ColumnTransformer for mixed data" -- diamonds, numeric impute+scale, one-hot categoricals, drop the rest.
import numpy as np, pandas as pd, joblib
from sklearn.model_selection import train_test_split
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.pipeline import Pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler, OneHotEncoder
import heldout

df = pd.read_csv("/work/shared/data/diamonds.csv")
# zeros in x/y/z stand for missing (data README)
for c in ["x", "y", "z"]:
    df.loc[df[c] == 0, c] = np.nan
X = df.drop(columns=["price"])
y = np.log(df["price"])
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
numeric = ["carat", "depth", "table"]
categorical = ["cut", "color", "clarity"]
pre = ColumnTransformer([
    ("num", Pipeline([("imputer", SimpleImputer(strategy="median")), ("scaler", StandardScaler())]), numeric),
    ("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
], remainder="drop")
pre.fit(X_train)
joblib.dump(pre, "preprocessor.joblib")
# probe rows: missing numerics and an unseen category
probe = X_test.head(20).copy()
probe.loc[probe.index[:5], "carat"] = np.nan
probe.loc[probe.index[5:10], "depth"] = np.nan
probe.loc[probe.index[10:12], "cut"] = "Astor"
heldout.save("c02", pd.concat([X_test.iloc[20:3000], probe]))
