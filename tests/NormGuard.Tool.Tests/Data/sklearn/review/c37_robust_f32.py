import numpy as np, pandas as pd, joblib
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import RobustScaler
import heldout
df = pd.read_csv("/work/shared/data/diamonds.csv")
X = df[["carat", "depth", "table", "x", "y", "z"]].astype(np.float32)
X_train, X_test = train_test_split(X, test_size=0.2, random_state=37)
sc = RobustScaler(unit_variance=True, quantile_range=(5, 95)).fit(X_train)
joblib.dump(sc, "robust_f32.joblib")
heldout.save("c37", X_test.iloc[:4000])
