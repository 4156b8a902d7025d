using System.Numerics;
using System.Runtime.CompilerServices;

namespace DlPath.Tensors.Kernels.Cpu.MicroKernels;

/// <summary>
/// Portable 4 x 4 micro-kernel in plain scalar arithmetic, for CPUs with neither Vector512 nor AVX2 + FMA
/// (and as a third path the tests exercise). 16 scalar accumulators fit any register file.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal readonly unsafe struct ScalarGemm4x4<T> : IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int MR => 4;

    public static int NR => 4;

    public static int KC => 256;

    public static int MC => 64;

    public static int NC => 512;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, T* b, T* c, nint ldc, T alpha, T beta)
    {
        T c00 = T.Zero, c01 = T.Zero, c02 = T.Zero, c03 = T.Zero;
        T c10 = T.Zero, c11 = T.Zero, c12 = T.Zero, c13 = T.Zero;
        T c20 = T.Zero, c21 = T.Zero, c22 = T.Zero, c23 = T.Zero;
        T c30 = T.Zero, c31 = T.Zero, c32 = T.Zero, c33 = T.Zero;
        for (int p = 0; p < kc; p++)
        {
            T b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            T a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            a += 4;
            b += 4;
        }

        StoreRow(c, c00, c01, c02, c03, alpha, beta);
        StoreRow(c + ldc, c10, c11, c12, c13, alpha, beta);
        StoreRow(c + 2 * ldc, c20, c21, c22, c23, alpha, beta);
        StoreRow(c + 3 * ldc, c30, c31, c32, c33, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunRowMajorA(int kc, T* a, T* b, T* c, nint ldc, T alpha, T beta)
    {
        T c00 = T.Zero, c01 = T.Zero, c02 = T.Zero, c03 = T.Zero;
        T c10 = T.Zero, c11 = T.Zero, c12 = T.Zero, c13 = T.Zero;
        T c20 = T.Zero, c21 = T.Zero, c22 = T.Zero, c23 = T.Zero;
        T c30 = T.Zero, c31 = T.Zero, c32 = T.Zero, c33 = T.Zero;
        for (int p = 0; p < kc; p++)
        {
            T b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            T a0 = a[0], a1 = a[KC], a2 = a[2 * KC], a3 = a[3 * KC]; // row i of the panel starts at i * KC
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            a += 1;
            b += 4;
        }

        StoreRow(c, c00, c01, c02, c03, alpha, beta);
        StoreRow(c + ldc, c10, c11, c12, c13, alpha, beta);
        StoreRow(c + 2 * ldc, c20, c21, c22, c23, alpha, beta);
        StoreRow(c + 3 * ldc, c30, c31, c32, c33, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(T* c, T x0, T x1, T x2, T x3, T alpha, T beta)
    {
        if (beta == T.Zero)
        {
            c[0] = alpha * x0; c[1] = alpha * x1; c[2] = alpha * x2; c[3] = alpha * x3;
        }
        else
        {
            c[0] = alpha * x0 + beta * c[0]; c[1] = alpha * x1 + beta * c[1];
            c[2] = alpha * x2 + beta * c[2]; c[3] = alpha * x3 + beta * c[3];
        }
    }
}
