import numpy as np, pandas as pd, joblib
from sklearn.preprocessing import MinMaxScaler
import heldout
df = pd.read_csv("/work/shared/data/diamonds.csv")
X = df[["carat", "depth", "table"]].astype(np.float32)
train = X[X["carat"] < 2].sample(frac=0.8, random_state=52)
rest = X.drop(train.index)
sc = MinMaxScaler(feature_range=(-1, 1), clip=True).fit(train)
joblib.dump(sc, "minmax_f32_clip.joblib")
print("held-out carat>=2:", int((rest["carat"] >= 2).sum()))
heldout.save("c52", rest.sample(n=4000, random_state=1))
