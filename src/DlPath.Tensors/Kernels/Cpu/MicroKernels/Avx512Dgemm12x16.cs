using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DlPath.Tensors.Kernels.Cpu.MicroKernels;

/// <summary>
/// Float64 12 x 16 micro-kernel on Vector512 FMA: same register budget as the float32 12 x 32 kernel
/// (24 accumulators of 8 doubles). B micro-panel KC x 16 doubles = 32 KiB in L1.
/// </summary>
internal readonly unsafe struct Avx512Dgemm12x16 : IGemmMicroKernel<double>
{
    public static int MR => 12;

    public static int NR => 16;

    public static int KC => 256;

    public static int MC => 96;

    public static int NC => 512;

    /// <summary>Whether this CPU runs the kernel in hardware (Vector512 FMA).</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, double* a, double* b, double* c, nint ldc, double alpha, double beta)
    {
        // 24 accumulators: c{row}{vector} holds C[row, vector*8 .. vector*8+7].
        Vector512<double> c0_0 = default; Vector512<double> c0_1 = default;
        Vector512<double> c1_0 = default; Vector512<double> c1_1 = default;
        Vector512<double> c2_0 = default; Vector512<double> c2_1 = default;
        Vector512<double> c3_0 = default; Vector512<double> c3_1 = default;
        Vector512<double> c4_0 = default; Vector512<double> c4_1 = default;
        Vector512<double> c5_0 = default; Vector512<double> c5_1 = default;
        Vector512<double> c6_0 = default; Vector512<double> c6_1 = default;
        Vector512<double> c7_0 = default; Vector512<double> c7_1 = default;
        Vector512<double> c8_0 = default; Vector512<double> c8_1 = default;
        Vector512<double> c9_0 = default; Vector512<double> c9_1 = default;
        Vector512<double> c10_0 = default; Vector512<double> c10_1 = default;
        Vector512<double> c11_0 = default; Vector512<double> c11_1 = default;

        // Per k step: 2 loads of B, 12 broadcasts of A, 24 FMAs; nothing else touches memory.
        for (int p = 0; p < kc; p++)
        {
            Vector512<double> b0 = Vector512.Load(b + 0);
            Vector512<double> b1 = Vector512.Load(b + 8);
            Vector512<double> a0 = Vector512.Create(a[0]);
            c0_0 = Vector512.FusedMultiplyAdd(a0, b0, c0_0);
            c0_1 = Vector512.FusedMultiplyAdd(a0, b1, c0_1);
            Vector512<double> a1 = Vector512.Create(a[1]);
            c1_0 = Vector512.FusedMultiplyAdd(a1, b0, c1_0);
            c1_1 = Vector512.FusedMultiplyAdd(a1, b1, c1_1);
            Vector512<double> a2 = Vector512.Create(a[2]);
            c2_0 = Vector512.FusedMultiplyAdd(a2, b0, c2_0);
            c2_1 = Vector512.FusedMultiplyAdd(a2, b1, c2_1);
            Vector512<double> a3 = Vector512.Create(a[3]);
            c3_0 = Vector512.FusedMultiplyAdd(a3, b0, c3_0);
            c3_1 = Vector512.FusedMultiplyAdd(a3, b1, c3_1);
            Vector512<double> a4 = Vector512.Create(a[4]);
            c4_0 = Vector512.FusedMultiplyAdd(a4, b0, c4_0);
            c4_1 = Vector512.FusedMultiplyAdd(a4, b1, c4_1);
            Vector512<double> a5 = Vector512.Create(a[5]);
            c5_0 = Vector512.FusedMultiplyAdd(a5, b0, c5_0);
            c5_1 = Vector512.FusedMultiplyAdd(a5, b1, c5_1);
            Vector512<double> a6 = Vector512.Create(a[6]);
            c6_0 = Vector512.FusedMultiplyAdd(a6, b0, c6_0);
            c6_1 = Vector512.FusedMultiplyAdd(a6, b1, c6_1);
            Vector512<double> a7 = Vector512.Create(a[7]);
            c7_0 = Vector512.FusedMultiplyAdd(a7, b0, c7_0);
            c7_1 = Vector512.FusedMultiplyAdd(a7, b1, c7_1);
            Vector512<double> a8 = Vector512.Create(a[8]);
            c8_0 = Vector512.FusedMultiplyAdd(a8, b0, c8_0);
            c8_1 = Vector512.FusedMultiplyAdd(a8, b1, c8_1);
            Vector512<double> a9 = Vector512.Create(a[9]);
            c9_0 = Vector512.FusedMultiplyAdd(a9, b0, c9_0);
            c9_1 = Vector512.FusedMultiplyAdd(a9, b1, c9_1);
            Vector512<double> a10 = Vector512.Create(a[10]);
            c10_0 = Vector512.FusedMultiplyAdd(a10, b0, c10_0);
            c10_1 = Vector512.FusedMultiplyAdd(a10, b1, c10_1);
            Vector512<double> a11 = Vector512.Create(a[11]);
            c11_0 = Vector512.FusedMultiplyAdd(a11, b0, c11_0);
            c11_1 = Vector512.FusedMultiplyAdd(a11, b1, c11_1);
            a += 12;
            b += 16;
        }

        Vector512<double> va = Vector512.Create(alpha);
        if (beta == 0)
        {
            // Overwrite: the old C is not read, so NaN or garbage there cannot leak into the result.
            Vector512.Store(c0_0 * va, c);
            Vector512.Store(c0_1 * va, c + 8);
            c += ldc;
            Vector512.Store(c1_0 * va, c);
            Vector512.Store(c1_1 * va, c + 8);
            c += ldc;
            Vector512.Store(c2_0 * va, c);
            Vector512.Store(c2_1 * va, c + 8);
            c += ldc;
            Vector512.Store(c3_0 * va, c);
            Vector512.Store(c3_1 * va, c + 8);
            c += ldc;
            Vector512.Store(c4_0 * va, c);
            Vector512.Store(c4_1 * va, c + 8);
            c += ldc;
            Vector512.Store(c5_0 * va, c);
            Vector512.Store(c5_1 * va, c + 8);
            c += ldc;
            Vector512.Store(c6_0 * va, c);
            Vector512.Store(c6_1 * va, c + 8);
            c += ldc;
            Vector512.Store(c7_0 * va, c);
            Vector512.Store(c7_1 * va, c + 8);
            c += ldc;
            Vector512.Store(c8_0 * va, c);
            Vector512.Store(c8_1 * va, c + 8);
            c += ldc;
            Vector512.Store(c9_0 * va, c);
            Vector512.Store(c9_1 * va, c + 8);
            c += ldc;
            Vector512.Store(c10_0 * va, c);
            Vector512.Store(c10_1 * va, c + 8);
            c += ldc;
            Vector512.Store(c11_0 * va, c);
            Vector512.Store(c11_1 * va, c + 8);
        }
        else
        {
            Vector512<double> vb = Vector512.Create(beta);
            Vector512.Store(Vector512.FusedMultiplyAdd(c0_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c0_1, va, Vector512.Load(c + 8) * vb), c + 8);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c1_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c1_1, va, Vector512.Load(c + 8) * vb), c + 8);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c2_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c2_1, va, Vector512.Load(c + 8) * vb), c + 8);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c3_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c3_1, va, Vector512.Load(c + 8) * vb), c + 8);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c4_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c4_1, va, Vector512.Load(c + 8) * vb), c + 8);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c5_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c5_1, va, Vector512.Load(c + 8) * vb), c + 8);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c6_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c6_1, va, Vector512.Load(c + 8) * vb), c + 8);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c7_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c7_1, va, Vector512.Load(c + 8) * vb), c + 8);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c8_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c8_1, va, Vector512.Load(c + 8) * vb), c + 8);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c9_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c9_1, va, Vector512.Load(c + 8) * vb), c + 8);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c10_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c10_1, va, Vector512.Load(c + 8) * vb), c + 8);
            c += ldc;
            Vector512.Store(Vector512.FusedMultiplyAdd(c11_0, va, Vector512.Load(c) * vb), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(c11_1, va, Vector512.Load(c + 8) * vb), c + 8);
        }
    }
}
