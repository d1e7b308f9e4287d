# scikit-learn 1.2's set_output(transform="pandas").
import pandas as pd, joblib
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler
import heldout
df = pd.read_csv("/work/shared/data/airquality.csv")
X = df[["Ozone", "Solar.R", "Wind", "Temp"]]
X_train, X_test = train_test_split(X, test_size=0.3, random_state=32)
pipe = Pipeline([("imp", SimpleImputer(strategy="median")), ("sc", StandardScaler())]).set_output(transform="pandas").fit(X_train)
print(type(pipe.transform(X_test)).__name__)
joblib.dump(pipe, "set_output.joblib")
heldout.save("c32", X_test)
