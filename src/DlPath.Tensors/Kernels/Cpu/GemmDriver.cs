using System.Numerics;
using System.Runtime.CompilerServices;
using DlPath.Tensors.Kernels.Cpu.MicroKernels;

namespace DlPath.Tensors.Kernels.Cpu;

/// <summary>
/// The blocked GEMM loop nest (Goto / BLIS order) for one micro-kernel, over one rectangle of C.
/// </summary>
/// <remarks>
/// <code>
/// for jc in cols step NC:                  B panel  (KC x NC)  packed once, lives in L2/L3
///   for pc in 0..k step kcStep:            k in equal blocks of at most KC; beta applies to the first only
///     pack op(B)[pc.., jc..]  -> bp
///     for ic in rows step MC:              A block  (MC x KC)  packed, lives in L2
///       pack op(A)[ic.., pc..] -> ap
///       for ir in 0..mc step MR:           A micro-panel (MR x KC) stays in L1 across the jr loop
///         for jr in 0..nc step NR:         B micro-panels (KC x NR) stream from L2
///           C[ic+ir.., jc+jr..] (MR x NR) = alpha * ap_ir * bp_jr + beta * C
/// </code>
/// Each part of a call (see GemmJob) runs this on its own rectangle of C with its own pack buffers, so
/// threads never wait for each other inside a part; parts that share rows of A (or columns of B) pack them
/// again, unless GemmJob packed that whole operand once up front (packedA / packedB).
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
/// <typeparam name="TK">The micro-kernel; its MR, NR, KC, MC, NC become JIT-time constants.</typeparam>
internal static unsafe class GemmDriver<T, TK>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TK : struct, IGemmMicroKernel<T>
{
    // Per-thread pack buffers, pinned (allocated on the pinned object heap) so pointers into them stay valid
    // without `fixed`; allocated once per thread and kernel, then reused by every call (no steady-state garbage).
    [ThreadStatic]
    private static T[]? t_packA;

    [ThreadStatic]
    private static T[]? t_packB;

    /// <summary>Computes rows [r0, r1) x columns [c0, c1) of C for one batch entry.</summary>
    /// <param name="g">The problem.</param>
    /// <param name="r0">First row of C.</param>
    /// <param name="r1">End (exclusive) of the rows.</param>
    /// <param name="c0">First column of C.</param>
    /// <param name="c1">End (exclusive) of the columns.</param>
    /// <param name="packedA">All of op(A) already packed (see <see cref="PackedAOffset"/>), or null to pack here.</param>
    /// <param name="mPad">m rounded up to MR.</param>
    /// <param name="packedB">All of op(B) already packed (see <see cref="PackedBOffset"/>), or null.</param>
    /// <param name="nPad">n rounded up to NR.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmArgs<T> g, int r0, int r1, int c0, int c1, T* packedA, int mPad, T* packedB, int nPad)
    {
        int kcMax = TK.KC, mcMax = TK.MC, ncMax = TK.NC;
        T* ownA = packedA == null ? Aligned(ref t_packA, mcMax * kcMax) : null;
        T* ownB = packedB == null ? Aligned(ref t_packB, kcMax * ncMax) : null;
        int k = g.K;

        // A as stored (not transposed) is packed row-major and run with RunRowMajorA; see GemmPacking.PackA.
        bool rowMajorA = !g.TransA;
        for (int jc = c0; jc < c1; jc += ncMax)
        {
            int nc = Math.Min(ncMax, c1 - jc);
            int kcStep = BlockDepth(k);
            for (int pc = 0; pc < k; pc += kcStep)
            {
                int kc = Math.Min(kcStep, k - pc);
                T beta = pc == 0 ? g.Beta : T.One;
                T* bp = ownB;
                if (packedB != null)
                {
                    // jc is a multiple of NR, so its micro-panels start at jc * kc within the block.
                    bp = packedB + PackedBOffset(pc / kcStep, kcStep, nPad) + (nint)jc * kc;
                }
                else
                {
                    GemmPacking.PackB<T, TK>(g.B, g.Ldb, g.TransB, pc, jc, kc, nc, bp);
                }

                for (int ic = r0; ic < r1; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, r1 - ic);
                    T* ap = ownA;
                    if (packedA != null)
                    {
                        ap = packedA + PackedAOffset(pc / kcStep, kcStep, mPad, rowMajorA) + (nint)ic * (rowMajorA ? kcMax : kc);
                    }
                    else
                    {
                        GemmPacking.PackA<T, TK>(g.A, g.Lda, g.TransA, ic, pc, mc, kc, ap);
                    }

                    MacroKernel(kc, mc, nc, ap, rowMajorA, bp, g.C + (nint)ic * g.Ldc + jc, g.Ldc, g.Alpha, beta);
                }
            }
        }
    }

    /// <summary>
    /// Rows [r0, r1) of one (jc, pc) block of C against a B panel packed by the caller (kc x nc, NR-column
    /// micro-panels): packs this thread's A blocks and runs the macro-kernel. Beta applies when pc is 0.
    /// </summary>
    /// <param name="g">The problem.</param>
    /// <param name="r0">First row of C.</param>
    /// <param name="r1">End (exclusive) of the rows.</param>
    /// <param name="jc">First column of the panel.</param>
    /// <param name="nc">Columns of the panel.</param>
    /// <param name="pc">First k of the block.</param>
    /// <param name="kc">Depth of the block.</param>
    /// <param name="bp">The packed B panel.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunRowsOfPanel(in GemmArgs<T> g, int r0, int r1, int jc, int nc, int pc, int kc, T* bp)
    {
        int mcMax = TK.MC;
        T* ap = Aligned(ref t_packA, mcMax * TK.KC);
        T beta = pc == 0 ? g.Beta : T.One;
        for (int ic = r0; ic < r1; ic += mcMax)
        {
            int mc = Math.Min(mcMax, r1 - ic);
            GemmPacking.PackA<T, TK>(g.A, g.Lda, g.TransA, ic, pc, mc, kc, ap);
            MacroKernel(kc, mc, nc, ap, !g.TransA, bp, g.C + (nint)ic * g.Ldc + jc, g.Ldc, g.Alpha, beta);
        }
    }

    /// <summary>
    /// Depth of the k blocks: k split into ceil(k / KC) blocks of equal depth (k = 784 gives 4 x 196, not
    /// 3 x 256 + 16, whose last sliver would pay a full load and store of C for 16 steps of work).
    /// </summary>
    public static int BlockDepth(int k)
    {
        int blocks = Math.Max(1, (k + TK.KC - 1) / TK.KC);
        return (k + blocks - 1) / blocks;
    }

    /// <summary>Start of k block <paramref name="block"/> in a whole packed op(A): blocks are mPad rows of
    /// MR-row panels, each KC (row-major) or kcStep (k-major) deep.</summary>
    public static nint PackedAOffset(int block, int kcStep, int mPad, bool rowMajorA) =>
        (nint)block * mPad * (rowMajorA ? TK.KC : kcStep);

    /// <summary>Start of k block <paramref name="block"/> in a whole packed op(B) (nPad columns, kcStep deep).</summary>
    public static nint PackedBOffset(int block, int kcStep, int nPad) => (nint)block * nPad * kcStep;

    /// <summary>Sweeps the packed A block and B panel with the micro-kernel; C points at the block's corner.</summary>
    // SkipLocalsInit: the scratch tile is only ever written by a micro-kernel with beta = 0 (which never reads
    // C) before it is read, so clearing it on every call is wasted work.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void MacroKernel(int kc, int mc, int nc, T* ap, bool rowMajorA, T* bp, T* c, int ldc, T alpha, T beta)
    {
        int mr = TK.MR, nr = TK.NR;
        int aPanelStride = rowMajorA ? TK.KC : kc; // elements per panel row (row-major) or per k step (k-major) x MR

        // ir outside jr: the A micro-panel (MR x KC, 12 KiB for float) stays in L1 while the B micro-panels stream
        // from the L2-resident panel, and C is written one MR-row strip at a time, left to right. The other order
        // (a B micro-panel in L1, A streaming) wrote C a column of tiles at a time, MR rows ldc apart after MR rows
        // ldc apart: measured on one core at n = 2048, 137 -> 155 GFLOP/s in one alternating run (OpenBLAS ~155).
        // Edge tiles (fewer than MR rows or NR columns left) are computed whole into this scratch tile from the
        // zero-padded panels, then only the valid part is merged into C; C is never written out of bounds.
        T* tile = stackalloc T[TK.MR * TK.NR];

        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            T* a = ap + (nint)ir * aPanelStride;
            for (int jr = 0; jr < nc; jr += nr)
            {
                int cols = Math.Min(nr, nc - jr);
                T* b = bp + (nint)jr * kc;
                T* cTile = c + (nint)ir * ldc + jr;
                bool full = rows == mr && cols == nr;
                T* target = full ? cTile : tile;
                nint ldTarget = full ? ldc : nr;
                T tAlpha = full ? alpha : T.One, tBeta = full ? beta : T.Zero;
                if (rowMajorA)
                {
                    TK.RunRowMajorA(kc, a, b, target, ldTarget, tAlpha, tBeta);
                }
                else
                {
                    TK.Run(kc, a, b, target, ldTarget, tAlpha, tBeta);
                }

                if (!full)
                {
                    MergeEdge(tile, nr, cTile, ldc, rows, cols, alpha, beta);
                }
            }
        }
    }

    // Not inlined but fully optimised from the first call: at Tier-0 this per-element loop cost more than the
    // whole edge tile's kernel (measured: 5 us per 12 x 32 tile instead of 0.6 us).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MergeEdge(T* tile, int nr, T* c, int ldc, int rows, int cols, T alpha, T beta)
    {
        for (int i = 0; i < rows; i++)
        {
            T* t = tile + (nint)i * nr;
            T* ci = c + (nint)i * ldc;
            for (int j = 0; j < cols; j++)
            {
                ci[j] = beta == T.Zero ? alpha * t[j] : alpha * t[j] + beta * ci[j];
            }
        }
    }

    /// <summary>A 64-byte aligned pointer into this thread's pinned buffer of at least <paramref name="count"/> elements.</summary>
    private static T* Aligned(ref T[]? buffer, int count)
    {
        int pad = 64 / sizeof(T);
        if (buffer is null || buffer.Length < count + pad)
        {
            buffer = GC.AllocateUninitializedArray<T>(count + pad, pinned: true);
        }

        nint address = (nint)Unsafe.AsPointer(ref buffer[0]);
        return (T*)((address + 63) & ~(nint)63);
    }
}
