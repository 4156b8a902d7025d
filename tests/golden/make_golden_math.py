#!/usr/bin/env python3
"""Golden cases for the math ops: unary functions, pow, activations, clamp, min/max/where, comparisons,
logical ops, reductions (max/min/argmax, var/std, prod, norm, logsumexp, cumsum) and softmax.

Every differentiable case records input gradients for a fixed upstream gradient. Cases whose args hold
"t": true feed the op the transpose of the first input (x.transpose(-2, -1)), a non-contiguous view; the C#
test does the same, so gradients are checked through the view too.

usage: /usr/bin/python3 tests/golden/make_golden_math.py   (writes tests/DlPath.Tensors.Tests/golden/math.json)
"""
import math
import os

import torch
import torch.nn.functional as F

from golden_io import linspace_input as L, make_case, write

OUT = os.path.join(os.path.dirname(__file__), "..", "DlPath.Tensors.Tests", "golden", "math.json")


def T(fn):
    """fn applied to the transpose of its first argument (a non-contiguous view)."""
    return lambda x, *rest: fn(x.transpose(-2, -1), *rest)


def tens(values, dt):
    return torch.tensor(values, dtype=dt)


cases = []
for dt, tag in [(torch.float32, "f32"), (torch.float64, "f64")]:
    x23 = L((2, 3), dtype=dt)
    x34 = L((3, 4), dtype=dt)
    pos23 = L((2, 3), 0.2, 3.0, dtype=dt)
    pos34 = L((3, 4), 0.2, 3.0, dtype=dt)

    # ---- unary functions: contiguous (2,3) and a transposed (4,3) view -------------------------------------
    unary = [
        ("exp", torch.exp, x23, x34),
        ("log", torch.log, pos23, pos34),
        ("log1p", torch.log1p, L((2, 3), -0.5, 3.0, dtype=dt), L((3, 4), -0.5, 3.0, dtype=dt)),
        ("sqrt", torch.sqrt, pos23, pos34),
        ("rsqrt", torch.rsqrt, pos23, pos34),
        ("abs", torch.abs, x23, x34),
        ("sign", torch.sign, x23, x34),
        ("sin", torch.sin, L((2, 3), -4, 4, dtype=dt), L((3, 4), -4, 4, dtype=dt)),
        ("cos", torch.cos, L((2, 3), -4, 4, dtype=dt), L((3, 4), -4, 4, dtype=dt)),
        ("tanh", torch.tanh, x23, x34),
        ("sigmoid", torch.sigmoid, L((2, 3), -6, 6, dtype=dt), L((3, 4), -6, 6, dtype=dt)),
        ("relu", torch.relu, x23, x34),
        ("silu", F.silu, L((2, 3), -5, 5, dtype=dt), L((3, 4), -5, 5, dtype=dt)),
    ]
    for name, fn, a, b in unary:
        cases.append(make_case(f"{name}_{tag}", name, fn, [a]))
        cases.append(make_case(f"{name}_t_{tag}", name, T(fn), [b], {"t": True}))

    wide = L((3, 5), -6, 6, dtype=dt)
    cases += [
        make_case(f"leaky_relu_{tag}", "leaky_relu", lambda x: F.leaky_relu(x, 0.1), [x34], {"slope": 0.1}),
        make_case(f"leaky_relu_default_t_{tag}", "leaky_relu", T(F.leaky_relu), [x34], {"t": True}),
        make_case(f"gelu_{tag}", "gelu", F.gelu, [wide]),
        make_case(f"gelu_t_{tag}", "gelu", T(F.gelu), [L((5, 3), -4, 4, dtype=dt)], {"t": True}),
        make_case(f"gelu_tanh_{tag}", "gelu", lambda x: F.gelu(x, approximate="tanh"), [wide], {"approximate": "tanh"}),
        make_case(f"softplus_{tag}", "softplus", F.softplus, [wide]),
        make_case(f"softplus_beta_thr_{tag}", "softplus", lambda x: F.softplus(x, beta=2, threshold=3), [wide], {"beta": 2.0, "threshold": 3.0}),
        make_case(f"clamp_{tag}", "clamp", lambda x: torch.clamp(x, -0.5, 1.0), [x34], {"min": -0.5, "max": 1.0}),
        make_case(f"clamp_min_t_{tag}", "clamp", T(lambda x: torch.clamp(x, min=0.1)), [x34], {"min": 0.1, "t": True}),
        make_case(f"clamp_max_{tag}", "clamp", lambda x: torch.clamp(x, max=0.3), [x34], {"max": 0.3}),
        make_case(f"clamp_at_bounds_{tag}", "clamp", lambda x: torch.clamp(x, -1.0, 1.0), [tens([-2.0, -1.0, 0.0, 1.0, 2.0], dt)], {"min": -1.0, "max": 1.0}),
        make_case(f"clamp_min_gt_max_{tag}", "clamp", lambda x: torch.clamp(x, 1.0, 0.0), [x23], {"min": 1.0, "max": 0.0}),
    ]

    # ---- pow --------------------------------------------------------------------------------------------------
    for p in [2.0, 3.0, 0.5, -1.0, -0.5, 2.5, -1.5, 0.0]:
        cases.append(make_case(f"pow_{p}_{tag}".replace(".", "p").replace("-", "m"), "pow_scalar", lambda x, p=p: x ** p, [pos34], {"exponent": p}))
    cases += [
        make_case(f"pow_2_t_{tag}", "pow_scalar", T(lambda x: x ** 2), [x34], {"exponent": 2.0, "t": True}),
        make_case(f"pow_tensor_bcast_{tag}", "pow_tensor", torch.pow, [pos23, L((3,), -1.0, 2.0, dtype=dt)]),
        make_case(f"pow_tensor_zero_base_{tag}", "pow_tensor", torch.pow, [tens([[0.0, 0.0, 2.0], [0.0, 1.5, 3.0]], dt), tens([[2.0, 0.0, 1.0], [1.0, 0.0, -1.0]], dt)]),
        make_case(f"pow_base_scalar_{tag}", "pow_base", lambda x: torch.pow(2.5, x), [x23], {"base": 2.5}),
    ]

    # ---- maximum / minimum / where ----------------------------------------------------------------------------
    ta = tens([[1.0, 2.0, 3.0], [0.5, 2.0, -1.0]], dt)
    tb = tens([1.0, 0.0, 3.0], dt)
    cond = torch.tensor([[True, False, True], [False, False, True]])
    cases += [
        make_case(f"maximum_ties_bcast_{tag}", "maximum", torch.maximum, [ta, tb]),
        make_case(f"max_binary_{tag}", "max_binary", torch.max, [ta, tb]),
        make_case(f"min_binary_{tag}", "min_binary", torch.min, [ta, tb]),
        make_case(f"minimum_ties_bcast_{tag}", "minimum", torch.minimum, [ta, tb]),
        make_case(f"maximum_t_{tag}", "maximum", T(torch.maximum), [x34, L((3,), -1, 1, dtype=dt)], {"t": True}),
        make_case(f"where_bcast_{tag}", "where", torch.where, [cond, ta, tb]),
        make_case(f"where_col_{tag}", "where", torch.where, [torch.tensor([[True], [False]]), ta, L((2, 1), dtype=dt)]),
    ]

    # ---- reductions -------------------------------------------------------------------------------------------
    x234 = L((2, 3, 4), dtype=dt)
    ties = tens([[1.0, 3.0, 3.0, 2.0], [5.0, -1.0, 5.0, 5.0], [0.0, 0.0, -2.0, 0.0]], dt)
    with_zero = tens([[1.5, 0.0, 2.0, -1.0], [0.0, 3.0, 0.0, 2.0], [1.5, -2.0, 0.5, 3.0]], dt)
    cases += [
        make_case(f"max_all_ties_{tag}", "max_all", torch.max, [ties]),
        make_case(f"min_all_ties_{tag}", "min_all", torch.min, [ties]),
        make_case(f"max_dim1_values_{tag}", "max_dim_values", lambda x: torch.max(x, 1).values, [ties], {"dim": 1}),
        make_case(f"max_dim1_indices_{tag}", "max_dim_indices", lambda x: torch.max(x, 1).indices, [ties], {"dim": 1}),
        make_case(f"max_dim0_keep_t_{tag}", "max_dim_values", T(lambda x: torch.max(x, 0, keepdim=True).values), [x34], {"dim": 0, "keepdim": True, "t": True}),
        make_case(f"min_dim_m1_values_{tag}", "min_dim_values", lambda x: torch.min(x, -1).values, [x234], {"dim": -1}),
        make_case(f"min_dim_m1_indices_{tag}", "min_dim_indices", lambda x: torch.min(x, -1).indices, [ties], {"dim": -1}),
        make_case(f"amax_dims02_keep_{tag}", "amax", lambda x: torch.amax(x, (0, 2), keepdim=True), [x234], {"dims": [0, 2], "keepdim": True}),
        make_case(f"amax_ties_{tag}", "amax", lambda x: torch.amax(x, 1), [ties], {"dims": [1]}),
        make_case(f"amin_ties_{tag}", "amin", lambda x: torch.amin(x, 0), [ties], {"dims": [0]}),
        make_case(f"argmax_all_{tag}", "argmax", torch.argmax, [ties]),
        make_case(f"argmax_dim1_{tag}", "argmax", lambda x: torch.argmax(x, 1), [ties], {"dim": 1}),
        make_case(f"argmin_dim0_keep_{tag}", "argmin", lambda x: torch.argmin(x, 0, keepdim=True), [ties], {"dim": 0, "keepdim": True}),
        make_case(f"argmin_all_{tag}", "argmin", torch.argmin, [ties]),
        make_case(f"var_all_{tag}", "var", torch.var, [x234]),
        make_case(f"var_dim1_biased_{tag}", "var", lambda x: torch.var(x, 1, unbiased=False), [x34], {"dims": [1], "unbiased": False}),
        make_case(f"var_dims02_keep_{tag}", "var", lambda x: torch.var(x, (0, 2), keepdim=True), [x234], {"dims": [0, 2], "keepdim": True}),
        make_case(f"var_correction2_t_{tag}", "var", T(lambda x: torch.var(x, 0, correction=2)), [L((5, 4), dtype=dt)], {"dims": [0], "correction": 2, "t": True}),
        make_case(f"std_all_{tag}", "std", torch.std, [x234]),
        make_case(f"std_dim0_{tag}", "std", lambda x: torch.std(x, 0), [x34], {"dims": [0]}),
        make_case(f"std_dims12_biased_keep_{tag}", "std", lambda x: torch.std(x, (1, 2), unbiased=False, keepdim=True), [x234], {"dims": [1, 2], "unbiased": False, "keepdim": True}),
        make_case(f"prod_all_{tag}", "prod", torch.prod, [L((2, 3), 0.5, 1.5, dtype=dt)]),
        make_case(f"prod_dim1_zeros_{tag}", "prod", lambda x: torch.prod(x, 1), [with_zero], {"dim": 1}),
        make_case(f"prod_dim0_keep_t_{tag}", "prod", T(lambda x: torch.prod(x, 0, keepdim=True)), [with_zero], {"dim": 0, "keepdim": True, "t": True}),
        make_case(f"prod_all_one_zero_{tag}", "prod", torch.prod, [tens([[1.5, 0.0], [2.0, -1.0]], dt)]),
        make_case(f"norm_all_{tag}", "norm", torch.norm, [x234]),
        make_case(f"norm_fro_dims01_{tag}", "norm", lambda x: torch.norm(x, p="fro", dim=(0, 1)), [x234], {"p": 2.0, "dims": [0, 1]}),
        make_case(f"norm_p1_dim1_{tag}", "norm", lambda x: torch.norm(x, 1, 1), [x34], {"p": 1.0, "dims": [1]}),
        make_case(f"norm_inf_dim1_keep_{tag}", "norm", lambda x: torch.norm(x, float("inf"), 1, keepdim=True), [ties], {"p": "inf", "dims": [1], "keepdim": True}),
        make_case(f"norm_p3_dim0_t_{tag}", "norm", T(lambda x: torch.norm(x, 3, 0)), [x34], {"p": 3.0, "dims": [0], "t": True}),
        make_case(f"norm_zero_row_{tag}", "norm", lambda x: torch.norm(x, 2, 1), [tens([[0.0, 0.0], [3.0, 4.0]], dt)], {"p": 2.0, "dims": [1]}),
        make_case(f"logsumexp_dim1_{tag}", "logsumexp", lambda x: torch.logsumexp(x, 1), [x34], {"dims": [1]}),
        make_case(f"logsumexp_dims02_keep_{tag}", "logsumexp", lambda x: torch.logsumexp(x, (0, 2), keepdim=True), [x234], {"dims": [0, 2], "keepdim": True}),
        make_case(f"logsumexp_large_{tag}", "logsumexp", lambda x: torch.logsumexp(x, 1), [tens([[1000.0, 1001.0, 999.0], [-1000.0, -1002.0, -1001.0]], dt)], {"dims": [1]}),
        make_case(f"logsumexp_t_{tag}", "logsumexp", T(lambda x: torch.logsumexp(x, -1)), [x34], {"dims": [-1], "t": True}),
        make_case(f"cumsum_dim1_{tag}", "cumsum", lambda x: torch.cumsum(x, 1), [x34], {"dim": 1}),
        make_case(f"cumsum_dim0_{tag}", "cumsum", lambda x: torch.cumsum(x, 0), [x234], {"dim": 0}),
        make_case(f"cumsum_t_{tag}", "cumsum", T(lambda x: torch.cumsum(x, -1)), [x34], {"dim": -1, "t": True}),
    ]

    # ---- softmax ----------------------------------------------------------------------------------------------
    big = tens([[1000.0, 1001.0, 1002.0], [-5.0, 0.0, 5.0]], dt)
    cases += [
        make_case(f"softmax_last_{tag}", "softmax", lambda x: torch.softmax(x, -1), [x34], {"dim": -1}),
        make_case(f"softmax_dim0_{tag}", "softmax", lambda x: torch.softmax(x, 0), [x234], {"dim": 0}),
        make_case(f"softmax_dim1_{tag}", "softmax", lambda x: torch.softmax(x, 1), [x234], {"dim": 1}),
        make_case(f"softmax_t_{tag}", "softmax", T(lambda x: torch.softmax(x, -1)), [x34], {"dim": -1, "t": True}),
        make_case(f"softmax_large_{tag}", "softmax", lambda x: torch.softmax(x, 1), [big], {"dim": 1}),
        make_case(f"log_softmax_last_{tag}", "log_softmax", lambda x: torch.log_softmax(x, -1), [x34], {"dim": -1}),
        make_case(f"log_softmax_dim1_{tag}", "log_softmax", lambda x: torch.log_softmax(x, 1), [x234], {"dim": 1}),
        make_case(f"log_softmax_t_{tag}", "log_softmax", T(lambda x: torch.log_softmax(x, 0)), [x34], {"dim": 0, "t": True}),
        make_case(f"log_softmax_large_{tag}", "log_softmax", lambda x: torch.log_softmax(x, 1), [big], {"dim": 1}),
    ]

    # ---- comparisons (tensor/tensor with broadcasting, and tensor/scalar) -----------------------------------
    for op in ["eq", "ne", "lt", "le", "gt", "ge"]:
        fn = getattr(torch, op)
        cases.append(make_case(f"{op}_bcast_{tag}", op, fn, [ta, tb]))
        cases.append(make_case(f"{op}_scalar_{tag}", op + "_scalar", lambda x, fn=fn: fn(x, 2.0), [ta], {"value": 2.0}))

# ---- dtype rules: int64 inputs ------------------------------------------------------------------------------
ints = torch.tensor([[-3, 0, 2], [5, -1, 4]], dtype=torch.int64)
ipos = torch.tensor([[1, 2, 3], [4, 5, 6]], dtype=torch.int64)
cases += [
    make_case("exp_int64", "exp", torch.exp, [ints]),
    make_case("sigmoid_int64", "sigmoid", torch.sigmoid, [ints]),
    make_case("sqrt_int64", "sqrt", torch.sqrt, [ipos]),
    make_case("log_int64", "log", torch.log, [ipos]),
    make_case("abs_int64", "abs", torch.abs, [ints]),
    make_case("sign_int64", "sign", torch.sign, [ints]),
    make_case("relu_int64", "relu", torch.relu, [ints]),
    make_case("clamp_int64", "clamp", lambda x: torch.clamp(x, -1, 3), [ints], {"min": -1.0, "max": 3.0}),
    make_case("clamp_int64_fraction", "clamp", lambda x: torch.clamp(x, min=0.5), [ints], {"min": 0.5}),
    make_case("pow_int64_2", "pow_scalar", lambda x: x ** 2, [ints], {"exponent": 2.0}),
    make_case("pow_int64_half", "pow_scalar", lambda x: x ** 0.5, [ipos], {"exponent": 0.5}),
    make_case("pow_base_int64", "pow_base", lambda x: torch.pow(2, x), [ipos], {"base": 2.0}),
    make_case("prod_int64", "prod", torch.prod, [ints]),
    make_case("cumsum_int64", "cumsum", lambda x: torch.cumsum(x, 1), [ints], {"dim": 1}),
    make_case("cumsum_bool", "cumsum", lambda x: torch.cumsum(x, 0), [torch.tensor([True, False, True, True])], {"dim": 0}),
    make_case("max_all_int64", "max_all", torch.max, [ints]),
    make_case("argmax_dim1_int64", "argmax", lambda x: torch.argmax(x, 1), [ints], {"dim": 1}),
    make_case("logsumexp_int64", "logsumexp", lambda x: torch.logsumexp(x, 1), [ints], {"dims": [1]}),
    make_case("maximum_int_float", "maximum", torch.maximum, [ints, torch.tensor([0.5, 1.5, 2.5])]),
    make_case("lt_int_scalar_fraction", "lt_scalar", lambda x: torch.lt(x, 1.5), [ints], {"value": 1.5}),
    make_case("eq_int_float", "eq", torch.eq, [ints, torch.tensor([-3.0, 0.5, 2.0])]),
    make_case("where_int_float", "where", torch.where, [torch.tensor([True, False, True]), torch.tensor([1, 2, 3]), torch.tensor([0.5, 1.5, 2.5])]),
]

# ---- NaN / inf handling and logical ops ---------------------------------------------------------------------
special = torch.tensor([1.0, float("nan"), float("inf"), -float("inf"), -2.0, 0.0])
ba = torch.tensor([[True, False, True], [False, False, True]])
bb = torch.tensor([True, False, False])
cases += [
    make_case("isnan", "isnan", torch.isnan, [special]),
    make_case("isinf", "isinf", torch.isinf, [special]),
    make_case("isfinite", "isfinite", torch.isfinite, [special]),
    make_case("isnan_int64", "isnan", torch.isnan, [ints]),
    make_case("sign_special", "sign", torch.sign, [special], grad=False),
    make_case("abs_special", "abs", torch.abs, [special], grad=False),
    make_case("exp_special", "exp", torch.exp, [special], grad=False),
    make_case("log_special", "log", torch.log, [special], grad=False),
    make_case("sigmoid_special", "sigmoid", torch.sigmoid, [special], grad=False),
    make_case("tanh_special", "tanh", torch.tanh, [special], grad=False),
    make_case("gelu_special", "gelu", F.gelu, [special], grad=False),
    make_case("softplus_special", "softplus", F.softplus, [special], grad=False),
    make_case("max_all_nan", "max_all", torch.max, [special], grad=False),
    make_case("argmax_nan", "argmax", torch.argmax, [special]),
    make_case("argmin_nan", "argmin", torch.argmin, [special]),
    make_case("maximum_nan", "maximum", torch.maximum, [special, torch.zeros(6)], grad=False),
    make_case("relu_nan", "relu", torch.relu, [special], grad=False),
    make_case("clamp_nan", "clamp", lambda x: torch.clamp(x, -1.0, 1.0), [special], {"min": -1.0, "max": 1.0}, grad=False),
    make_case("softmax_neg_inf", "softmax", lambda x: torch.softmax(x, 0), [torch.tensor([-float("inf"), 0.0, 1.0])], {"dim": 0}),
    make_case("logsumexp_all_neg_inf", "logsumexp", lambda x: torch.logsumexp(x, 0), [torch.tensor([-float("inf"), -float("inf")])], {"dims": [0]}, grad=False),
    make_case("logical_and", "logical_and", torch.logical_and, [ba, bb]),
    make_case("logical_or", "logical_or", torch.logical_or, [ba, bb]),
    make_case("logical_xor", "logical_xor", torch.logical_xor, [ba, bb]),
    make_case("logical_not", "logical_not", torch.logical_not, [ba]),
    make_case("logical_and_numbers", "logical_and", torch.logical_and, [torch.tensor([0.0, 1.5, -2.0]), torch.tensor([3, 0, 1])]),
    make_case("logical_not_float", "logical_not", torch.logical_not, [torch.tensor([0.0, 1.5, float("nan")])]),
]
write(OUT, cases)
