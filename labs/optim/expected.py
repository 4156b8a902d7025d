#!/usr/bin/env python3
"""Writes the expected values of lab.json's 'expected' checks (NumPy; run with /usr/bin/python3)."""
import json

import numpy as np

N, D = 4, 5
w = np.linspace(-0.4, 0.6, N * D).reshape(N, D)
dw = np.linspace(-0.6, 0.4, N * D).reshape(N, D)
state = np.linspace(0.6, 0.9, N * D).reshape(N, D)
eps = 1e-8
flat = lambda a: [float(round(x, 15)) for x in a.ravel()]

v = 0.9 * state - 1e-3 * dw
sgd = {"w": flat(w + v), "velocity": flat(v)}

cache = 0.99 * state + 0.01 * dw ** 2
rms = {"w": flat(w - 1e-2 * dw / (np.sqrt(cache) + eps)), "cache": flat(cache)}
# Tiny gradients from a zero cache: where epsilon's place (outside the square root) matters.
small = np.linspace(-1e-4, 1e-4, N * D).reshape(N, D)
rms["w_small"] = flat(w - 1e-2 * small / (np.sqrt(0.01 * small ** 2) + eps))

t, b1, b2 = 6, 0.9, 0.999
m = b1 * state + (1 - b1) * dw
vv = b2 * np.linspace(0.7, 0.5, N * D).reshape(N, D) + (1 - b2) * dw ** 2
adam = {"w": flat(w - 1e-2 * (m / (1 - b1 ** t)) / (np.sqrt(vv / (1 - b2 ** t)) + eps)), "m": flat(m), "v": flat(vv)}

print(json.dumps({"sgd-momentum-expected": sgd, "rmsprop-expected": rms, "adam-expected": adam}, indent=1))
