using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DlPath.Tensors.Kernels.Cpu.MicroKernels;

/// <summary>
/// Float32 6 x 16 micro-kernel on Vector256 FMA: AVX2 has 16 ymm registers, so 12 accumulators + 2 B vectors
/// + 1 broadcast is the largest tile that does not spill (the classic Haswell shape).
/// </summary>
internal readonly unsafe struct Avx2Sgemm6x16 : IGemmMicroKernel<float>
{
    public static int MR => 6;

    public static int NR => 16;

    public static int KC => 256;

    public static int MC => 144;

    public static int NC => 1024;

    /// <summary>Whether this CPU runs the kernel in hardware (AVX2 + FMA).</summary>
    public static bool IsSupported => Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        // 12 accumulators: c{row}{vector} holds C[row, vector*8 .. vector*8+7].
        Vector256<float> c0_0 = default; Vector256<float> c0_1 = default;
        Vector256<float> c1_0 = default; Vector256<float> c1_1 = default;
        Vector256<float> c2_0 = default; Vector256<float> c2_1 = default;
        Vector256<float> c3_0 = default; Vector256<float> c3_1 = default;
        Vector256<float> c4_0 = default; Vector256<float> c4_1 = default;
        Vector256<float> c5_0 = default; Vector256<float> c5_1 = default;

        // Per k step: 2 loads of B, 6 broadcasts of A, 12 FMAs; nothing else touches memory.
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b + 0);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> a0 = Vector256.Create(a[0]);
            c0_0 = Vector256.FusedMultiplyAdd(a0, b0, c0_0);
            c0_1 = Vector256.FusedMultiplyAdd(a0, b1, c0_1);
            Vector256<float> a1 = Vector256.Create(a[1]);
            c1_0 = Vector256.FusedMultiplyAdd(a1, b0, c1_0);
            c1_1 = Vector256.FusedMultiplyAdd(a1, b1, c1_1);
            Vector256<float> a2 = Vector256.Create(a[2]);
            c2_0 = Vector256.FusedMultiplyAdd(a2, b0, c2_0);
            c2_1 = Vector256.FusedMultiplyAdd(a2, b1, c2_1);
            Vector256<float> a3 = Vector256.Create(a[3]);
            c3_0 = Vector256.FusedMultiplyAdd(a3, b0, c3_0);
            c3_1 = Vector256.FusedMultiplyAdd(a3, b1, c3_1);
            Vector256<float> a4 = Vector256.Create(a[4]);
            c4_0 = Vector256.FusedMultiplyAdd(a4, b0, c4_0);
            c4_1 = Vector256.FusedMultiplyAdd(a4, b1, c4_1);
            Vector256<float> a5 = Vector256.Create(a[5]);
            c5_0 = Vector256.FusedMultiplyAdd(a5, b0, c5_0);
            c5_1 = Vector256.FusedMultiplyAdd(a5, b1, c5_1);
            a += 6;
            b += 16;
        }

        Vector256<float> va = Vector256.Create(alpha);
        if (beta == 0)
        {
            // Overwrite: the old C is not read, so NaN or garbage there cannot leak into the result.
            Vector256.Store(c0_0 * va, c);
            Vector256.Store(c0_1 * va, c + 8);
            c += ldc;
            Vector256.Store(c1_0 * va, c);
            Vector256.Store(c1_1 * va, c + 8);
            c += ldc;
            Vector256.Store(c2_0 * va, c);
            Vector256.Store(c2_1 * va, c + 8);
            c += ldc;
            Vector256.Store(c3_0 * va, c);
            Vector256.Store(c3_1 * va, c + 8);
            c += ldc;
            Vector256.Store(c4_0 * va, c);
            Vector256.Store(c4_1 * va, c + 8);
            c += ldc;
            Vector256.Store(c5_0 * va, c);
            Vector256.Store(c5_1 * va, c + 8);
        }
        else
        {
            Vector256<float> vb = Vector256.Create(beta);
            Vector256.Store(Vector256.FusedMultiplyAdd(c0_0, va, Vector256.Load(c) * vb), c);
            Vector256.Store(Vector256.FusedMultiplyAdd(c0_1, va, Vector256.Load(c + 8) * vb), c + 8);
            c += ldc;
            Vector256.Store(Vector256.FusedMultiplyAdd(c1_0, va, Vector256.Load(c) * vb), c);
            Vector256.Store(Vector256.FusedMultiplyAdd(c1_1, va, Vector256.Load(c + 8) * vb), c + 8);
            c += ldc;
            Vector256.Store(Vector256.FusedMultiplyAdd(c2_0, va, Vector256.Load(c) * vb), c);
            Vector256.Store(Vector256.FusedMultiplyAdd(c2_1, va, Vector256.Load(c + 8) * vb), c + 8);
            c += ldc;
            Vector256.Store(Vector256.FusedMultiplyAdd(c3_0, va, Vector256.Load(c) * vb), c);
            Vector256.Store(Vector256.FusedMultiplyAdd(c3_1, va, Vector256.Load(c + 8) * vb), c + 8);
            c += ldc;
            Vector256.Store(Vector256.FusedMultiplyAdd(c4_0, va, Vector256.Load(c) * vb), c);
            Vector256.Store(Vector256.FusedMultiplyAdd(c4_1, va, Vector256.Load(c + 8) * vb), c + 8);
            c += ldc;
            Vector256.Store(Vector256.FusedMultiplyAdd(c5_0, va, Vector256.Load(c) * vb), c);
            Vector256.Store(Vector256.FusedMultiplyAdd(c5_1, va, Vector256.Load(c + 8) * vb), c + 8);
        }
    }
}
