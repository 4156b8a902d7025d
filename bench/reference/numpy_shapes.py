#!/usr/bin/env python3
"""FP32 GEMM throughput of NumPy (OpenBLAS) and PyTorch on given shapes, transposes included.

usage: numpy_shapes.py --shapes NN:128x784x256,TN:784x128x256,NT:128x256x784 [--threads 2] [--reps 20] [--json]

Each shape is OPS:MxKxN: C (m x n) = op(A) (m x k) @ op(B) (k x n), where OPS gives op(A) and op(B) as N (as
stored) or T (transposed). A transposed operand is stored the other way round and passed as a view (.T),
so BLAS reads it through its transpose flag, exactly as DlPath's Gemm does; nothing is copied. The output
is preallocated (out=), so only the product is timed. Run with OPENBLAS_CORETYPE=SkylakeX on the project's
development machine (see ../shared/bench/README.md).
"""
import argparse, json, os, time
import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--shapes", required=True)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--reps", type=int, default=20)
p.add_argument("--json", action="store_true")
a = p.parse_args()
try:
    import torch
    torch.set_num_threads(a.threads)
except ImportError:
    torch = None


def best(f, reps):
    f()
    t = []
    for _ in range(reps):
        s = time.perf_counter(); f(); t.append(time.perf_counter() - s)
    return min(t)


def operand(rng, rows, cols, trans):
    # op(X) is rows x cols; a transposed operand is stored cols x rows and viewed through .T
    return rng.random((cols, rows), dtype=np.float32).T if trans else rng.random((rows, cols), dtype=np.float32)


rng = np.random.default_rng(0)
rows = []
for spec in a.shapes.split(","):
    ops, dims = spec.split(":")
    m, k, n = map(int, dims.split("x"))
    x = operand(rng, m, k, ops[0] == "T")
    y = operand(rng, k, n, ops[1] == "T")
    out = np.empty((m, n), dtype=np.float32)
    flops = 2.0 * m * n * k
    row = {"shape": spec, "m": m, "n": n, "k": k,
           "numpy_gflops": flops / best(lambda: np.matmul(x, y, out=out), a.reps) / 1e9}
    if torch is not None:
        tx, ty, tout = torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(out)
        row["torch_gflops"] = flops / best(lambda: torch.matmul(tx, ty, out=tout), a.reps) / 1e9
    rows.append(row)
    if not a.json:
        print(" ".join(f"{k}={v:.1f}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items()), flush=True)
if a.json:
    print(json.dumps({"openblas_coretype": os.environ.get("OPENBLAS_CORETYPE"), "rows": rows}))
