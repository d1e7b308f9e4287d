# Outlier-robust scaling with the 10th-90th percentile range; pickle protocol 5.
import pandas as pd, pickle
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import RobustScaler
import heldout

df = pd.read_csv("/work/shared/data/diamonds.csv")
X = df[["carat", "depth", "table", "x", "y", "z"]]
X_train, X_test = train_test_split(X, test_size=0.2, random_state=3)
scaler = RobustScaler(quantile_range=(10, 90)).fit(X_train)
with open("robust_p5.pkl", "wb") as f:
    pickle.dump(scaler, f, protocol=5)
heldout.save("c05", X_test.iloc[:4000])
