# Impute two columns in a ColumnTransformer, then scale everything.
import pandas as pd, joblib
from sklearn.model_selection import train_test_split
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler
import heldout
df = pd.read_csv("/work/shared/data/airquality.csv")
X = df[["Ozone", "Solar.R", "Wind", "Temp"]]
X_train, X_test = train_test_split(X, test_size=0.3, random_state=50)
pipe = Pipeline([("impute", ColumnTransformer([("med", SimpleImputer(strategy="median"), ["Temp", "Ozone"])], remainder="passthrough")),
                 ("scale", StandardScaler())]).fit(X_train)
print(pipe[:-1].get_feature_names_out())
joblib.dump(pipe, "ct_then_scaler.joblib")
heldout.save("c50", X_test)
