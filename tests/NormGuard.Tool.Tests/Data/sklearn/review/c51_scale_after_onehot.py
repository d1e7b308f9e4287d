import pandas as pd, joblib
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler, OneHotEncoder
df = pd.read_csv("/work/shared/data/diamonds.csv")
X = df[["carat", "depth", "cut"]]
pipe = Pipeline([("ct", ColumnTransformer([("oh", OneHotEncoder(), ["cut"])], remainder="passthrough")),
                 ("scale", StandardScaler(with_mean=False))]).fit(X)
joblib.dump(pipe, "scale_after_onehot.joblib")
