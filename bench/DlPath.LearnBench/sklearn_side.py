"""The scikit-learn side of bench/DlPath.LearnBench: times the golden cases' fits on their recorded folds now,
on this machine, and prints {"version": ..., "cases": {name: {"mean": score, "fit_seconds": mean fit time}}}.

Usage: python3 sklearn_side.py GOLDEN_JSON GENERATOR_DIR [name-substring]
"""
import json
import sys
import time

import numpy as np


def main():
    golden, generator_dir = sys.argv[1], sys.argv[2]
    needle = sys.argv[3] if len(sys.argv) > 3 else ""
    sys.path.insert(0, generator_dir)
    import warnings
    warnings.filterwarnings("ignore")
    import sklearn
    import make_golden_learn as g
    doc = json.load(open(golden))
    out = {}
    data = {}
    for c in doc["cv"]:
        if needle not in c["name"]:
            continue
        if c["dataset"] not in data:
            data[c["dataset"]] = g.load(c["dataset"])
        x, y = data[c["dataset"]]
        if c.get("target_column") is not None:
            col = c["target_column"]
            y = x[:, col]
            x = np.delete(x, col, axis=1)
        scores, times = [], []
        for test in c["test_folds"]:
            test = np.array(test)
            train = np.setdiff1d(np.arange(len(y)), test)
            est = g.build(c["model"], c["params"], c["scale"])
            t0 = time.perf_counter()
            est.fit(x[train], y[train])
            times.append(time.perf_counter() - t0)
            scores.append(float(est.score(x[test], y[test])))
        out[c["name"]] = {"mean": float(np.mean(scores)), "fit_seconds": float(np.mean(times))}
    print(json.dumps({"version": sklearn.__version__, "cases": out}))


if __name__ == "__main__":
    main()
