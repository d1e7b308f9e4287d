# Scaling a frame that mixes integer (price) and float columns.
import pandas as pd, joblib
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
import heldout
df = pd.read_csv("/work/shared/data/diamonds.csv")
X = df[["carat", "depth", "price"]]
assert str(X["price"].dtype) == "int64"
X_train, X_test = train_test_split(X, test_size=0.2, random_state=16)
pipe = Pipeline([("scale", StandardScaler())]).fit(X_train)
joblib.dump(pipe, "int_price.joblib")
heldout.save("c16", X_test.iloc[:3000])
