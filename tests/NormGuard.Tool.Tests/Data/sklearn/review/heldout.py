# Saves the held-out inputs a training script wants checked later (pickled, so dtypes survive).
import pickle
def save(case, X):
    with open(f"{case}.heldout.pkl", "wb") as f:
        pickle.dump(X, f, protocol=4)
