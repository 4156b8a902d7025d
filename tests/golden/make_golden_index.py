#!/usr/bin/env python3
"""Golden cases for indexing, joining, gather/scatter, one_hot, pad, sort/topk and unfold/fold.

usage: /usr/bin/python3 tests/golden/make_golden_index.py   (writes tests/DlPath.Tensors.Tests/golden/index.json)

Every case's "op" is mapped to the same expression in C# by tests/DlPath.Tensors.Tests/Indexing/IndexGoldenTests.cs;
index tensors are passed as int64/bool inputs (they get no gradient).
"""
import os

import torch
import torch.nn.functional as F

from golden_io import linspace_input as L, make_case, write

OUT = os.path.join(os.path.dirname(__file__), "..", "DlPath.Tensors.Tests", "golden", "index.json")


def I(*values):
    return torch.tensor(values, dtype=torch.long)


def setitem(a, index, value):
    # x[index] = value on a copy (DlPath's assignment is not recorded by autograd, so these cases have no grads).
    b = a.clone()
    b[index] = value
    return b


def weighted_cat(parts, dim):
    # Multi-output ops (split/chunk) are checked through one output: each part scaled by its position.
    return torch.cat([p * (i + 1) for i, p in enumerate(parts)], dim)


cases = []
for dt, tag in [(torch.float32, "f32"), (torch.float64, "f64")]:
    x = L((4, 5, 6), dtype=dt)
    m = L((3, 4), dtype=dt)
    img = L((2, 3, 5, 6), dtype=dt)
    cases += [
        # joining and splitting
        make_case(f"cat_dim1_{tag}", "cat_dim1", lambda a, b: torch.cat([a, b], 1), [L((2, 3), dtype=dt), L((2, 2), 1, 3, dtype=dt)]),
        make_case(f"cat_dim0_three_{tag}", "cat_dim0_three", lambda a, b, c: torch.cat([a, b, c]), [L((1, 3), dtype=dt), L((2, 3), 1, 3, dtype=dt), L((1, 3), -3, 0, dtype=dt)]),
        make_case(f"stack_dim1_{tag}", "stack_dim1", lambda a, b: torch.stack([a, b], 1), [L((2, 3), dtype=dt), L((2, 3), 1, 3, dtype=dt)]),
        make_case(f"split_sizes_{tag}", "split_sizes", lambda a: weighted_cat(a.split([1, 3, 2], 1), 1), [L((2, 6), dtype=dt)]),
        make_case(f"split_size2_{tag}", "split_size2", lambda a: weighted_cat(a.split(2, 0), 0), [L((5, 2), dtype=dt)]),
        make_case(f"chunk3_{tag}", "chunk3", lambda a: weighted_cat(a.chunk(3, -1), -1), [L((2, 7), dtype=dt)]),
        # gather / scatter / index_select
        make_case(f"gather_dim1_{tag}", "gather_dim1", lambda a, i: a.gather(1, i), [m, I([0, 3, 3], [1, 1, 0], [2, 0, 3])]),
        make_case(f"gather_dim0_{tag}", "gather_dim0", lambda a, i: a.gather(0, i), [m, I([2, 0, 1, 2], [0, 0, 2, 1])]),
        make_case(f"scatter_dim1_{tag}", "scatter_dim1", lambda a, i, s: a.scatter(1, i, s), [m, I([3, 0], [1, 2], [0, 3]), L((3, 2), 5, 6, dtype=dt)]),
        make_case(f"scatter_value_{tag}", "scatter_value", lambda a, i: a.scatter(0, i, 7.5), [m, I([2, 0, 1, 0])]),
        make_case(f"scatter_add_dim0_{tag}", "scatter_add_dim0", lambda a, i, s: a.scatter_add(0, i, s), [m, I([0, 1, 0, 2], [0, 0, 1, 2]), L((2, 4), 1, 2, dtype=dt)]),
        make_case(f"index_select_dim0_{tag}", "index_select_dim0", lambda a, i: a.index_select(0, i), [m, I(2, 0, 2, 1)]),
        make_case(f"index_select_dim1_{tag}", "index_select_dim1", lambda a, i: a.index_select(1, i), [x, I(4, 0, 4)]),
        make_case(f"index_add_dim1_{tag}", "index_add_dim1", lambda a, i, s: a.index_add(1, i, s), [m, I(3, 0, 3), L((3, 3), 1, 2, dtype=dt)]),
        make_case(f"masked_fill_bcast_{tag}", "masked_fill_bcast", lambda a, k: a.masked_fill(k, -1.5), [m, torch.tensor([[True, False, False, True]])]),
        # padding
        make_case(f"pad_const_last_{tag}", "pad_const_last", lambda a: F.pad(a, (1, 2), value=0.5), [m]),
        make_case(f"pad_const_4d_{tag}", "pad_const_4d", lambda a: F.pad(a, (1, 1, 2, 0)), [img]),
        make_case(f"pad_const_crop_{tag}", "pad_const_crop", lambda a: F.pad(a, (-1, 2, 1, -1)), [m]),
        make_case(f"pad_reflect_{tag}", "pad_reflect", lambda a: F.pad(a, (2, 1), mode="reflect"), [L((1, 2, 5), dtype=dt)]),
        make_case(f"pad_reflect_2d_{tag}", "pad_reflect_2d", lambda a: F.pad(a, (2, 1, 1, 2), mode="reflect"), [img]),
        make_case(f"pad_replicate_{tag}", "pad_replicate", lambda a: F.pad(a, (1, 2, 2, 1), mode="replicate"), [img]),
        make_case(f"pad_circular_{tag}", "pad_circular", lambda a: F.pad(a, (2, 1), mode="circular"), [L((1, 2, 5), dtype=dt)]),
        # sorting
        make_case(f"sort_values_{tag}", "sort_values", lambda a: a.sort(-1)[0], [m]),
        make_case(f"sort_desc_dim0_{tag}", "sort_desc_dim0", lambda a: a.sort(0, descending=True)[0], [m]),
        make_case(f"sort_indices_{tag}", "sort_indices", lambda a: a.sort(1)[1], [m], grad=False),
        make_case(f"topk2_{tag}", "topk2", lambda a: a.topk(2, -1)[0], [m]),
        make_case(f"topk2_smallest_dim0_{tag}", "topk2_smallest_dim0", lambda a: a.topk(2, 0, largest=False)[0], [m]),
        make_case(f"topk_indices_{tag}", "topk_indices", lambda a: a.topk(3, 1)[1], [m], grad=False),
        # unfold (im2col) and fold
        make_case(f"unfold_k3_p1_{tag}", "unfold_k3_p1", lambda a: F.unfold(a, 3, padding=1), [img]),
        make_case(f"unfold_general_{tag}", "unfold_general", lambda a: F.unfold(a, (2, 3), dilation=(2, 1), padding=(1, 0), stride=(2, 2)), [img]),
        make_case(f"fold_k2_s1_{tag}", "fold_k2_s1", lambda a: F.fold(a, (4, 5), 2), [L((2, 3 * 4, 12), dtype=dt)]),
        # indexing: views
        make_case(f"index_int_{tag}", "index_int", lambda a: a[1], [x]),
        make_case(f"index_slices_{tag}", "index_slices", lambda a: a[1:-1, ::2], [x]),
        make_case(f"index_ellipsis_newaxis_{tag}", "index_ellipsis_newaxis", lambda a: a[..., None, 2], [x]),
        make_case(f"index_neg_step_{tag}", "index_neg_step", lambda a: a[-1, :, 1:5:2], [x]),
        # indexing: advanced (copies)
        make_case(f"index_list_repeat_{tag}", "index_list_repeat", lambda a, i: a[i], [x, I(2, 0, 2)]),
        make_case(f"index_list_dim1_{tag}", "index_list_dim1", lambda a, i: a[:, i], [x, I(1, -1)]),
        make_case(f"index_two_lists_{tag}", "index_two_lists", lambda a, i, j: a[i, j], [x, I(0, 1, 0), I(2, 3, 2)]),
        make_case(f"index_adjacent_lists_{tag}", "index_adjacent_lists", lambda a, i, j: a[:, i, j], [x, I(0, 2), I(1, 4)]),
        make_case(f"index_separated_lists_{tag}", "index_separated_lists", lambda a, i, j: a[i, :, j], [x, I(0, 1), I(2, 3)]),
        make_case(f"index_2d_index_{tag}", "index_2d_index", lambda a, i: a[i], [x, I([0, 3], [3, 1])]),
        make_case(f"index_broadcast_lists_{tag}", "index_broadcast_lists", lambda a, i, j: a[i, 1:3, j], [x, I([0], [2]), I(1, 4, 5)]),
        make_case(f"index_int_and_list_{tag}", "index_int_and_list", lambda a, i: a[1, :, i], [x, I(0, 3)]),
        make_case(f"index_mask2d_{tag}", "index_mask2d", lambda a, k: a[k], [x, L((4, 5)) > 0.3]),
        make_case(f"index_mask_full_{tag}", "index_mask_full", lambda a, k: a[k], [x, L((4, 5, 6)) > 1.0]),
        make_case(f"index_mask_dim1_{tag}", "index_mask_dim1", lambda a, k: a[:, k], [x, torch.tensor([True, False, True, True, False])]),
    ]

cases.append(make_case("one_hot_auto", "one_hot_auto", lambda a: F.one_hot(a), [I([0, 2], [1, 4])], grad=False))
cases.append(make_case("one_hot_n6", "one_hot_n6", lambda a: F.one_hot(a, 6), [I(3, 0, 5)], grad=False))
cases.append(make_case("sort_stable_ties_int", "sort_stable_ties_int", lambda a: a.sort(stable=True, dim=0)[1], [I(3, 1, 2, 1, 3, 0, 1)], grad=False))
cases.append(make_case("sort_stable_ties_desc_int", "sort_stable_ties_desc_int", lambda a: a.sort(stable=True, dim=0, descending=True)[1], [I(3, 1, 2, 1, 3, 0, 1)], grad=False))
cases.append(make_case("sort_nan_f64", "sort_values", lambda a: a.sort(-1)[0], [torch.tensor([[2.0, float("nan"), -1.0, 0.5]], dtype=torch.float64)], grad=False))
cases.append(make_case("sort_int_desc_values", "sort_desc_dim0", lambda a: a.sort(0, descending=True)[0], [I([3, 1], [0, 5], [2, 2])], grad=False))
x = L((4, 5, 6))
cases.append(make_case("setitem_slice_bcast", "setitem_slice_bcast", lambda a, v: setitem(a, (1, slice(None), slice(1, 5, 2)), v), [x, L((2,), 5, 6)], grad=False))
cases.append(make_case("setitem_adjacent", "setitem_adjacent", lambda a, i, j, v: setitem(a, (slice(None), i, j), v), [x, I(0, 2), I(1, 4), L((4, 2), 5, 6)], grad=False))
cases.append(make_case("setitem_separated", "setitem_separated", lambda a, i, j, v: setitem(a, (i, slice(None), j), v), [x, I(0, 3), I(2, 5), L((2, 5), 5, 6)], grad=False))
cases.append(make_case("setitem_mask_scalar", "setitem_mask_scalar", lambda a, k: setitem(a, k, -7.0), [x, L((4, 5, 6)) > 0.5], grad=False))
write(OUT, cases)
