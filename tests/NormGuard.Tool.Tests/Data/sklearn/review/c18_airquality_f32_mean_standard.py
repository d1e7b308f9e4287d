# float32 frame, mean imputation, standardisation.
import numpy as np, pandas as pd, joblib
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler
import heldout
df = pd.read_csv("/work/shared/data/airquality.csv")
X = df[["Ozone", "Solar.R", "Wind", "Temp"]].astype(np.float32)
X_train, X_test = train_test_split(X, test_size=0.3, random_state=18)
pipe = Pipeline([("imputer", SimpleImputer(strategy="mean")), ("scaler", StandardScaler())]).fit(X_train)
print("statistics_ dtype", pipe[0].statistics_.dtype, "transform dtype", pipe.transform(X_test).dtype)
joblib.dump(pipe, "f32_mean_std.joblib")
heldout.save("c18", X_test)
