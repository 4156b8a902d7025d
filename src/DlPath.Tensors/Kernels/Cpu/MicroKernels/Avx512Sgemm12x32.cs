using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DlPath.Tensors.Kernels.Cpu.MicroKernels;

/// <summary>
/// Float32 12 x 32 micro-kernel on Vector512 FMA: 24 accumulators + 2 B vectors + 1 broadcast fit the 32
/// zmm registers, and 24 independent FMA chains cover the FMA latency on both ports (measured at the core's
/// peak, see the project's kernel notes). B micro-panel KC x 32 = 32 KiB sits in L1; A block MC x KC = 192 KiB in L2.
/// </summary>
internal readonly unsafe struct Avx512Sgemm12x32 : IGemmMicroKernel<float>
{
    public static int MR => 12;

    public static int NR => 32;

    public static int KC => 256;

    public static int MC => 192;

    public static int NC => 1024;

    /// <summary>Whether this CPU runs the kernel in hardware (Vector512 FMA).</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        // 24 accumulators: c{row}{vector} holds C[row, vector*16 .. vector*16+15].
        Vector512<float> c0_0 = default; Vector512<float> c0_1 = default;
        Vector512<float> c1_0 = default; Vector512<float> c1_1 = default;
        Vector512<float> c2_0 = default; Vector512<float> c2_1 = default;
        Vector512<float> c3_0 = default; Vector512<float> c3_1 = default;
        Vector512<float> c4_0 = default; Vector512<float> c4_1 = default;
        Vector512<float> c5_0 = default; Vector512<float> c5_1 = default;
        Vector512<float> c6_0 = default; Vector512<float> c6_1 = default;
        Vector512<float> c7_0 = default; Vector512<float> c7_1 = default;
        Vector512<float> c8_0 = default; Vector512<float> c8_1 = default;
        Vector512<float> c9_0 = default; Vector512<float> c9_1 = default;
        Vector512<float> c10_0 = default; Vector512<float> c10_1 = default;
        Vector512<float> c11_0 = default; Vector512<float> c11_1 = default;

        // Per k step: 2 loads of B, 12 broadcasts of A, 24 FMAs; nothing else touches memory.
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b + 0);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> a0 = Vector512.Create(a[0]);
            c0_0 = Vector512.FusedMultiplyAdd(a0, b0, c0_0);
            c0_1 = Vector512.FusedMultiplyAdd(a0, b1, c0_1);
            Vector512<float> a1 = Vector512.Create(a[1]);
            c1_0 = Vector512.FusedMultiplyAdd(a1, b0, c1_0);
            c1_1 = Vector512.FusedMultiplyAdd(a1, b1, c1_1);
            Vector512<float> a2 = Vector512.Create(a[2]);
            c2_0 = Vector512.FusedMultiplyAdd(a2, b0, c2_0);
            c2_1 = Vector512.FusedMultiplyAdd(a2, b1, c2_1);
            Vector512<float> a3 = Vector512.Create(a[3]);
            c3_0 = Vector512.FusedMultiplyAdd(a3, b0, c3_0);
            c3_1 = Vector512.FusedMultiplyAdd(a3, b1, c3_1);
            Vector512<float> a4 = Vector512.Create(a[4]);
            c4_0 = Vector512.FusedMultiplyAdd(a4, b0, c4_0);
            c4_1 = Vector512.FusedMultiplyAdd(a4, b1, c4_1);
            Vector512<float> a5 = Vector512.Create(a[5]);
            c5_0 = Vector512.FusedMultiplyAdd(a5, b0, c5_0);
            c5_1 = Vector512.FusedMultiplyAdd(a5, b1, c5_1);
            Vector512<float> a6 = Vector512.Create(a[6]);
            c6_0 = Vector512.FusedMultiplyAdd(a6, b0, c6_0);
            c6_1 = Vector512.FusedMultiplyAdd(a6, b1, c6_1);
            Vector512<float> a7 = Vector512.Create(a[7]);
            c7_0 = Vector512.FusedMultiplyAdd(a7, b0, c7_0);
            c7_1 = Vector512.FusedMultiplyAdd(a7, b1, c7_1);
            Vector512<float> a8 = Vector512.Create(a[8]);
            c8_0 = Vector512.FusedMultiplyAdd(a8, b0, c8_0);
            c8_1 = Vector512.FusedMultiplyAdd(a8, b1, c8_1);
            Vector512<float> a9 = Vector512.Create(a[9]);
            c9_0 = Vector512.FusedMultiplyAdd(a9, b0, c9_0);
            c9_1 = Vector512.FusedMultiplyAdd(a9, b1, c9_1);
            Vector512<float> a10 = Vector512.Create(a[10]);
            c10_0 = Vector512.FusedMultiplyAdd(a10, b0, c10_0);
            c10_1 = Vector512.FusedMultiplyAdd(a10, b1, c10_1);
            Vector512<float> a11 = Vector512.Create(a[11]);
            c11_0 = Vector512.FusedMultiplyAdd(a11, b0, c11_0);
            c11_1 = Vector512.FusedMultiplyAdd(a11, b1, c11_1);
            a += 12;
            b += 32;
        }

        Vector512<float> va = Vector512.Create(alpha);
        if (beta == 0)
        {
            // Overwrite: the old C is not read, so NaN or garbage there cannot leak into the result.
            Vector512.Store(c0_0 * va, c);
            Vector512.Store(c0_1 * va, c + 16);
            c += ldc;
            Vector512.Store(c1_0 * va, c);
            Vector512.Store(c1_1 * va, c + 16);
            c += ldc;
            Vector512.Store(c2_0 * va, c);
            Vector512.Store(c2_1 * va, c + 16);
            c += ldc;
            Vector512.Store(c3_0 * va, c);
            Vector512.Store(c3_1 * va, c + 16);
            c += ldc;
            Vector512.Store(c4_0 * va, c);
            Vector512.Store(c4_1 * va, c + 16);
            c += ldc;
            Vector512.Store(c5_0 * va, c);
            Vector512.Store(c5_1 * va, c + 16);
            c += ldc;
            Vector512.Store(c6_0 * va, c);
            Vector512.Store(c6_1 * va, c + 16);
            c += ldc;
            Vector512.Store(c7_0 * va, c);
            Vector512.Store(c7_1 * va, c + 16);
            c += ldc;
            Vector512.Store(c8_0 * va, c);
            Vector512.Store(c8_1 * va, c + 16);
            c += ldc;
            Vector512.Store(c9_0 * va, c);
            Vector512.Store(c9_1 * va, c + 16);
            c += ldc;
            Vector512.Store(c10_0 * va, c);
            Vector512.Store(c10_1 * va, c + 16);
            c += ldc;
            Vector512.Store(c11_0 * va, c);
            Vector512.Store(c11_1 * va, c + 16);
        }
        else
        {
            Vector512<float> vb = Vector512.Create(beta);
            Vector512.Store(Vector512.FusedMultiplyAdd(c0_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c0_1, va, Vector512.Load(c + 16) * vb), c + 16);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c1_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c1_1, va, Vector512.Load(c + 16) * vb), c + 16);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c2_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c2_1, va, Vector512.Load(c + 16) * vb), c + 16);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c3_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c3_1, va, Vector512.Load(c + 16) * vb), c + 16);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c4_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c4_1, va, Vector512.Load(c + 16) * vb), c + 16);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c5_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c5_1, va, Vector512.Load(c + 16) * vb), c + 16);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c6_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c6_1, va, Vector512.Load(c + 16) * vb), c + 16);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c7_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c7_1, va, Vector512.Load(c + 16) * vb), c + 16);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c8_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c8_1, va, Vector512.Load(c + 16) * vb), c + 16);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c9_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c9_1, va, Vector512.Load(c + 16) * vb), c + 16);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c10_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c10_1, va, Vector512.Load(c + 16) * vb), c + 16);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c11_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c11_1, va, Vector512.Load(c + 16) * vb), c + 16);
        }
    }
}
