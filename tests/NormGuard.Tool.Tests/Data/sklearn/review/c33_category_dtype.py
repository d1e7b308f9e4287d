# Categoricals as pandas 'category' dtype.
import pandas as pd, joblib
from sklearn.model_selection import train_test_split
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import StandardScaler, OneHotEncoder
import heldout
df = pd.read_csv("/work/shared/data/diamonds.csv")
for c in ["cut", "color"]:
    df[c] = df[c].astype("category")
X = df[["carat", "cut", "color"]]
X_train, X_test = train_test_split(X, test_size=0.2, random_state=33)
ct = ColumnTransformer([("num", StandardScaler(), ["carat"]),
                        ("cat", OneHotEncoder(handle_unknown="ignore"), ["cut", "color"])]).fit(X_train)
joblib.dump(ct, "category_dtype.joblib")
heldout.save("c33", X_test.iloc[:2000])
