import numpy as np, pandas as pd, joblib
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, MinMaxScaler, StandardScaler
import heldout
df = pd.read_csv("/work/shared/data/diamonds.csv")
X = df[["carat", "price"]].astype(np.float32)
X_train, X_test = train_test_split(X, test_size=0.2, random_state=49)
p = Pipeline([("log", FunctionTransformer(np.log1p)), ("mm", MinMaxScaler())]).fit(X_train)
print(p.transform(X_test).dtype)
joblib.dump(p, "log1p_f32.joblib")
heldout.save("c49", X_test)
Xp = df[["price"]].astype(np.float32)
Xp_train, Xp_test = train_test_split(Xp, test_size=0.2, random_state=49)
q = Pipeline([("log", FunctionTransformer(np.log)), ("sc", StandardScaler())]).fit(Xp_train)
joblib.dump(q, "log_f32.joblib")
heldout.save("c49b", Xp_test)
