#!/usr/bin/env python3
"""Writes the golden files of DlPath's random-stream tests from PyTorch's CPU generator.

Run from the repository root with a Python that has PyTorch 1.13 (Debian: apt install python3-torch):

    /usr/bin/python3 tests/golden/make_rng_golden.py

It writes tests/DlPath.Tensors.Tests/golden/rng_*.json. Every case seeds a generator, calls one torch
function (or a sequence of them on the same generator, "op": "sequence") and records the values. Floats
are written with repr() of the float64 value, which round-trips exactly (float32 values are exact in
float64). The C# tests replay each case and require exact equality.

PyTorch's float32 results depend on the CPU kernel it dispatches to; the files are generated with the
default dispatch (AVX2 on any current x86-64 CPU). The script refuses to run under another one.
"""

import hashlib
import json
import os
import sys

import torch
import torch.nn.functional as F

FORMAT_VERSION = 1
SEEDS = [0, 1, 42, 2**40 + 3]
SIZES = [1, 3, 15, 16, 17, 31, 100]
BIG = 1000  # only for the first seed, to keep the files small
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "DlPath.Tensors.Tests", "golden")

DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "bool": torch.bool}


def values_of(t):
    """Flat list of the tensor's values: Python floats (float64 repr) or ints."""
    flat = t.reshape(-1)
    if t.dtype == torch.bool:
        return [int(v) for v in flat.tolist()]
    if t.dtype.is_floating_point:
        return [float(v) for v in flat.double().tolist()]
    return [int(v) for v in flat.tolist()]


def run(op, dtype, shape, args, gen):
    """Calls the torch function a case names, on generator gen, and returns the result tensor."""
    if op == "get_state":
        return gen.get_state()
    dt = DTYPES[dtype]
    if op == "rand":
        return torch.rand(shape, dtype=dt, generator=gen)
    if op == "randn":
        return torch.randn(shape, dtype=dt, generator=gen)
    if op == "uniform":
        return torch.empty(shape, dtype=dt).uniform_(args["low"], args["high"], generator=gen)
    if op == "normal":
        return torch.empty(shape, dtype=dt).normal_(args["mean"], args["std"], generator=gen)
    if op in ("normal_noncontiguous", "uniform_noncontiguous"):
        # A strided view: PyTorch fills it element by element in memory order (and normal_ takes the
        # element-wise path even with 16+ elements). Values are returned in that memory order.
        view = args["view"]
        if view == "transpose":  # shape [a, b] viewed through a [b, a] tensor's .t()
            base = torch.empty(shape[::-1], dtype=dt)
            target = base.t()
        elif view == "every_other":  # x[::2] of a 1-d tensor twice as long
            base = torch.zeros(2 * shape[0], dtype=dt)
            target = base[::2]
        else:
            raise ValueError(view)
        assert not target.is_contiguous()
        if op == "normal_noncontiguous":
            target.normal_(args["mean"], args["std"], generator=gen)
        else:
            target.uniform_(args["low"], args["high"], generator=gen)
        return base.reshape(-1) if view == "transpose" else target.contiguous()
    if op == "randint":
        return torch.randint(args["low"], args["high"], shape, dtype=dt, generator=gen)
    if op == "randperm":
        return torch.randperm(args["n"], dtype=dt, generator=gen)
    if op == "bernoulli":
        return torch.empty(shape, dtype=dt).bernoulli_(args["p"], generator=gen)
    if op == "bernoulli_tensor":
        p = torch.tensor(args["p"], dtype=DTYPES[args["p_dtype"]]).reshape(shape)
        return torch.bernoulli(p, generator=gen).to(dt)
    if op == "dropout":
        # F.dropout takes no generator: it draws from the default one, which the caller has seeded.
        assert gen is None
        return F.dropout(torch.ones(shape, dtype=dt), p=args["p"], training=True)
    raise ValueError(op)


def case(name, op, seed, dtype, shape, args=None):
    args = args or {}
    if op == "dropout":
        torch.manual_seed(seed)
        gen = None
    else:
        gen = torch.Generator().manual_seed(seed)
    t = run(op, dtype, shape, args, gen)
    return {"name": name, "op": op, "seed": seed, "dtype": dtype, "shape": list(shape), "args": args,
            "values": values_of(t)}


def digest_case(name, op, seed, dtype, shape, args=None):
    """A long draw recorded as the SHA-256 of its little-endian bytes instead of its values: rare
    rounding differences (one element in thousands) only show up over millions of samples."""
    args = args or {}
    t = run(op, dtype, shape, args, torch.Generator().manual_seed(seed)).contiguous()
    assert sys.byteorder == "little"
    return {"name": name, "op": op, "seed": seed, "dtype": dtype, "shape": list(shape), "args": args,
            "values": [], "sha256": hashlib.sha256(t.numpy().tobytes()).hexdigest()}


def digest_cases():
    return [
        digest_case("randn_float32_2M", "randn", 123, "float32", [2_000_000]),
        digest_case("randn_float64_300k", "randn", 123, "float64", [300_000]),
        digest_case("normal_float32_1M", "normal", 7, "float32", [1_000_000], {"mean": 0.3, "std": 1.7}),
        digest_case("normal_float64_300k", "normal", 7, "float64", [300_007], {"mean": 0.3, "std": 1.7}),
        digest_case("uniform_float32_1M", "uniform", 8, "float32", [1_000_000], {"low": -0.37, "high": 2.9}),
        digest_case("uniform_float64_1M", "uniform", 8, "float64", [1_000_000], {"low": -0.37, "high": 2.9}),
        digest_case("randint_1M", "randint", 10, "int64", [1_000_000], {"low": -(2**31), "high": 2**31 + 12345}),
        digest_case("randperm_100k", "randperm", 11, "int64", [100_000], {"n": 100_000}),
    ]


def sequence(name, seed, steps):
    """Several calls on one generator: the stream, and the cached normal sample, carry across calls."""
    gen = torch.Generator().manual_seed(seed)
    out = []
    for op, dtype, shape, args in steps:
        t = run(op, dtype, shape, args, gen)
        out.append({"op": op, "dtype": dtype, "shape": list(shape), "args": args, "values": values_of(t)})
    return {"name": name, "op": "sequence", "seed": seed, "dtype": "", "shape": [], "args": {}, "steps": out,
            "values": []}


def continuous_cases():
    cases = []
    for op in ["rand", "randn"]:
        for seed in SEEDS:
            for dtype in ["float32", "float64"]:
                sizes = SIZES + ([BIG] if seed == SEEDS[0] else [])
                for n in sizes:
                    cases.append(case(f"{op}_{dtype}_seed{seed}_n{n}", op, seed, dtype, [n]))
    # Multi-dimensional shapes are filled in row-major order, like a flat tensor of the same numel.
    cases.append(case("randn_float32_2x3x4", "randn", 7, "float32", [2, 3, 4]))
    cases.append(case("rand_float64_5x7", "rand", 7, "float64", [5, 7]))
    for dtype in ["float32", "float64"]:
        for n in [5, 37]:
            cases.append(case(f"uniform_{dtype}_n{n}", "uniform", 3, dtype, [n], {"low": -3.7, "high": 5.1}))
            cases.append(case(f"uniform_{dtype}_n{n}_tiny", "uniform", 4, dtype, [n], {"low": 1e-3, "high": 2e-3}))
        for n in [5, 16, 37]:
            cases.append(case(f"normal_{dtype}_n{n}_shifted", "normal", 3, dtype, [n], {"mean": 2.5, "std": 0.5}))
            cases.append(case(f"normal_{dtype}_n{n}_wide", "normal", 5, dtype, [n], {"mean": -1.0, "std": 3.0}))
    for dtype in ["float32", "float64"]:
        cases.append(case(f"normal_noncontiguous_{dtype}_transpose", "normal_noncontiguous", 13, dtype, [4, 5],
                          {"view": "transpose", "mean": 0.0, "std": 1.0}))
        cases.append(case(f"normal_noncontiguous_{dtype}_every_other", "normal_noncontiguous", 14, dtype, [33],
                          {"view": "every_other", "mean": 1.0, "std": 2.0}))
        cases.append(case(f"uniform_noncontiguous_{dtype}_transpose", "uniform_noncontiguous", 15, dtype, [4, 5],
                          {"view": "transpose", "low": -1.0, "high": 1.0}))
    return cases


def integer_cases():
    cases = []
    ranges = [
        (0, 10), (-5, 5), (0, 2), (3, 4), (-100, -90),
        (0, 2**31 + 5), (0, 2**32 - 1), (0, 2**32), (-(2**40), 2**40), (-3, 2**33), (0, 10**18),
        (-(2**62), 2**62),
    ]
    for seed in SEEDS:
        for low, high in ranges:
            for n in [1, 17]:
                cases.append(case(f"randint_seed{seed}_{low}_{high}_n{n}", "randint", seed, "int64", [n],
                                  {"low": low, "high": high}))
    cases.append(case("randint_2x50", "randint", 9, "int64", [2, 50], {"low": -7, "high": 1000}))
    for seed in SEEDS:
        for n in [0, 1, 2, 10, 100, 5000]:
            if n == 5000 and seed not in (SEEDS[0], SEEDS[3]):
                continue
            cases.append(case(f"randperm_seed{seed}_n{n}", "randperm", seed, "int64", [n], {"n": n}))
    return cases


def bernoulli_cases():
    cases = []
    for seed in [0, 42]:
        for p in [0.0, 0.3, 0.5, 0.99, 1.0]:
            cases.append(case(f"bernoulli_float32_seed{seed}_p{p}", "bernoulli", seed, "float32", [40], {"p": p}))
        cases.append(case(f"bernoulli_float64_seed{seed}", "bernoulli", seed, "float64", [40], {"p": 0.25}))
        cases.append(case(f"bernoulli_bool_seed{seed}", "bernoulli", seed, "bool", [40], {"p": 0.6}))
        probs = [i / 39 for i in range(40)]
        cases.append(case(f"bernoulli_tensor_p32_seed{seed}", "bernoulli_tensor", seed, "float32", [40],
                          {"p": probs, "p_dtype": "float32"}))
        cases.append(case(f"bernoulli_tensor_p64_seed{seed}", "bernoulli_tensor", seed, "float64", [40],
                          {"p": probs, "p_dtype": "float64"}))
        for p in [0.0, 0.1, 0.3, 0.5, 0.9, 1.0]:
            cases.append(case(f"dropout_seed{seed}_p{p}", "dropout", seed, "float32", [60], {"p": p}))
    return cases


def sequence_cases():
    mixed = [
        ("randn", "float32", [3], {}),      # element-wise path: leaves a cached double sample
        ("randn", "float64", [1], {}),      # ... which this call returns
        ("randn", "float32", [1], {}),
        ("randn", "float32", [20], {}),     # chunked path: ignores the cache
        ("randn", "float64", [1], {}),      # the cache from the 3rd call is still there
        ("rand", "float32", [5], {}),
        ("randint", "int64", [4], {"low": 0, "high": 10}),
        ("randperm", "int64", [7], {"n": 7}),
        ("randn", "float64", [17], {}),
        ("normal", "float32", [5], {"mean": 1.0, "std": 2.0}),
        ("bernoulli", "float32", [6], {"p": 0.5}),
        ("uniform", "float64", [3], {"low": -1.0, "high": 1.0}),
        ("randn", "float32", [2], {}),
    ]
    odd = [("randn", "float32", [1], {}) for _ in range(5)] + [("randn", "float64", [3], {})]
    init = [  # an MLP-like start: weights, biases, a shuffled epoch, a dropout-sized mask
        ("randn", "float32", [784 // 16, 16], {}),
        ("rand", "float32", [10], {}),
        ("randperm", "int64", [60], {"n": 60}),
        ("bernoulli", "float32", [32], {"p": 0.8}),
    ]
    state = [  # get_state() bytes along the way: fresh, with a cached normal, past a state regeneration
        ("get_state", "uint8", [], {}),
        ("randn", "float64", [3], {}),
        ("get_state", "uint8", [], {}),
        ("rand", "float32", [5], {}),
        ("randn", "float32", [20], {}),
        ("randn", "float64", [1], {}),
        ("get_state", "uint8", [], {}),
        ("randint", "int64", [700], {"low": 0, "high": 1000}),
        ("get_state", "uint8", [], {}),
        ("randn", "float64", [2], {}),
        ("randn", "float32", [1], {}),
    ]
    return [sequence(f"sequence_mixed_seed{s}", s, mixed) for s in SEEDS] + \
        [sequence("sequence_odd_counts", 11, odd), sequence("sequence_init", 2024, init),
         sequence("sequence_state", 2**40 + 3, state)]


def generator_cases():
    g = torch.Generator()
    assert g.initial_seed() == 67280421310721, g.initial_seed()
    cases = []
    for op, dtype in [("rand", "float32"), ("randn", "float64")]:
        t = run(op, dtype, [5], {}, torch.Generator())
        cases.append({"name": f"fresh_generator_{op}", "op": op, "seed": 67280421310721, "dtype": dtype,
                      "shape": [5], "args": {"fresh_generator": True}, "values": values_of(t)})
    return cases


def write(name, cases):
    doc = {"format_version": FORMAT_VERSION, "generator": f"torch {torch.__version__}", "cases": cases}
    path = os.path.join(OUT_DIR, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"{os.path.relpath(path)}: {len(cases)} cases, {os.path.getsize(path)} bytes")


def main():
    capability = os.environ.get("ATEN_CPU_CAPABILITY", "")
    if capability not in ("", "avx2"):
        sys.exit("run with PyTorch's default CPU dispatch (unset ATEN_CPU_CAPABILITY)")
    if "CPU capability usage: AVX2" not in torch.__config__.show():
        sys.exit("PyTorch does not dispatch to AVX2 kernels here; the float32 randn goldens would differ")
    os.makedirs(OUT_DIR, exist_ok=True)
    write("rng_continuous.json", continuous_cases())
    write("rng_integer.json", integer_cases())
    write("rng_bernoulli.json", bernoulli_cases())
    write("rng_sequence.json", sequence_cases() + generator_cases())
    write("rng_digest.json", digest_cases())


if __name__ == "__main__":
    main()
