import pandas as pd, joblib
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler
import heldout
df = pd.read_csv("/work/shared/data/airquality.csv")
X = df[["Ozone", "Solar.R", "Wind", "Temp"]]
X_train, X_test = train_test_split(X, test_size=0.3, random_state=42)
pipe = Pipeline([("imp", SimpleImputer(strategy="median")), ("sc", StandardScaler())]).fit(X_train)
joblib.dump(pipe, "model.pkl.gz")
joblib.dump(pipe, "model.joblib.xz")
heldout.save("c42", X_test)
