"""Shared helpers for the golden-file generators (run with Debian's python3-torch).

A golden file is JSON: {"format_version": 1, "generator": "torch X.Y", "cases": [case, ...]} where a case is
{"name", "op", "args", "inputs": [tensor], "output": tensor, "grad_output": tensor|null, "grads": [tensor|null]}
and a tensor is {"dtype": "float32"|"float64"|"int64"|"bool", "shape": [...], "data": [... row-major ...]}.
Float values are written as the float64 repr of the exact value, so float32 data round-trips bit for bit.
"""
import json
import math

import torch

FORMAT_VERSION = 1


def tensor_json(t):
    if t is None:
        return None
    t = t.detach().contiguous()
    dtype = str(t.dtype).replace("torch.", "")
    flat = t.reshape(-1).tolist()
    if t.dtype.is_floating_point:
        flat = [v if math.isfinite(v) else ("nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")) for v in flat]
    return {"dtype": dtype, "shape": list(t.shape), "data": flat}


def linspace_input(shape, lo=-2.0, hi=2.0, dtype=torch.float64, shift=0.0):
    """Deterministic, non-symmetric inputs (no RNG): a permuted linspace, so no two neighbours are equal."""
    n = 1
    for d in shape:
        n *= d
    base = torch.linspace(lo, hi, max(n, 1), dtype=torch.float64)[:n]
    idx = torch.tensor([(i * 7 + 3) % max(n, 1) for i in range(n)], dtype=torch.long)
    return (base[idx] + shift).reshape(shape).to(dtype)


def make_case(name, op, fn, inputs, args=None, grad=True):
    """Runs fn(*inputs) in torch; records the output and, for float inputs, gradients for a fixed upstream grad."""
    ins = [x.clone().requires_grad_(grad and x.dtype.is_floating_point) for x in inputs]
    out = fn(*ins)
    case = {"name": name, "op": op, "args": args or {}, "inputs": [tensor_json(x) for x in inputs],
            "output": tensor_json(out), "grad_output": None, "grads": []}
    if grad and out.requires_grad:
        go = linspace_input(tuple(out.shape), -1.0, 1.5, out.dtype)
        gs = torch.autograd.grad(out, [x for x in ins if x.requires_grad], go, allow_unused=True)
        it = iter(gs)
        case["grad_output"] = tensor_json(go)
        case["grads"] = [tensor_json(next(it)) if x.requires_grad else None for x in ins]
    return case


def write(path, cases):
    doc = {"format_version": FORMAT_VERSION, "generator": "torch " + torch.__version__, "cases": cases}
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"{path}: {len(cases)} cases")
