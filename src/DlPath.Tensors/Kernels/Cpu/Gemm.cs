using System.Numerics;
using DlPath.Tensors.Kernels.Cpu;
using DlPath.Tensors.Kernels.Cpu.MicroKernels;

// The public entry point lives in DlPath.Tensors.Kernels next to ReferenceGemm and KernelOptions; the
// machinery behind it (driver, packing, micro-kernels, workers) is internal to DlPath.Tensors.Kernels.Cpu.
namespace DlPath.Tensors.Kernels;

/// <summary>
/// Fast general matrix multiply on the CPU: <c>C = alpha * op(A) * op(B) + beta * C</c>, row-major, BLAS
/// semantics. Packed panels, L1/L2 cache blocking, an AVX-512 (or AVX2) FMA register-blocked micro-kernel
/// chosen at run time, and all cores (<see cref="KernelOptions.MaxThreads"/>).
/// </summary>
/// <remarks>
/// Shapes: op(A) is (m x k), op(B) is (k x n), C is (m x n). op(X) is X, or X^T when the trans flag is set; a
/// transposed operand is stored (cols x rows) and read through its leading dimension, never copied whole.
/// Element (i, j) of a stored matrix with leading dimension ld is at <c>i * ld + j</c>; ld may exceed the row
/// length (a view into a wider matrix). With beta = 0 the old contents of C are not read (NaN there is
/// overwritten); with alpha = 0 or k = 0, A and B are not read. The plain-loop twin that defines the result is
/// <see cref="ReferenceGemm"/>; results agree up to float rounding (the summation order differs).
/// Steady-state calls allocate nothing: pack buffers are per thread and reused.
/// </remarks>
public static unsafe class Gemm
{
    /// <summary>Below this many multiply-adds (m * n * k) per matrix, packing costs more than it saves.</summary>
    internal const long SmallWork = 24 * 24 * 24;

    /// <summary>Multiply-adds one extra thread must get before waking it pays (about 2 microseconds of work).</summary>
    internal const long MinWorkPerThread = 64 * 64 * 64;

    /// <summary>
    /// Multiply-adds per thread (~0.8 ms) below which no operand is packed once and shared. Sharing costs a second
    /// fork-join, and every part then reads the half of the packed operand that the other core wrote, line by line
    /// from that core's cache: measured on the 2-core development machine, 128 x 128 x 128 ran at 110 GFLOP/s with
    /// A shared and at 220 without, 256^3 and the MLP shapes 15-20 % faster without.
    /// </summary>
    internal const long MinWorkToShare = 1L << 26;

    /// <summary>
    /// Largest C (elements) for thin mode, whose parts each write a private copy of C and sum them: 128 KiB of float
    /// per part, small enough to stay in L2 while it is written (m x k x n = 128 x 2048 x 256 ran at 162 GFLOP/s with k split
    /// against 142 with C split, alternating in one run).
    /// </summary>
    internal const long MaxThinC = 1 << 15;

    /// <summary>Smallest part (multiply-adds, ~12 microseconds) worth claiming separately when a split costs no packing.</summary>
    internal const long MinWorkPerPart = 1L << 20;

    /// <summary>Most parts per thread when a split costs no packing: finer buys little balance for more claims.</summary>
    internal const int MaxPartsPerThread = 8;

    /// <summary>
    /// Largest operand (elements, padded) packed once and shared by all parts: 2 MiB of float. Every part streams
    /// all of a shared operand, so beyond the size of an L2 that traffic costs more than packing the operand once
    /// per row or column of parts.
    /// </summary>
    internal const long MaxSharedPack = 1 << 19;

    /// <summary>
    /// Whether long products may run in panel mode (see GemmJob.PlanPanels). A switch for A/B timing: a harness sets
    /// it between calls, and DLPATH_GEMM_PANELS=0 turns it off for a whole process (e.g. the bench).
    /// </summary>
    internal static bool PanelsEnabled = Environment.GetEnvironmentVariable("DLPATH_GEMM_PANELS") != "0";

    /// <summary>C = alpha * op(A) * op(B) + beta * C in float32; see the class remarks for shapes and layout.</summary>
    /// <param name="transA">Use A^T: A is then stored (k x m).</param>
    /// <param name="transB">Use B^T: B is then stored (n x k).</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">A, row-major.</param>
    /// <param name="lda">Leading dimension of A (at least its stored row length).</param>
    /// <param name="b">B, row-major.</param>
    /// <param name="ldb">Leading dimension of B.</param>
    /// <param name="beta">Scale of the old C; 0 overwrites C without reading it.</param>
    /// <param name="c">C, row-major; receives the result.</param>
    /// <param name="ldc">Leading dimension of C.</param>
    public static void Multiply(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        GemmChecks.Check("Gemm.Multiply", transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        Run(GemmIsa.Auto, KernelOptions.MaxThreads, 1, transA, transB, m, n, k, alpha, a, lda, 0, b, ldb, 0, beta, c, ldc, 0);
    }

    /// <summary>C = alpha * op(A) * op(B) + beta * C in float64; see the float32 overload.</summary>
    public static void Multiply(
        bool transA, bool transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb,
        double beta, Span<double> c, int ldc)
    {
        GemmChecks.Check("Gemm.Multiply", transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        Run(GemmIsa.Auto, KernelOptions.MaxThreads, 1, transA, transB, m, n, k, alpha, a, lda, 0, b, ldb, 0, beta, c, ldc, 0);
    }

    /// <summary>
    /// Batched float32 GEMM: for each t in [0, batch), matrix t of A, B and C starts at <c>t * strideA</c>,
    /// <c>t * strideB</c>, <c>t * strideC</c> of its span. A stride of 0 for A or B broadcasts one matrix over
    /// the batch (e.g. one weight matrix for every sample); C's matrices must not overlap.
    /// </summary>
    public static void MultiplyBatched(
        int batch, bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, int strideA, ReadOnlySpan<float> b, int ldb, int strideB,
        float beta, Span<float> c, int ldc, int strideC)
    {
        GemmChecks.CheckBatched("Gemm.MultiplyBatched", batch, transA, transB, m, n, k,
            a.Length, lda, strideA, b.Length, ldb, strideB, c.Length, ldc, strideC);
        Run(GemmIsa.Auto, KernelOptions.MaxThreads, batch, transA, transB, m, n, k, alpha, a, lda, strideA, b, ldb, strideB, beta, c, ldc, strideC);
    }

    /// <summary>Batched float64 GEMM; see the float32 overload.</summary>
    public static void MultiplyBatched(
        int batch, bool transA, bool transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, int strideA, ReadOnlySpan<double> b, int ldb, int strideB,
        double beta, Span<double> c, int ldc, int strideC)
    {
        GemmChecks.CheckBatched("Gemm.MultiplyBatched", batch, transA, transB, m, n, k,
            a.Length, lda, strideA, b.Length, ldb, strideB, c.Length, ldc, strideC);
        Run(GemmIsa.Auto, KernelOptions.MaxThreads, batch, transA, transB, m, n, k, alpha, a, lda, strideA, b, ldb, strideB, beta, c, ldc, strideC);
    }

    /// <summary>The instruction set <paramref name="requested"/> resolves to on this CPU (the best one available
    /// that is not wider than the request).</summary>
    internal static GemmIsa ResolveIsa(GemmIsa requested)
    {
        bool v512 = Avx512Sgemm12x32.IsSupported;
        bool v256 = Avx2Sgemm6x16.IsSupported;
        return requested switch
        {
            GemmIsa.Auto or GemmIsa.Vector512 when v512 => GemmIsa.Vector512,
            GemmIsa.Auto or GemmIsa.Vector512 or GemmIsa.Vector256 when v256 => GemmIsa.Vector256,
            _ => GemmIsa.Scalar,
        };
    }

    /// <summary>Unchecked float32 entry with an explicit kernel choice and thread cap (tests, benchmarks).</summary>
    internal static void Run(
        GemmIsa isa, int maxThreads, int batch, bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, int strideA, ReadOnlySpan<float> b, int ldb, int strideB,
        float beta, Span<float> c, int ldc, int strideC)
    {
        if (batch == 0 || m == 0 || n == 0)
        {
            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            var g = Args(pa, pb, pc, batch, transA, transB, m, n, k, alpha, lda, strideA, ldb, strideB, beta, ldc, strideC);
            switch (ResolveIsa(isa))
            {
                case GemmIsa.Vector512:
                    Execute<float, Avx512Sgemm12x32>(g, maxThreads);
                    break;
                case GemmIsa.Vector256:
                    Execute<float, Avx2Sgemm6x16>(g, maxThreads);
                    break;
                default:
                    Execute<float, ScalarGemm4x4<float>>(g, maxThreads);
                    break;
            }
        }
    }

    /// <summary>Unchecked float64 entry with an explicit kernel choice and thread cap (tests, benchmarks).</summary>
    internal static void Run(
        GemmIsa isa, int maxThreads, int batch, bool transA, bool transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, int strideA, ReadOnlySpan<double> b, int ldb, int strideB,
        double beta, Span<double> c, int ldc, int strideC)
    {
        if (batch == 0 || m == 0 || n == 0)
        {
            return;
        }

        fixed (double* pa = a, pb = b, pc = c)
        {
            var g = Args(pa, pb, pc, batch, transA, transB, m, n, k, alpha, lda, strideA, ldb, strideB, beta, ldc, strideC);
            switch (ResolveIsa(isa))
            {
                case GemmIsa.Vector512:
                    Execute<double, Avx512Dgemm12x16>(g, maxThreads);
                    break;
                case GemmIsa.Vector256:
                    Execute<double, Avx2Dgemm6x8>(g, maxThreads);
                    break;
                default:
                    Execute<double, ScalarGemm4x4<double>>(g, maxThreads);
                    break;
            }
        }
    }

    /// <summary>Packs one call's arguments (both element types share this).</summary>
    private static GemmArgs<T> Args<T>(
        T* pa, T* pb, T* pc, int batch, bool transA, bool transB, int m, int n, int k, T alpha,
        int lda, int strideA, int ldb, int strideB, T beta, int ldc, int strideC)
        where T : unmanaged => new()
        {
            A = pa,
            B = pb,
            C = pc,
            Lda = lda,
            Ldb = ldb,
            Ldc = ldc,
            TransA = transA,
            TransB = transB,
            M = m,
            N = n,
            K = k,
            Alpha = alpha,
            Beta = beta,
            Batch = batch,
            StrideA = strideA,
            StrideB = strideB,
            StrideC = strideC,
        };

    /// <summary>Picks the path (small / blocked) and the split over threads, then runs the job.</summary>
    private static void Execute<T, TK>(in GemmArgs<T> g, int maxThreads)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TK : struct, IGemmMicroKernel<T>
    {
        if (g.K == 0 || g.Alpha == T.Zero)
        {
            ScaleC(g);
            return;
        }

        var job = GemmJob<T, TK>.ForThisThread;
        try
        {
            job.Plan(g, maxThreads);
            job.Run();
        }
        finally
        {
            job.Args = default; // do not keep the caller's pointers around
        }
    }

    /// <summary>
    /// Chooses a SplitM x SplitN grid of C rectangles for (up to) <paramref name="parts"/> parts that minimises
    /// the cost of the largest part: padded tile work plus packing. Each part packs the rows of A and the columns
    /// of B it needs (the grid is for operands too large to pack once and share; see GemmJob.Plan).
    /// </summary>
    /// <returns>The grid and its number of parts (fewer than asked when there are too few tiles).</returns>
    internal static (int SplitM, int SplitN, int Parts) ChooseSplit(
        int m, int n, int k, int mr, int nr, int parts)
    {
        // Packing one element costs about as much as 8 multiply-adds of the micro-kernel (a copy or shuffle
        // against 1/32 of a cycle per FMA lane).
        const long PackWeight = 8;
        long tilesM = (m + mr - 1) / mr, tilesN = (n + nr - 1) / nr;
        for (int t = parts; t > 1; t--)
        {
            long bestCost = long.MaxValue;
            int bestM = 0;
            for (int sm = 1; sm <= t; sm++)
            {
                if (t % sm != 0 || sm > tilesM || t / sm > tilesN)
                {
                    continue;
                }

                int sn = t / sm;
                long rows = (tilesM + sm - 1) / sm * mr, cols = (tilesN + sn - 1) / sn * nr;
                long cost = rows * cols * k + PackWeight * k * (rows + cols);
                if (cost < bestCost)
                {
                    bestCost = cost;
                    bestM = sm;
                }
            }

            if (bestM > 0)
            {
                return (bestM, t / bestM, t);
            }
        }

        return (1, 1, 1);
    }

    /// <summary>C = beta * C (the product vanishes: alpha == 0 or k == 0); beta == 0 clears without reading.</summary>
    private static void ScaleC<T>(in GemmArgs<T> g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int t = 0; t < g.Batch; t++)
        {
            T* c = g.C + (nint)t * g.StrideC;
            for (int i = 0; i < g.M; i++)
            {
                var row = new Span<T>(c + (nint)i * g.Ldc, g.N);
                if (g.Beta == T.Zero)
                {
                    row.Clear();
                }
                else if (g.Beta != T.One)
                {
                    System.Numerics.Tensors.TensorPrimitives.Multiply(row, g.Beta, row);
                }
            }
        }
    }
}
