#!/usr/bin/env python3
"""Writes the SIMD GEMM micro-kernels (Avx512Sgemm12x32.cs, ...) of this folder.

The kernels are deliberately written out in full (one named local per accumulator, no loops over registers)
because that is what makes the JIT keep all of them in registers. Writing them by hand is error-prone, so
this script does it; edit the script and rerun it (python3 gen_microkernels.py), not the generated files.
"""

KERNELS = [
    # name, element, vector, lanes, MR, vectors per row, supported, KC, MC, NC, summary
    ("Avx512Sgemm12x32", "float", "Vector512", 16, 12, 2, "Vector512.IsHardwareAccelerated", 256, 192, 1024,
     ["Float32 12 x 32 micro-kernel on Vector512 FMA: 24 accumulators + 2 B vectors + 1 broadcast fit the 32",
      "zmm registers, and 24 independent FMA chains cover the FMA latency on both ports (measured at the core's",
      "peak, see the project's kernel notes). The A micro-panel (12 x KC = 12 KiB) sits in L1 while KC x 32 B",
      "micro-panels stream from the B panel (KC x NC = 1 MiB) in L2."]),
    ("Avx2Sgemm6x16", "float", "Vector256", 8, 6, 2, "Vector256.IsHardwareAccelerated && Fma.IsSupported", 256, 144, 1024,
     ["Float32 6 x 16 micro-kernel on Vector256 FMA: AVX2 has 16 ymm registers, so 12 accumulators + 2 B vectors",
      "+ 1 broadcast is the largest tile that does not spill (the classic Haswell shape)."]),
    ("Avx512Dgemm12x16", "double", "Vector512", 8, 12, 2, "Vector512.IsHardwareAccelerated", 256, 96, 512,
     ["Float64 12 x 16 micro-kernel on Vector512 FMA: same register budget as the float32 12 x 32 kernel",
      "(24 accumulators of 8 doubles). A micro-panel 12 x KC doubles = 24 KiB in L1, B panel KC x NC = 1 MiB in L2."]),
    ("Avx2Dgemm6x8", "double", "Vector256", 4, 6, 2, "Vector256.IsHardwareAccelerated && Fma.IsSupported", 256, 72, 512,
     ["Float64 6 x 8 micro-kernel on Vector256 FMA: 12 accumulators of 4 doubles, the 16-ymm register budget."]),
]


def body(L, T, V, lanes, mr, nvec, nr, kc, row_major):
    L.append(f"        // {mr * nvec} accumulators: ci_v holds C[row i, columns v*{lanes} .. v*{lanes}+{lanes - 1}].")
    for i in range(mr):
        L.append("        " + " ".join(f"{V}<{T}> c{i}_{v} = default;" for v in range(nvec)))
    L.append("")
    # Prefetch offsets (elements) covering one row of the tile even when it is not 64-byte aligned.
    size = 4 if T == "float" else 8
    offs = sorted(set(list(range(0, nr, 64 // size)) + [nr - 1]))
    L.append("        // Start fetching the C tile into L2 now, so it is near when the k loop ends: its rows are ldc apart (a page")
    L.append("        // or more in large products), and loading them cold from L3 stalls the core. Not into L1: with ldc a multiple")
    L.append("        // of 4 KiB all rows fall into the same L1 sets and would evict the B micro-panel (measured: L2 is faster).")
    L.append("        if (Sse.IsSupported)")
    L.append("        {")
    for i in range(mr):
        row = "c" if i == 0 else ("c + ldc" if i == 1 else f"c + {i} * ldc")
        for o in offs:
            L.append(f"            Sse.Prefetch1({row}{'' if o == 0 else f' + {o}'});")
    L.append("        }")
    L.append("")
    L.append(f"        // Per k step: {nvec} loads of B, {mr} broadcasts of A, {mr * nvec} FMAs; nothing else touches memory.")
    L.append("        for (int p = 0; p < kc; p++)")
    L.append("        {")
    for v in range(nvec):
        L.append(f"            {V}<{T}> b{v} = {V}.Load(b + {v * lanes});")
    for i in range(mr):
        # k-major panel: the MR values of step p are adjacent; row-major panel: row i starts at i * KC.
        idx = i * kc if row_major else i
        L.append(f"            {V}<{T}> a{i} = {V}.Create(a[{idx}]);")
        for v in range(nvec):
            L.append(f"            c{i}_{v} = {V}.FusedMultiplyAdd(a{i}, b{v}, c{i}_{v});")
    L.append(f"            a += {1 if row_major else mr};")
    L.append(f"            b += {nr};")
    L.append("        }")
    L.append("")
    L.append(f"        {V}<{T}> va = {V}.Create(alpha);")
    L.append("        if (beta == 0)")
    L.append("        {")
    L.append("            // Overwrite: the old C is not read, so NaN or garbage there cannot leak into the result.")
    for i in range(mr):
        for v in range(nvec):
            off = "" if v == 0 else f" + {v * lanes}"
            L.append(f"            {V}.Store(c{i}_{v} * va, c{off});")
        if i < mr - 1:
            L.append("            c += ldc;")
    L.append("        }")
    L.append("        else")
    L.append("        {")
    L.append(f"            {V}<{T}> vb = {V}.Create(beta);")
    for i in range(mr):
        for v in range(nvec):
            off = "" if v == 0 else f" + {v * lanes}"
            L.append(f"            {V}.Store({V}.FusedMultiplyAdd(c{i}_{v}, va, {V}.Load(c{off}) * vb), c{off});")
        if i < mr - 1:
            L.append("            c += ldc;")
    L.append("        }")


def gen(name, T, V, lanes, mr, nvec, supported, kc, mc, nc, summary):
    nr = lanes * nvec
    L = ["// Generated by gen_microkernels.py in this folder: edit the script, not this file.",
         "using System.Runtime.CompilerServices;", "using System.Runtime.Intrinsics;"]
    L.append("using System.Runtime.Intrinsics.X86;")
    L += ["", "namespace DlPath.Tensors.Kernels.Cpu.MicroKernels;", "", "/// <summary>"]
    L += ["/// " + s for s in summary]
    L += ["/// </summary>", f"internal readonly unsafe struct {name} : IGemmMicroKernel<{T}>", "{"]
    for prop, val in (("MR", mr), ("NR", nr), ("KC", kc), ("MC", mc), ("NC", nc)):
        L += [f"    public static int {prop} => {val};", ""]
    L += [f"    /// <summary>Whether this CPU runs the kernel in hardware.</summary>",
          f"    public static bool IsSupported => {supported};", ""]
    L += ["    [MethodImpl(MethodImplOptions.AggressiveOptimization)]",
          f"    public static void Run(int kc, {T}* a, {T}* b, {T}* c, nint ldc, {T} alpha, {T} beta)", "    {"]
    body(L, T, V, lanes, mr, nvec, nr, kc, row_major=False)
    L += ["    }", ""]
    L += ["    [MethodImpl(MethodImplOptions.AggressiveOptimization)]",
          f"    public static void RunRowMajorA(int kc, {T}* a, {T}* b, {T}* c, nint ldc, {T} alpha, {T} beta)", "    {"]
    body(L, T, V, lanes, mr, nvec, nr, kc, row_major=True)
    L += ["    }", "}"]
    with open(f"{name}.cs", "w") as f:
        f.write("\n".join(L) + "\n")


for k in KERNELS:
    gen(*k)
