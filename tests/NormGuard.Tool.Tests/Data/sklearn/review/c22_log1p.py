# Skewed features: log1p then standardise.
import numpy as np, pandas as pd, joblib
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler
import heldout
df = pd.read_csv("/work/shared/data/diamonds.csv")
X = df[["carat", "price"]].astype(float)
X_train, X_test = train_test_split(X, test_size=0.2, random_state=22)
pipe = Pipeline([("log", FunctionTransformer(np.log1p)), ("scale", StandardScaler())]).fit(X_train)
joblib.dump(pipe, "log1p.joblib")
heldout.save("c22", X_test.iloc[:5000])
