using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using DlPath.Tensors.Kernels.Cpu.MicroKernels;

namespace DlPath.Tensors.Kernels.Cpu;

/// <summary>
/// Copies blocks of op(A) and op(B) into the micro-panel order the micro-kernel streams through, so that the
/// kernel reads memory strictly sequentially whatever the transposes and leading dimensions were. Transposes
/// are absorbed here: the kernel never knows whether A or B was transposed. Edges are zero-padded to whole
/// micro-panels, so the kernel always computes full MR x NR tiles. Every method with a loop is marked
/// AggressiveOptimization: a Tier-0 copy of a packing loop runs several times slower and, in a short
/// benchmark or the first steps of training, may never be replaced.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs op(A)[i0 .. i0+mc, p0 .. p0+kc] into ceil(mc / MR) micro-panels, in the layout that makes the copy
    /// cheap. A transposed (stored k x m): k-major panels of MR x kc,
    /// <c>ap[panel * MR * kc + p * MR + i]</c>, for the kernel's <c>Run</c>. A as stored (m x k): row-major panels
    /// with row stride KC, <c>ap[panel * MR * KC + i * KC + p]</c>, for <c>RunRowMajorA</c>. Either way each
    /// source row is read contiguously; no transpose is needed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA<T, TK>(T* a, int lda, bool transA, int i0, int p0, int mc, int kc, T* ap)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TK : struct, IGemmMicroKernel<T>
    {
        int mr = TK.MR, kcMax = TK.KC;
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            if (transA)
            {
                // A is stored (k x m): the MR values of one k step are contiguous, so each step is one copy.
                T* src = a + (nint)p0 * lda + i0 + ir;
                CopyRowsOfPanel(src, lda, rows, mr, kc, ap);
                ap += mr * kc;
            }
            else
            {
                // A is stored (m x k): copy each of the panel's rows (kc values) to its slot, KC apart.
                T* src = a + (nint)(i0 + ir) * lda + p0;
                int i = 0;
                for (; i < rows; i++)
                {
                    new ReadOnlySpan<T>(src + (nint)i * lda, kc).CopyTo(new Span<T>(ap + i * kcMax, kc));
                }

                for (; i < mr; i++)
                {
                    new Span<T>(ap + i * kcMax, kc).Clear();
                }

                ap += mr * kcMax;
            }
        }
    }

    /// <summary>
    /// Packs op(B)[p0 .. p0+kc, j0 .. j0+nc] into ceil(nc / NR) micro-panels of kc x NR:
    /// <c>bp[panel * NR * kc + p * NR + j] = op(B)[p0 + p, j0 + panel * NR + j]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB<T, TK>(T* b, int ldb, bool transB, int p0, int j0, int kc, int nc, T* bp)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TK : struct, IGemmMicroKernel<T>
    {
        int nr = TK.NR;
        for (int jr = 0; jr < nc; jr += nr, bp += nr * kc)
        {
            int cols = Math.Min(nr, nc - jr);
            if (transB)
            {
                // B is stored (n x k): column j of op(B) is row j of B, contiguous along k.
                T* src = b + (nint)(j0 + jr) * ldb + p0;
                TransposeIntoPanel(src, ldb, cols, nr, kc, bp);
            }
            else
            {
                // B is stored (k x n): the NR values of one k step are contiguous.
                T* src = b + (nint)p0 * ldb + j0 + jr;
                CopyRowsOfPanel(src, ldb, cols, nr, kc, bp);
            }
        }
    }

    /// <summary>
    /// dst[p * width + i] = src[p * ld + i] for i &lt; count, zero for count &lt;= i &lt; width (p &lt; kc).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyRowsOfPanel<T>(T* src, int ld, int count, int width, int kc, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (count == width && CopyFullRows((byte*)src, (nint)ld * sizeof(T), width * sizeof(T), kc, (byte*)dst))
        {
            return;
        }

        for (int p = 0; p < kc; p++, src += ld, dst += width)
        {
            int i = 0;
            for (; i < count; i++)
            {
                dst[i] = src[i];
            }

            for (; i < width; i++)
            {
                dst[i] = T.Zero;
            }
        }
    }

    /// <summary>
    /// Copies kc rows of <paramref name="bytes"/> bytes (a packed panel's width: 48, 128, ... bytes) from src, ldBytes
    /// apart, to consecutive rows at dst, with a fixed sequence of vector moves per row; false for a width it has
    /// no sequence for. A general block copy per row, whose length the JIT does not know here, made packing 2-3x slower.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool CopyFullRows(byte* src, nint ldBytes, int bytes, int kc, byte* dst)
    {
        switch (bytes)
        {
            case 128: // float NR = 32, double NR = 16
                for (int p = 0; p < kc; p++, src += ldBytes, dst += 128)
                {
                    Vector512.Store(Vector512.Load(src), dst);
                    Vector512.Store(Vector512.Load(src + 64), dst + 64);
                }

                return true;
            case 96: // double MR = 12
                for (int p = 0; p < kc; p++, src += ldBytes, dst += 96)
                {
                    Vector512.Store(Vector512.Load(src), dst);
                    Vector256.Store(Vector256.Load(src + 64), dst + 64);
                }

                return true;
            case 64: // float NR = 16 (AVX2), double NR = 8 (AVX2)
                for (int p = 0; p < kc; p++, src += ldBytes, dst += 64)
                {
                    Vector256.Store(Vector256.Load(src), dst);
                    Vector256.Store(Vector256.Load(src + 32), dst + 32);
                }

                return true;
            case 48: // float MR = 12, double MR = 6
                for (int p = 0; p < kc; p++, src += ldBytes, dst += 48)
                {
                    Vector256.Store(Vector256.Load(src), dst);
                    Vector128.Store(Vector128.Load(src + 32), dst + 32);
                }

                return true;
            case 24: // float MR = 6
                for (int p = 0; p < kc; p++, src += ldBytes, dst += 24)
                {
                    Vector128.Store(Vector128.Load(src), dst);
                    *(ulong*)(dst + 16) = *(ulong*)(src + 16);
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// dst[p * width + i] = src[i * ld + p] for i &lt; count, zero for count &lt;= i &lt; width (p &lt; kc):
    /// a transpose of a (count x kc) block into a (kc x width) panel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposeIntoPanel<T>(T* src, int ld, int count, int width, int kc, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (typeof(T) == typeof(float) && count == width && width % 4 == 0 && GemmTranspose.IsAccelerated)
        {
            // Full float panels whose width is a multiple of 4 (NR = 32, 16 or 4): register transposes.
            GemmTranspose.PanelFloat8((float*)src, ld, width, kc, (float*)dst);
            return;
        }

        // Walk kc in short strips so the `count` source rows being read stay in L1 while the strided writes
        // land in the (L1-resident) panel.
        const int Strip = 16;
        for (int p0 = 0; p0 < kc; p0 += Strip)
        {
            int pEnd = Math.Min(kc, p0 + Strip);
            for (i = 0; i < count; i++)
            {
                T* s = src + (nint)i * ld;
                for (int p = p0; p < pEnd; p++)
                {
                    dst[p * width + i] = s[p];
                }
            }

            for (i = count; i < width; i++)
            {
                for (int p = p0; p < pEnd; p++)
                {
                    dst[p * width + i] = T.Zero;
                }
            }
        }
    }
}
