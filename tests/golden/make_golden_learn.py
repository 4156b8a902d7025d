"""Golden scores from scikit-learn for DlPath.Learn's parity tests (run with Debian's python3-sklearn 1.2.1).

Writes tests/DlPath.Learn.Tests/golden/learn.json:
{"format_version": 1, "generator": "scikit-learn X.Y", "cv": [...], "unsupervised": [...]}
- a "cv" case: {"name", "dataset", "task": "classification"|"regression", "target_column" (regression only: the
  feature predicted from the others), "model", "params" (scikit-learn names), "scale" (a StandardScaler first),
  "test_folds" (index lists; the same folds are used by the C# test), "scores" (per fold: accuracy or R^2),
  "mean", "fit_seconds" (mean fit time per fold on the machine that ran this script); estimators whose result
  depends on the random state (trees break ties between equally good splits at random, the MLP's start) also get
  "seeds": k and "seed_mean", the mean CV score over random_state = 0..k-1, which is what the C# side compares
  with its own mean over k seeds (the two libraries' random streams differ).}
- an "unsupervised" case: PCA explained-variance ratios and KMeans inertia on standardised data.

The data is read from the project's shared data folder (the same files DlPath.Data reads); the folder is found
by walking up from this script (or $DLPATH_SHARED) looking for shared/data/SOURCES.md.
"""
import gzip
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.ensemble import (GradientBoostingClassifier, GradientBoostingRegressor, RandomForestClassifier,
                              RandomForestRegressor)
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

FORMAT_VERSION = 1
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "DlPath.Learn.Tests", "golden", "learn.json")


def shared_folder():
    env = os.environ.get("DLPATH_SHARED")
    if env:
        return env
    d = HERE
    while True:
        for candidate in (os.path.join(d, "shared"), d):
            if os.path.isfile(os.path.join(candidate, "data", "SOURCES.md")):
                return candidate
        parent = os.path.dirname(d)
        if parent == d:
            sys.exit("shared/data/SOURCES.md not found above this script; set DLPATH_SHARED")
        d = parent


def load(name):
    folder = os.path.join(shared_folder(), "data", "sklearn")
    if name == "digits":
        with gzip.open(os.path.join(folder, "digits.csv.gz"), "rt") as f:
            data = np.loadtxt(f, delimiter=",")
        return data[:, :-1], data[:, -1].astype(int)
    files = {"iris": "iris.csv", "wine": "wine_data.csv", "breast_cancer": "breast_cancer.csv"}
    data = np.loadtxt(os.path.join(folder, files[name]), delimiter=",", skiprows=1)
    return data[:, :-1], data[:, -1].astype(int)


MODELS = {
    "LogisticRegression": LogisticRegression,
    "KNeighborsClassifier": KNeighborsClassifier,
    "GaussianNB": GaussianNB,
    "SVC": SVC,
    "DecisionTreeClassifier": DecisionTreeClassifier,
    "RandomForestClassifier": RandomForestClassifier,
    "GradientBoostingClassifier": GradientBoostingClassifier,
    "MLPClassifier": MLPClassifier,
    "LinearRegression": LinearRegression,
    "Ridge": Ridge,
    "KNeighborsRegressor": KNeighborsRegressor,
    "DecisionTreeRegressor": DecisionTreeRegressor,
    "RandomForestRegressor": RandomForestRegressor,
    "GradientBoostingRegressor": GradientBoostingRegressor,
}

CLASSIFIERS = [
    ("logreg", "LogisticRegression", {"C": 1.0, "max_iter": 1000}, True),
    ("logreg_c01", "LogisticRegression", {"C": 0.1, "max_iter": 1000}, True),
    ("knn5", "KNeighborsClassifier", {"n_neighbors": 5}, True),
    ("knn7_distance", "KNeighborsClassifier", {"n_neighbors": 7, "weights": "distance"}, True),
    ("gnb", "GaussianNB", {}, False),
    ("svc_rbf", "SVC", {"C": 1.0, "kernel": "rbf"}, True),
    ("svc_linear", "SVC", {"C": 1.0, "kernel": "linear"}, True),
    ("svc_poly", "SVC", {"C": 1.0, "kernel": "poly", "degree": 3}, True),
    ("tree_gini", "DecisionTreeClassifier", {"random_state": 0}, False),
    ("tree_entropy_d4", "DecisionTreeClassifier", {"criterion": "entropy", "max_depth": 4, "random_state": 0}, False),
    ("forest", "RandomForestClassifier", {"n_estimators": 100, "random_state": 0}, False),
    ("gboost", "GradientBoostingClassifier", {"n_estimators": 50, "random_state": 0}, False),
    ("mlp", "MLPClassifier", {"hidden_layer_sizes": [50], "max_iter": 300, "random_state": 0}, True),
]

REGRESSORS = [
    ("linreg", "LinearRegression", {}, False),
    ("ridge", "Ridge", {"alpha": 1.0}, False),
    ("knn_reg", "KNeighborsRegressor", {"n_neighbors": 5}, True),
    ("tree_reg_d5", "DecisionTreeRegressor", {"max_depth": 5, "random_state": 0}, False),
    ("forest_reg", "RandomForestRegressor", {"n_estimators": 50, "random_state": 0}, False),
    ("gboost_reg", "GradientBoostingRegressor", {"n_estimators": 100, "random_state": 0}, False),
]

# Too slow to repeat over seeds (and run by the C# benchmark only, not its unit tests).
EXPENSIVE = {"digits/mlp", "breast_cancer/mlp", "digits/gboost", "digits/forest"}

# Regression tasks: predict one measured feature from the others.
REGRESSION_TASKS = [("iris", 3), ("wine", 0), ("breast_cancer", 0)]


def build(model, params, scale):
    p = dict(params)
    if "hidden_layer_sizes" in p:
        p["hidden_layer_sizes"] = tuple(p["hidden_layer_sizes"])
    est = MODELS[model](**p)
    return make_pipeline(StandardScaler(), est) if scale else est


SEEDS = {"DecisionTreeClassifier": 10, "DecisionTreeRegressor": 10, "MLPClassifier": 5}


def cv_scores(x, y, folds, model, params, scale, times=None):
    scores = []
    for train, test in folds:
        est = build(model, params, scale)
        t0 = time.perf_counter()
        est.fit(x[train], y[train])
        if times is not None:
            times.append(time.perf_counter() - t0)
        scores.append(float(est.score(x[test], y[test])))
    return scores


def run_cv(name, dataset, task, x, y, model, params, scale, splitter, target_column=None):
    folds = list(splitter.split(x, y))
    times = []
    scores = cv_scores(x, y, folds, model, params, scale, times)
    case = {"name": name, "dataset": dataset, "task": task, "model": model, "params": params, "scale": scale,
            "test_folds": [test.tolist() for _, test in folds], "scores": scores,
            "mean": float(np.mean(scores)), "fit_seconds": float(np.mean(times))}
    if target_column is not None:
        case["target_column"] = target_column
    seeds = SEEDS.get(model, 0) if name not in EXPENSIVE else 0
    if seeds:
        means = [np.mean(cv_scores(x, y, folds, model, dict(params, random_state=s), scale)) for s in range(seeds)]
        case["seeds"] = seeds
        case["seed_mean"] = float(np.mean(means))
    print(f"{name:40s} {case['mean']:.4f}  fit {case['fit_seconds'] * 1000:8.1f} ms  seed mean {case.get('seed_mean', float('nan')):.4f}")
    return case


def main():
    cv, unsupervised = [], []
    for dataset in ["iris", "wine", "breast_cancer", "digits"]:
        x, y = load(dataset)
        # Shuffled stratified folds, recorded, so the C# side scores exactly the same splits.
        splitter = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
        for short, model, params, scale in CLASSIFIERS:
            cv.append(run_cv(f"{dataset}/{short}", dataset, "classification", x, y, model, params, scale, splitter))
        xs = StandardScaler().fit_transform(x)
        k = len(np.unique(y))
        pca = PCA().fit(xs)
        km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(xs)
        unsupervised.append({"name": f"{dataset}/unsupervised", "dataset": dataset,
                             "pca_explained_variance_ratio": pca.explained_variance_ratio_.tolist(),
                             "pca_first_component": pca.components_[0].tolist(),
                             "kmeans_clusters": k, "kmeans_inertia": float(km.inertia_)})
    for dataset, column in REGRESSION_TASKS:
        x, _ = load(dataset)
        y = x[:, column]
        x = np.delete(x, column, axis=1)
        splitter = KFold(n_splits=5, shuffle=True, random_state=0)
        for short, model, params, scale in REGRESSORS:
            cv.append(run_cv(f"{dataset}/{short}", dataset, "regression", x, y, model, params, scale, splitter, column))
    doc = {"format_version": FORMAT_VERSION, "generator": "scikit-learn " + sklearn.__version__,
           "cv": cv, "unsupervised": unsupervised}
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"{os.path.normpath(OUT)}: {len(cv)} cv cases, {len(unsupervised)} unsupervised")


if __name__ == "__main__":
    main()
