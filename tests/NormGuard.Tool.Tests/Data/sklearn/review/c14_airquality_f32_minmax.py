# float32 DataFrame, median imputation, MinMaxScaler.
import numpy as np, pandas as pd, joblib
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import MinMaxScaler
import heldout
df = pd.read_csv("/work/shared/data/airquality.csv")
X = df[["Ozone", "Solar.R", "Wind", "Temp"]].astype(np.float32)
X_train, X_test = train_test_split(X, test_size=0.3, random_state=11)
pipe = Pipeline([("imputer", SimpleImputer(strategy="median")), ("minmax", MinMaxScaler())]).fit(X_train)
joblib.dump(pipe, "f32_minmax.joblib")
heldout.save("c14", X_test)
