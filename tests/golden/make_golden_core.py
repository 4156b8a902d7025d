#!/usr/bin/env python3
"""Golden cases for the core ops: arithmetic with broadcasting, sum/mean, matmul, views.

usage: /usr/bin/python3 tests/golden/make_golden_core.py   (writes tests/DlPath.Tensors.Tests/golden/core.json)
"""
import os

import torch

from golden_io import linspace_input as L, make_case, write

OUT = os.path.join(os.path.dirname(__file__), "..", "DlPath.Tensors.Tests", "golden", "core.json")
cases = []
for dt, tag in [(torch.float32, "f32"), (torch.float64, "f64")]:
    a, b = L((2, 3), dtype=dt), L((3,), 0.5, 1.5, dtype=dt)
    col = L((2, 1), 1.0, 2.0, dtype=dt)
    cases += [
        make_case(f"add_bcast_{tag}", "add", lambda x, y: x + y, [a, b]),
        make_case(f"sub_col_{tag}", "sub", lambda x, y: x - y, [a, col]),
        make_case(f"mul_bcast_{tag}", "mul", lambda x, y: x * y, [a, b]),
        make_case(f"div_bcast_{tag}", "div", lambda x, y: x / y, [a, b]),
        make_case(f"sum_all_{tag}", "sum", lambda x: x.sum(), [L((3, 4), dtype=dt)]),
        make_case(f"sum_dim1_keep_{tag}", "sum", lambda x: x.sum(dim=1, keepdim=True), [L((3, 4), dtype=dt)], {"dims": [1], "keepdim": True}),
        make_case(f"sum_dims02_{tag}", "sum", lambda x: x.sum(dim=(0, 2)), [L((2, 3, 4), dtype=dt)], {"dims": [0, 2], "keepdim": False}),
        make_case(f"mean_dim0_{tag}", "mean", lambda x: x.mean(dim=0), [L((3, 4), dtype=dt)], {"dims": [0], "keepdim": False}),
        make_case(f"matmul_2d_{tag}", "matmul", torch.matmul, [L((3, 4), dtype=dt), L((4, 5), dtype=dt)]),
        make_case(f"matmul_vec_mat_{tag}", "matmul", torch.matmul, [L((4,), dtype=dt), L((4, 5), dtype=dt)]),
        make_case(f"matmul_mat_vec_{tag}", "matmul", torch.matmul, [L((3, 4), dtype=dt), L((4,), dtype=dt)]),
        make_case(f"matmul_dot_{tag}", "matmul", torch.matmul, [L((4,), dtype=dt), L((4,), 1, 2, dtype=dt)]),
        make_case(f"matmul_batch_bcast_{tag}", "matmul", torch.matmul, [L((2, 1, 3, 4), dtype=dt), L((3, 4, 2), dtype=dt)]),
        make_case(f"permute_{tag}", "permute", lambda x: x.permute(2, 0, 1) * L((4, 2, 3), dtype=dt), [L((2, 3, 4), dtype=dt)], {"dims": [2, 0, 1]}),
    ]
write(OUT, cases)
