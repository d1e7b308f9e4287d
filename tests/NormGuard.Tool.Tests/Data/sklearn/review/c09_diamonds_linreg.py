# Linear regression on diamonds with one-hot cut/color/clarity; pickle.
import numpy as np, pandas as pd, pickle
from sklearn.model_selection import train_test_split
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler, OneHotEncoder
from sklearn.linear_model import LinearRegression
import heldout

df = pd.read_csv("/work/shared/data/diamonds.csv")
X = df[["carat", "depth", "table", "cut", "color", "clarity"]]
y = np.log(df["price"])
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=2)
reg = Pipeline([
    ("prep", ColumnTransformer([("num", StandardScaler(), ["carat", "depth", "table"]),
                                ("cat", OneHotEncoder(handle_unknown="ignore"), ["cut", "color", "clarity"])])),
    ("lr", LinearRegression()),
])
reg.fit(X_train, y_train)
print("R^2:", round(reg.score(X_test, y_test), 3))
with open("price_model.pkl", "wb") as f:
    pickle.dump(reg, f)
heldout.save("c09", X_test.iloc[:3000])
