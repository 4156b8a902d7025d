#!/usr/bin/env python3
"""Golden files for DlPath.NN from PyTorch (run with Debian's python3-torch 1.13):

    /usr/bin/python3 tests/golden/make_golden_nn.py

writes tests/DlPath.NN.Tests/golden/
  nn.json           layers (functional forms: output and input/parameter grads), losses (every reduction and
                    option), inits from a seed, optimizers (parameters after 5 steps), schedulers (LR sequences)
  mlp_parity.json   50 Adam steps of the Fashion-MNIST MLP on fixed batches: the losses
  mlp_init.safetensors  that MLP's initial weights (torch.manual_seed(0)), written with a small writer that
                    follows the safetensors format (Debian ships no python3-safetensors)
The case format is golden_io.py's (format_version 1).
"""
import json
import math
import os
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_io import linspace_input, make_case, tensor_json, write  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "DlPath.NN.Tests", "golden")
D = torch.float64


def make_case_nd(name, op, fn, inputs, args=None, nograd=()):
    """make_case where the inputs at positions in nograd (targets, class weights) are recorded but not differentiated."""
    ins = [x.clone().requires_grad_(x.dtype.is_floating_point and i not in nograd) for i, x in enumerate(inputs)]
    out = fn(*ins)
    case = {"name": name, "op": op, "args": args or {}, "inputs": [tensor_json(x) for x in inputs],
            "output": tensor_json(out), "grad_output": None, "grads": []}
    go = linspace_input(tuple(out.shape), -1.0, 1.5, out.dtype)
    need = [x for x in ins if x.requires_grad]
    gs = iter(torch.autograd.grad(out, need, go, allow_unused=True))
    case["grad_output"] = tensor_json(go)
    case["grads"] = [tensor_json(next(gs)) if x.requires_grad else None for x in ins]
    return case


def lin(shape, lo=-2.0, hi=2.0, shift=0.0, dtype=D):
    return linspace_input(shape, lo, hi, dtype, shift)


def layer_cases():
    cases = []
    x = lin((3, 5))
    w = lin((4, 5), -1, 1, 0.05)
    b = lin((4,), -0.5, 0.5)
    cases.append(make_case("linear", "linear", lambda x, w, b: F.linear(x, w, b), [x, w, b]))
    cases.append(make_case("linear_3d_nobias", "linear", lambda x, w: F.linear(x, w), [lin((2, 3, 5)), w]))

    img = lin((2, 3, 7, 6))
    for name, args in [("conv2d", dict(stride=[1, 1], padding=[0, 0], dilation=[1, 1], groups=1)),
                       ("conv2d_stride_pad", dict(stride=[2, 1], padding=[1, 2], dilation=[1, 1], groups=1)),
                       ("conv2d_dilation", dict(stride=[1, 1], padding=[1, 1], dilation=[2, 1], groups=1))]:
        cw = lin((4, 3, 3, 2), -0.7, 0.7, 0.01)
        cases.append(make_case(name, "conv2d", lambda x, w, b, a=args: F.conv2d(x, w, b, a["stride"], a["padding"], a["dilation"], a["groups"]),
                               [img, cw, lin((4,), -0.3, 0.3)], args))
    gargs = dict(stride=[1, 1], padding=[1, 1], dilation=[1, 1], groups=2)
    cases.append(make_case("conv2d_groups", "conv2d", lambda x, w, b: F.conv2d(x, w, b, 1, 1, 1, 2),
                           [lin((2, 4, 5, 5)), lin((6, 2, 3, 3), -0.5, 0.5), lin((6,))], gargs))
    cases.append(make_case("conv1d", "conv1d", lambda x, w, b: F.conv1d(x, w, b, 2, 1, 1, 1),
                           [lin((2, 3, 9)), lin((4, 3, 3), -0.6, 0.6), lin((4,))], dict(stride=2, padding=1, dilation=1, groups=1)))
    targs = dict(stride=[2, 2], padding=[1, 0], output_padding=[1, 0], groups=1, dilation=[1, 1])
    cases.append(make_case("conv_transpose2d", "conv_transpose2d",
                           lambda x, w, b: F.conv_transpose2d(x, w, b, stride=2, padding=(1, 0), output_padding=(1, 0)),
                           [lin((2, 3, 4, 3)), lin((3, 2, 3, 3), -0.5, 0.5), lin((2,))], targs))
    cases.append(make_case("conv_transpose2d_groups", "conv_transpose2d",
                           lambda x, w, b: F.conv_transpose2d(x, w, b, stride=1, padding=0, groups=2),
                           [lin((1, 4, 3, 3)), lin((4, 3, 2, 2), -0.5, 0.5), lin((6,))],
                           dict(stride=[1, 1], padding=[0, 0], output_padding=[0, 0], groups=2, dilation=[1, 1])))
    cases.append(make_case("max_pool2d", "max_pool2d", lambda x: F.max_pool2d(x, 2), [lin((2, 3, 6, 5))], dict(kernel=[2, 2], stride=[2, 2], padding=[0, 0])))
    cases.append(make_case("max_pool2d_pad", "max_pool2d", lambda x: F.max_pool2d(x, 3, 2, 1), [lin((1, 2, 7, 7))], dict(kernel=[3, 3], stride=[2, 2], padding=[1, 1])))
    cases.append(make_case("max_pool2d_ceil", "max_pool2d", lambda x: F.max_pool2d(x, 3, 2, 1, ceil_mode=True), [lin((1, 2, 8, 7))], dict(kernel=[3, 3], stride=[2, 2], padding=[1, 1], ceil_mode=True)))
    cases.append(make_case("max_pool2d_ceil_2x2", "max_pool2d", lambda x: F.max_pool2d(x, 2, ceil_mode=True), [lin((2, 1, 7, 5))], dict(kernel=[2, 2], stride=[2, 2], padding=[0, 0], ceil_mode=True)))
    cases.append(make_case("avg_pool2d", "avg_pool2d", lambda x: F.avg_pool2d(x, 2), [lin((2, 3, 6, 5))], dict(kernel=[2, 2], stride=[2, 2], padding=[0, 0], count_include_pad=True)))
    cases.append(make_case("avg_pool2d_pad_exclude", "avg_pool2d", lambda x: F.avg_pool2d(x, 3, 2, 1, count_include_pad=False), [lin((1, 2, 7, 6))],
                           dict(kernel=[3, 3], stride=[2, 2], padding=[1, 1], count_include_pad=False)))
    cases.append(make_case("adaptive_avg_pool2d", "adaptive_avg_pool2d", lambda x: F.adaptive_avg_pool2d(x, (3, 2)), [lin((2, 2, 7, 5))], dict(output=[3, 2])))
    # batch norm in training (batch statistics and updated running stats) and in eval.
    bx = lin((4, 3, 2, 2))
    for training in (True, False):
        rm0, rv0 = lin((3,), -0.2, 0.3), lin((3,), 0.5, 1.5)
        rm, rv = rm0.clone(), rv0.clone()
        name = "batch_norm_train" if training else "batch_norm_eval"
        case = make_case(name, "batch_norm", lambda x, w, b: F.batch_norm(x, rm, rv, w, b, training, 0.1, 1e-5),
                         [bx, lin((3,), 0.5, 1.5), lin((3,), -0.5, 0.5)], dict(training=training, momentum=0.1, eps=1e-5))
        case["args"]["running_mean"] = tensor_json(rm0)
        case["args"]["running_var"] = tensor_json(rv0)
        case["args"]["running_mean_after"] = tensor_json(rm)
        case["args"]["running_var_after"] = tensor_json(rv)
        cases.append(case)
    cases.append(make_case("batch_norm1d_train", "batch_norm", lambda x, w, b: F.batch_norm(x, None, None, w, b, True, 0.1, 1e-5),
                           [lin((5, 3)), lin((3,), 0.5, 1.5), lin((3,), -0.5, 0.5)], dict(training=True, momentum=0.1, eps=1e-5)))
    cases.append(make_case("layer_norm", "layer_norm", lambda x, w, b: F.layer_norm(x, (3, 4), w, b, 1e-5),
                           [lin((2, 3, 4)), lin((3, 4), 0.5, 1.5), lin((3, 4), -0.5, 0.5)], dict(shape=[3, 4], eps=1e-5)))
    cases.append(make_case("group_norm", "group_norm", lambda x, w, b: F.group_norm(x, 2, w, b, 1e-5),
                           [lin((2, 4, 3, 2)), lin((4,), 0.5, 1.5), lin((4,), -0.5, 0.5)], dict(groups=2, eps=1e-5)))
    idx = torch.tensor([[1, 4, 0], [4, 2, 1]], dtype=torch.long)
    cases.append(make_case("embedding", "embedding", lambda i, w: F.embedding(i, w), [idx, lin((5, 3))]))
    cases.append(make_case("embedding_padding", "embedding", lambda i, w: F.embedding(i, w, padding_idx=4), [idx, lin((5, 3))], dict(padding_idx=4)))
    for act, fn in [("relu", F.relu), ("leaky_relu", lambda x: F.leaky_relu(x, 0.1)), ("gelu", F.gelu), ("silu", F.silu),
                    ("sigmoid", torch.sigmoid), ("tanh", torch.tanh), ("softmax", lambda x: F.softmax(x, 1)), ("log_softmax", lambda x: F.log_softmax(x, 1))]:
        cases.append(make_case(act, act, fn, [lin((3, 4), shift=0.013)]))
    return cases


def loss_cases():
    cases = []
    logits = lin((5, 4), -2, 2, 0.1)
    target = torch.tensor([1, 0, 3, 3, 2])
    target_ign = torch.tensor([1, -100, 3, 2, 2])
    cw = torch.tensor([0.5, 1.0, 2.0, 1.5], dtype=D)
    probs = torch.softmax(lin((5, 4), -1, 1, 0.2), 1)
    for red in ("none", "mean", "sum"):
        a = dict(reduction=red)
        cases.append(make_case_nd(f"ce_{red}", "cross_entropy", lambda x, t, r=red: F.cross_entropy(x, t, reduction=r), [logits, target], a, nograd=(1, 2, 3)))
        cases.append(make_case_nd(f"ce_weight_ignore_{red}", "cross_entropy", lambda x, t, w, r=red: F.cross_entropy(x, t, weight=w, reduction=r),
                               [logits, target_ign, cw], dict(reduction=red), nograd=(1, 2, 3)))
        cases.append(make_case_nd(f"ce_smooth_{red}", "cross_entropy", lambda x, t, r=red: F.cross_entropy(x, t, reduction=r, label_smoothing=0.2),
                               [logits, target_ign], dict(reduction=red, label_smoothing=0.2), nograd=(1, 2, 3)))
        cases.append(make_case_nd(f"ce_smooth_weight_{red}", "cross_entropy", lambda x, t, w, r=red: F.cross_entropy(x, t, weight=w, reduction=r, label_smoothing=0.15),
                               [logits, target_ign, cw], dict(reduction=red, label_smoothing=0.15), nograd=(1, 2, 3)))
        cases.append(make_case_nd(f"ce_probs_{red}", "cross_entropy", lambda x, t, r=red: F.cross_entropy(x, t, reduction=r), [logits, probs], a, nograd=(1, 2, 3)))
        cases.append(make_case_nd(f"ce_probs_weight_smooth_{red}", "cross_entropy", lambda x, t, w, r=red: F.cross_entropy(x, t, weight=w, reduction=r, label_smoothing=0.1),
                               [logits, probs, cw], dict(reduction=red, label_smoothing=0.1), nograd=(1, 2, 3)))
        cases.append(make_case_nd(f"ce_spatial_{red}", "cross_entropy", lambda x, t, r=red: F.cross_entropy(x, t, reduction=r),
                               [lin((2, 3, 2, 2)), torch.tensor([[[0, 2], [1, 1]], [[2, 0], [0, 1]]])], a, nograd=(1, 2, 3)))
        logp = F.log_softmax(logits, 1)
        cases.append(make_case_nd(f"nll_{red}", "nll_loss", lambda x, t, w, r=red: F.nll_loss(x, t, weight=w, reduction=r), [logp, target_ign, cw], a, nograd=(1, 2, 3)))
        p = torch.sigmoid(lin((3, 4), -2, 2, 0.07))
        y = (lin((3, 4), 0, 1, 0.0) > 0.5).to(D)
        ew = lin((3, 4), 0.5, 1.5)
        cases.append(make_case_nd(f"bce_{red}", "bce", lambda x, t, w, r=red: F.binary_cross_entropy(x, t, w, reduction=r), [p, y, ew], a, nograd=(1, 2, 3)))
        z = lin((3, 4), -3, 3, 0.07)
        pw = torch.tensor([1.0, 2.0, 0.5, 3.0], dtype=D)
        cases.append(make_case_nd(f"bce_logits_{red}", "bce_with_logits", lambda x, t, r=red: F.binary_cross_entropy_with_logits(x, t, reduction=r), [z, y], a, nograd=(1, 2, 3)))
        cases.append(make_case_nd(f"bce_logits_pw_{red}", "bce_with_logits", lambda x, t, w, pw_, r=red: F.binary_cross_entropy_with_logits(x, t, w, reduction=r, pos_weight=pw_),
                               [z, y, ew, pw], a, nograd=(1, 2, 3)))
        pred, tgt = lin((3, 4), -2, 2, 0.03), lin((3, 4), -1.5, 1.8, 0.0)
        cases.append(make_case_nd(f"mse_{red}", "mse", lambda x, t, r=red: F.mse_loss(x, t, reduction=r), [pred, tgt], a, nograd=(1, 2, 3)))
        cases.append(make_case_nd(f"l1_{red}", "l1", lambda x, t, r=red: F.l1_loss(x, t, reduction=r), [pred, tgt], a, nograd=(1, 2, 3)))
        cases.append(make_case_nd(f"smooth_l1_{red}", "smooth_l1", lambda x, t, r=red: F.smooth_l1_loss(x, t, reduction=r, beta=0.7), [pred, tgt], dict(reduction=red, beta=0.7), nograd=(1, 2, 3)))
        cases.append(make_case_nd(f"huber_{red}", "huber", lambda x, t, r=red: F.huber_loss(x, t, reduction=r, delta=0.8), [pred, tgt], dict(reduction=red, delta=0.8), nograd=(1, 2, 3)))
    return cases


def init_cases():
    cases = []

    def snap(name, module_fn, seed=0):
        torch.manual_seed(seed)
        m = module_fn()
        params = [p.detach() for p in m.parameters()]
        return {"name": name, "op": "init", "args": {"seed": seed}, "inputs": [], "output": None, "grad_output": None,
                "grads": [tensor_json(p) for p in params]}

    cases.append(snap("init_linear", lambda: nn.Linear(20, 30)))
    cases.append(snap("init_conv2d", lambda: nn.Conv2d(3, 8, 3)))
    cases.append(snap("init_conv1d", lambda: nn.Conv1d(2, 4, 5), seed=3))
    cases.append(snap("init_conv_transpose2d", lambda: nn.ConvTranspose2d(4, 3, 3, groups=1), seed=5))
    cases.append(snap("init_embedding", lambda: nn.Embedding(10, 4), seed=7))
    cases.append(snap("init_mlp", lambda: nn.Sequential(nn.Linear(6, 5), nn.ReLU(), nn.Linear(5, 3)), seed=11))
    for fn_name, fn in [("kaiming_uniform", lambda t: nn.init.kaiming_uniform_(t, a=0.1, mode="fan_out", nonlinearity="leaky_relu")),
                        ("kaiming_normal", lambda t: nn.init.kaiming_normal_(t, nonlinearity="relu")),
                        ("xavier_uniform", lambda t: nn.init.xavier_uniform_(t, gain=1.3)),
                        ("xavier_normal", lambda t: nn.init.xavier_normal_(t)),
                        ("orthogonal", lambda t: nn.init.orthogonal_(t, gain=0.9)),
                        ("orthogonal_wide", lambda t: nn.init.orthogonal_(t))]:
        torch.manual_seed(42)
        shape = (7, 3, 2) if fn_name != "orthogonal_wide" else (3, 8)
        t = torch.empty(shape)
        fn(t)
        cases.append({"name": "init_" + fn_name, "op": "init_fn", "args": {"seed": 42, "fn": fn_name, "shape": list(shape)},
                      "inputs": [], "output": tensor_json(t), "grad_output": None, "grads": []})
    # The exact layer of the issue, summarised (the full matrix would be 200k numbers).
    torch.manual_seed(0)
    big = nn.Linear(784, 256)
    w = big.weight.detach().double()
    cases.append({"name": "init_linear_784_256", "op": "init_summary", "args": {"seed": 0},
                  "inputs": [], "output": tensor_json(torch.stack([w.sum(), (w * w).sum(), big.bias.detach().double().sum()])),
                  "grad_output": None, "grads": [tensor_json(big.weight.detach().reshape(-1)[:16]), tensor_json(big.weight.detach().reshape(-1)[-16:]),
                                                 tensor_json(big.bias.detach()[:16])]})
    return cases


def optimizer_cases():
    cases = []
    x = lin((6, 3), -1, 1, 0.0, torch.float32)
    y = lin((6, 4), -0.5, 0.8, 0.0, torch.float32)
    w0 = lin((3, 4), -0.4, 0.6, 0.0, torch.float32)
    b0 = lin((4,), -0.1, 0.2, 0.0, torch.float32)
    configs = [
        ("sgd", lambda ps: torch.optim.SGD(ps, lr=0.05), {"lr": 0.05}),
        ("sgd_momentum", lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, dampening=0.1, weight_decay=0.01), {"lr": 0.05, "momentum": 0.9, "dampening": 0.1, "weight_decay": 0.01}),
        ("sgd_nesterov", lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8, nesterov=True), {"lr": 0.05, "momentum": 0.8, "nesterov": 1}),
        ("adam", lambda ps: torch.optim.Adam(ps, lr=0.01), {"lr": 0.01}),
        ("adam_wd_amsgrad", lambda ps: torch.optim.Adam(ps, lr=0.02, betas=(0.8, 0.99), weight_decay=0.1, amsgrad=True), {"lr": 0.02, "beta1": 0.8, "beta2": 0.99, "weight_decay": 0.1, "amsgrad": 1}),
        ("adamw", lambda ps: torch.optim.AdamW(ps, lr=0.01, weight_decay=0.1), {"lr": 0.01, "weight_decay": 0.1}),
        ("rmsprop", lambda ps: torch.optim.RMSprop(ps, lr=0.01), {"lr": 0.01}),
        ("rmsprop_centered_momentum", lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.9, momentum=0.5, centered=True, weight_decay=0.05), {"lr": 0.01, "alpha": 0.9, "momentum": 0.5, "centered": 1, "weight_decay": 0.05}),
        ("adagrad", lambda ps: torch.optim.Adagrad(ps, lr=0.1), {"lr": 0.1}),
        ("adagrad_decay", lambda ps: torch.optim.Adagrad(ps, lr=0.1, lr_decay=0.05, weight_decay=0.02, initial_accumulator_value=0.1), {"lr": 0.1, "lr_decay": 0.05, "weight_decay": 0.02, "initial_accumulator_value": 0.1}),
    ]
    for name, make, opts in configs:
        w, b = w0.clone().requires_grad_(), b0.clone().requires_grad_()
        opt = make([w, b])
        for _ in range(5):
            opt.zero_grad()
            loss = ((x @ w + b - y) ** 2).sum() + (w ** 4).sum() * 0.1
            loss.backward()
            opt.step()
        cases.append({"name": "optim_" + name, "op": "optim", "args": {"optimizer": name.split("_")[0], "options": opts},
                      "inputs": [tensor_json(w0), tensor_json(b0), tensor_json(x), tensor_json(y)],
                      "output": tensor_json(torch.cat([w.detach().reshape(-1), b.detach()])), "grad_output": None, "grads": []})
    return cases


def scheduler_cases():
    cases = []
    S = torch.optim.lr_scheduler

    def run(name, make, args, opt_kind="sgd", steps=15, metrics=None):
        p = torch.zeros(2, requires_grad=True)
        opt = torch.optim.SGD([p], lr=0.1, momentum=0.9) if opt_kind == "sgd" else torch.optim.Adam([p], lr=0.1)
        sched = make(opt)
        lrs, moms = [opt.param_groups[0]["lr"]], []
        for i in range(steps):
            opt.step()
            if metrics is not None:
                sched.step(metrics[i])
            else:
                sched.step()
            lrs.append(opt.param_groups[0]["lr"])
            g = opt.param_groups[0]
            moms.append(g["betas"][0] if "betas" in g else g["momentum"])
        case = {"name": "sched_" + name, "op": "sched", "args": dict(args, kind=name.split("_")[0], optimizer=opt_kind, steps=steps),
                "inputs": [], "output": tensor_json(torch.tensor(lrs, dtype=D)), "grad_output": None,
                "grads": [tensor_json(torch.tensor(moms, dtype=D))]}
        if metrics is not None:
            case["args"]["metrics"] = metrics
        cases.append(case)

    run("step", lambda o: S.StepLR(o, 4, 0.5), {"step_size": 4, "gamma": 0.5})
    run("multistep", lambda o: S.MultiStepLR(o, [2, 5, 5, 9], 0.3), {"milestones": [2, 5, 5, 9], "gamma": 0.3})
    run("exponential", lambda o: S.ExponentialLR(o, 0.9), {"gamma": 0.9})
    run("cosine", lambda o: S.CosineAnnealingLR(o, 6, 0.01), {"t_max": 6, "eta_min": 0.01})
    run("linear", lambda o: S.LinearLR(o, 0.25, 1.0, 6), {"start_factor": 0.25, "end_factor": 1.0, "total_iters": 6})
    run("onecycle", lambda o: S.OneCycleLR(o, 0.5, total_steps=15), {"max_lr": 0.5, "total_steps": 15, "cosine": True})
    run("onecycle_linear_adam", lambda o: S.OneCycleLR(o, 0.3, total_steps=20, pct_start=0.25, anneal_strategy="linear"),
        {"max_lr": 0.3, "total_steps": 20, "pct_start": 0.25, "cosine": False}, opt_kind="adam", steps=20)
    metrics = [1.0, 0.9, 0.95, 0.95, 0.96, 0.97, 0.85, 0.86, 0.87, 0.88, 0.89, 0.9, 0.91, 0.92, 0.93]
    run("plateau", lambda o: S.ReduceLROnPlateau(o, factor=0.5, patience=2, cooldown=1), {"factor": 0.5, "patience": 2, "cooldown": 1}, metrics=metrics)
    return cases


def save_safetensors(path, tensors, metadata=None):
    """A minimal safetensors writer following the format spec (8-byte LE header length, JSON header, raw LE data)."""
    codes = {torch.float32: "F32", torch.float64: "F64", torch.int64: "I64"}
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, t in tensors.items():
        t = t.detach().contiguous()
        data = t.numpy().tobytes()
        header[name] = {"dtype": codes[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for blob in blobs:
            f.write(blob)


def mlp_parity():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    save_safetensors(os.path.join(OUT, "mlp_init.safetensors"), model.state_dict(), {"source": "torch " + torch.__version__, "seed": "0"})
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    lossf = nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(1234)
    losses, first_logits = [], None
    for step in range(50):
        xb = torch.rand(128, 1, 28, 28, generator=g)
        yb = torch.randint(0, 10, (128,), generator=g)
        if step == 0:
            with torch.no_grad():
                first_logits = model(xb[:4])
        opt.zero_grad()
        loss = lossf(model(xb), yb)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    doc = {"format_version": 1, "generator": "torch " + torch.__version__, "batch_seed": 1234, "batch_size": 128, "lr": 1e-3,
           "losses": losses, "first_logits": tensor_json(first_logits)}
    with open(os.path.join(OUT, "mlp_parity.json"), "w") as f:
        json.dump(doc, f)
        f.write("\n")
    print("mlp parity: first loss", losses[0], "last", losses[-1])


if __name__ == "__main__":
    torch.set_num_threads(1)
    os.makedirs(OUT, exist_ok=True)
    write(os.path.join(OUT, "nn.json"), layer_cases() + loss_cases() + init_cases() + optimizer_cases() + scheduler_cases())
    mlp_parity()
