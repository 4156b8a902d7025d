using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DlPath.Tensors.Kernels.Cpu;

/// <summary>
/// In-register transposes for packing float B panels whose source runs the "wrong" way (B transposed: the
/// kernel wants NR consecutive columns of op(B) per k step, but each of them is a row of the stored B).
/// A scalar gather moves one float per load and store; an 8 x 8 AVX transpose moves 64 floats with 8 loads,
/// 24 shuffles and 8 stores, which keeps packing well below the cost of the GEMM it feeds.
/// </summary>
internal static unsafe class GemmTranspose
{
    /// <summary>Whether the AVX shuffles this class uses run in hardware.</summary>
    public static bool IsAccelerated => Avx.IsSupported;

    /// <summary>
    /// dst[p * width + i] = src[i * ld + p] for i &lt; width, p &lt; kc; width must be a multiple of 4.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PanelFloat8(float* src, int ld, int width, int kc, float* dst)
    {
        int p = 0;
        for (; p + 8 <= kc; p += 8)
        {
            int i = 0;
            for (; i + 8 <= width; i += 8)
            {
                Transpose8x8(src + (nint)i * ld + p, ld, dst + (nint)p * width + i, width);
            }

            if (i < width)
            {
                // width % 8 == 4 (the scalar kernel's NR = 4): the last four rows as two 4 x 4 blocks.
                Transpose4x4(src + (nint)i * ld + p, ld, dst + (nint)p * width + i, width);
                Transpose4x4(src + (nint)i * ld + p + 4, ld, dst + (nint)(p + 4) * width + i, width);
            }
        }

        for (; p < kc; p++)
        {
            for (int i = 0; i < width; i++)
            {
                dst[p * width + i] = src[(nint)i * ld + p];
            }
        }
    }

    /// <summary>Transposes the 8 x 8 block at src (row stride ld) into dst (row stride ldd).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, int ld, float* dst, int ldd)
    {
        Vector256<float> r0 = Avx.LoadVector256(src);
        Vector256<float> r1 = Avx.LoadVector256(src + ld);
        Vector256<float> r2 = Avx.LoadVector256(src + 2 * ld);
        Vector256<float> r3 = Avx.LoadVector256(src + 3 * ld);
        Vector256<float> r4 = Avx.LoadVector256(src + 4 * ld);
        Vector256<float> r5 = Avx.LoadVector256(src + 5 * ld);
        Vector256<float> r6 = Avx.LoadVector256(src + 6 * ld);
        Vector256<float> r7 = Avx.LoadVector256(src + 7 * ld);

        // Interleave pairs of rows: t0 = r0[0] r1[0] r0[1] r1[1] | r0[4] r1[4] r0[5] r1[5], ...
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        // Gather groups of four: s0 = column 0 of rows 0-3 | column 4 of rows 0-3, ...
        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);

        // Join the 128-bit halves of rows 0-3 and rows 4-7.
        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + ldd, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + 2 * ldd, Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + 3 * ldd, Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + 4 * ldd, Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + 5 * ldd, Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + 6 * ldd, Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + 7 * ldd, Avx.Permute2x128(s3, s7, 0x31));
    }

    /// <summary>Transposes the 4 x 4 block at src (row stride ld) into dst (row stride ldd).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(float* src, int ld, float* dst, int ldd)
    {
        Vector128<float> r0 = Sse.LoadVector128(src);
        Vector128<float> r1 = Sse.LoadVector128(src + ld);
        Vector128<float> r2 = Sse.LoadVector128(src + 2 * ld);
        Vector128<float> r3 = Sse.LoadVector128(src + 3 * ld);
        Vector128<float> t0 = Sse.UnpackLow(r0, r1), t1 = Sse.UnpackHigh(r0, r1);
        Vector128<float> t2 = Sse.UnpackLow(r2, r3), t3 = Sse.UnpackHigh(r2, r3);
        Sse.Store(dst, Sse.MoveLowToHigh(t0, t2));
        Sse.Store(dst + ldd, Sse.MoveHighToLow(t2, t0));
        Sse.Store(dst + 2 * ldd, Sse.MoveLowToHigh(t1, t3));
        Sse.Store(dst + 3 * ldd, Sse.MoveHighToLow(t3, t1));
    }
}
