# Same as the previous post, but keep x, y, z unscaled (remainder='passthrough') and compress the file.
import numpy as np, pandas as pd, joblib
from sklearn.model_selection import train_test_split
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler, OneHotEncoder
import heldout

df = pd.read_csv("/work/shared/data/diamonds.csv")
X = df[["carat", "cut", "color", "clarity", "depth", "table", "x", "y", "z"]]
X_train, X_test = train_test_split(X, test_size=0.2, random_state=1)
pre = ColumnTransformer([
    ("num", Pipeline([("imputer", SimpleImputer(strategy="median")), ("scaler", StandardScaler())]), ["carat", "depth", "table"]),
    ("cat", OneHotEncoder(handle_unknown="ignore"), ["cut", "color", "clarity"]),
], remainder="passthrough")
pre.fit(X_train)
joblib.dump(pre, "preprocessor_z.pkl", compress=3)
heldout.save("c03", X_test.iloc[:3000])
