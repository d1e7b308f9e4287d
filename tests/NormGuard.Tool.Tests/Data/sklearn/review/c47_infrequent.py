import pandas as pd, joblib
from sklearn.preprocessing import OneHotEncoder
df = pd.read_csv("/work/shared/data/diamonds.csv")
enc = OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=1000).fit(df[["clarity"]])
print("infrequent:", enc.infrequent_categories_)
joblib.dump(enc, "infrequent.joblib")
