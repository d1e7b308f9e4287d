# Scale to [-1, 1] and clip unseen extremes; saved with an old pickle protocol for a legacy service.
import pandas as pd, pickle
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler
import heldout

df = pd.read_csv("/work/shared/data/airquality.csv")
X = df[["Ozone", "Solar.R", "Wind", "Temp"]]
X_train, X_test = train_test_split(X, test_size=0.3, random_state=7)
scaler = MinMaxScaler(feature_range=(-1, 1), clip=True).fit(X_train)
with open("minmax_p2.pkl", "wb") as f:
    pickle.dump(scaler, f, protocol=2)
heldout.save("c04", X_test)
print("held-out outside training range:", int(((X_test < scaler.data_min_) | (X_test > scaler.data_max_)).sum().sum()))
