using DlPath.Tensors.Kernels;
using DlPath.Tensors.Kernels.Cpu;
using DlPath.Tensors.Kernels.Cpu.MicroKernels;

namespace DlPath.Tensors.Tests.Kernels;

public class GemmTests
{
    // Sizes straddle the vector width (8/16 lanes), the micro-tile (6/12 x 8/16/32) and, in the larger
    // cases, the cache blocks (KC = 256, MC = 192 / 144, NC = 1024), so every edge path runs.
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 },
        { 1, 17, 3 },
        { 3, 1, 17 },
        { 3, 3, 3 },
        { 17, 63, 3 },
        { 63, 17, 129 },
        { 12, 32, 256 },
        { 24, 64, 257 },
        { 129, 257, 63 },
        { 257, 129, 17 },
        { 2, 257, 129 },
        { 257, 1, 63 },
        { 300, 2, 290 },
        { 31, 45, 300 },
        { 197, 150, 520 },
    };

    // (kernel, threads); the kernel is named because GemmIsa is internal. A kernel this CPU lacks resolves to
    // the next narrower one, so the theory still runs (and still checks something) on any machine.
    public static TheoryData<string, int> Paths => new()
    {
        { "Vector512", 1 },
        { "Vector512", 2 },
        { "Vector256", 1 },
        { "Vector256", 2 },
        { "Scalar", 2 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_AllTransposes_Strided_MatchReference_OnEveryPath(int m, int n, int k)
    {
        for (int t = 0; t < 4; t++)
        {
            var d = new GemmTestData<float>(seed: m * 7919 + n * 31 + k + t, t / 2 == 1, t % 2 == 1, m, n, k, pad: 5);
            foreach (var (isa, threads) in PathList())
            {
                RunAndCompare(d, isa, threads, 1.0f, 0.0f);
                RunAndCompare(d, isa, threads, -0.75f, 1.5f);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Double_AllTransposes_Strided_MatchReference(int m, int n, int k)
    {
        for (int t = 0; t < 4; t++)
        {
            var d = new GemmTestData<double>(seed: m * 131 + n * 17 + k + t, t / 2 == 1, t % 2 == 1, m, n, k, pad: 3);
            foreach (var (isa, threads) in new[] { (GemmIsa.Vector512, 2), (GemmIsa.Vector256, 1) })
            {
                RunAndCompare(d, isa, threads, 1.0, 0.0);
                RunAndCompare(d, isa, threads, 2.5, -0.5);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Float_LargeBlocks_CrossEveryCacheBlock(string kernel, int threads)
    {
        var isa = Enum.Parse<GemmIsa>(kernel);
        RunAndCompare(s_large.Value, isa, threads, 1.25f, -1.0f);
    }

    // n > NC and m > MC and k > 2 KC: the jc, ic and pc loops all take several turns, with edges. Built once,
    // so the (slow) reference runs once for all the paths.
    private static readonly Lazy<GemmTestData<float>> s_large =
        new(() => new GemmTestData<float>(seed: 7, transA: true, transB: false, m: 201, n: 1041, k: 530, pad: 1));

    [Theory]
    [InlineData(1.0f, 0.0f)]
    [InlineData(1.0f, 1.0f)]
    [InlineData(0.5f, -2.0f)]
    [InlineData(-1.5f, 0.25f)]
    [InlineData(0.0f, 0.5f)]
    [InlineData(0.0f, 0.0f)]
    public void Float_AlphaBetaVariants_MatchReference(float alpha, float beta)
    {
        foreach (var (m, n, k) in new[] { (5, 7, 9), (40, 70, 33), (100, 100, 100) })
        {
            var d = new GemmTestData<float>(seed: 11, transA: false, transB: true, m, n, k, pad: 2);
            RunAndCompare(d, GemmIsa.Auto, 2, alpha, beta);
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(100)]
    public void BetaZero_OverwritesNaNInC(int size)
    {
        var a = Ones(size * size);
        var c = new float[size * size];
        Array.Fill(c, float.NaN);
        Gemm.Multiply(false, false, size, size, size, 1f, a, size, a, size, 0f, c, size);
        Assert.All(c, v => Assert.Equal(size, v));
    }

    [Fact]
    public void NaNInA_PropagatesToItsRowOnly()
    {
        const int N = 64;
        var a = Ones(N * N);
        a[5 * N + 7] = float.NaN; // row 5 of A
        var c = new float[N * N];
        Gemm.Multiply(false, false, N, N, N, 1f, a, N, Ones(N * N), N, 0f, c, N);
        for (int i = 0; i < N; i++)
        {
            Assert.Equal(i == 5, float.IsNaN(c[i * N + 3]));
        }
    }

    [Fact]
    public void AlphaZero_DoesNotReadAOrB()
    {
        var a = new float[16];
        Array.Fill(a, float.NaN);
        var c = Ones(16);
        Gemm.Multiply(false, false, 4, 4, 4, 0f, a, 4, a, 4, 2f, c, 4);
        Assert.All(c, v => Assert.Equal(2f, v));
    }

    [Fact]
    public void ZeroSizes_AreNoOpsOrScaleC()
    {
        var c = Ones(6);
        Gemm.Multiply(false, false, 0, 3, 4, 1f, [], 4, new float[12], 3, 0f, c, 3); // m = 0: nothing to do
        Assert.All(c, v => Assert.Equal(1f, v));
        Gemm.Multiply(false, false, 2, 3, 0, 1f, [], 1, [], 3, 3f, c, 3); // k = 0: C = beta * C
        Assert.All(c, v => Assert.Equal(3f, v));
        Gemm.Multiply(true, true, 2, 3, 0, 1f, [], 2, [], 1, 0f, c, 3);
        Assert.All(c, v => Assert.Equal(0f, v));
    }

    [Theory]
    [InlineData(4, false, false)] // many small matrices: whole entries per thread
    [InlineData(3, true, false)] // batch not a multiple of the threads: split each matrix instead
    [InlineData(5, false, true)]
    public void Batched_WithBroadcastOperand_MatchesReference(int batch, bool broadcastA, bool broadcastB)
    {
        foreach (var (m, n, k) in new[] { (9, 20, 13), (70, 90, 65) })
        {
            var d = new GemmTestData<float>(seed: batch * 100 + m, transA: broadcastA, transB: !broadcastB, m, n, k, pad: 3,
                batch: batch, broadcastA: broadcastA, broadcastB: broadcastB);
            foreach (var (isa, threads) in new[] { (GemmIsa.Vector512, 2), (GemmIsa.Vector256, 2), (GemmIsa.Auto, 1) })
            {
                RunAndCompare(d, isa, threads, 1.5f, 0.5f);
            }
        }
    }

    [Fact]
    public void Batched_Double_PublicApi_MatchesReference()
    {
        var d = new GemmTestData<double>(seed: 5, transA: false, transB: false, m: 33, n: 47, k: 29, pad: 1, batch: 6, broadcastB: true);
        var fast = (double[])d.C.Clone();
        Gemm.MultiplyBatched(d.Batch, false, false, d.M, d.N, d.K, 0.5, d.A, d.Lda, d.StrideA, d.B, d.Ldb, d.StrideB, 2.0, fast, d.Ldc, d.StrideC);
        GemmAssert.Agree(d, 0.5, 2.0, fast);
    }

    [Fact]
    public void MlpTrainingShapes_MatchReference()
    {
        // forward Y = X W (128x784 @ 784x256), dW = X^T dY, dX = dY W^T: the shapes the benchmarks time.
        var rng = new Random(3);
        float[] x = Random(rng, 128 * 784), w = Random(rng, 784 * 256), dy = Random(rng, 128 * 256);
        Check(false, false, 128, 256, 784, x, 784, w, 256);
        Check(true, false, 784, 256, 128, x, 784, dy, 256);
        Check(false, true, 128, 784, 256, dy, 256, w, 256);

        static void Check(bool ta, bool tb, int m, int n, int k, float[] a, int lda, float[] b, int ldb)
        {
            var fast = new float[m * n];
            var reference = new float[m * n];
            Gemm.Multiply(ta, tb, m, n, k, 1f, a, lda, b, ldb, 0f, fast, n);
            ReferenceGemm.Multiply(ta, tb, m, n, k, 1f, a, lda, b, ldb, 0f, reference, n);
            for (int i = 0; i < fast.Length; i++)
            {
                Assert.True(Math.Abs(fast[i] - reference[i]) <= 1e-4f * (1 + Math.Abs(reference[i])) * MathF.Sqrt(k),
                    $"({m}x{k})@({k}x{n}) ta={ta} tb={tb}: element {i}: {fast[i]} vs {reference[i]}");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void FullyConnectedShapes_MatchReference(int threads)
    {
        // The CNN's Linear(3136, 128) at batch 128: forward Y = X W^T (W stored 128 x 3136), dW = dY^T X, dX = dY W.
        var rng = new Random(5);
        float[] x = Random(rng, 128 * 3136), w = Random(rng, 128 * 3136), dy = Random(rng, 128 * 128);
        Check(false, true, 128, 128, 3136, x, 3136, w, 3136);
        Check(true, false, 128, 3136, 128, dy, 128, x, 3136);
        Check(false, false, 128, 3136, 128, dy, 128, w, 3136);

        void Check(bool ta, bool tb, int m, int n, int k, float[] a, int lda, float[] b, int ldb)
        {
            var fast = new float[m * n];
            var reference = new float[m * n];
            Gemm.Run(GemmIsa.Auto, threads, 1, ta, tb, m, n, k, 1f, a, lda, 0, b, ldb, 0, 0f, fast, n, 0);
            ReferenceGemm.Multiply(ta, tb, m, n, k, 1f, a, lda, b, ldb, 0f, reference, n);
            for (int i = 0; i < fast.Length; i++)
            {
                Assert.True(Math.Abs(fast[i] - reference[i]) <= 1e-4f * (1 + Math.Abs(reference[i])) * MathF.Sqrt(k),
                    $"({m}x{k})@({k}x{n}) ta={ta} tb={tb} threads={threads}: element {i}: {fast[i]} vs {reference[i]}");
            }
        }
    }

    [Fact]
    public void ConcurrentCallers_AllGetCorrectResults()
    {
        // Two threads share the worker pool: one of them finds it busy and runs on its own thread.
        var d = new GemmTestData<float>(seed: 9, transA: false, transB: false, m: 150, n: 140, k: 130, pad: 0);
        d.Expected(1f, 0f); // computed before the threads start
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            var c = new float[d.C.Length];
            Gemm.Run(GemmIsa.Auto, 2, 1, false, false, d.M, d.N, d.K, 1f, d.A, d.Lda, 0, d.B, d.Ldb, 0, 0f, c, d.Ldc, 0);
            GemmAssert.Agree(d, 1f, 0f, c);
        });
    }

    [Theory]
    [InlineData(128, 128, 128)]
    [InlineData(32, 9, 5000)] // thin mode: its scratch copies of C are reused too
    public void SteadyStateCall_AllocatesNothing(int m, int n, int k)
    {
        var d = new GemmTestData<float>(seed: 1, transA: false, transB: true, m: m, n: n, k: k, pad: 0);
        var c = new float[d.C.Length];
        void Call() => Gemm.Multiply(false, true, d.M, d.N, d.K, 1f, d.A, d.Lda, d.B, d.Ldb, 0f, c, d.Ldc);
        // The first calls allocate the per-thread pack buffers, and tiered compilation allocates while it
        // re-JITs hot methods; after that, a window of calls must allocate nothing at all. A per-call
        // allocation would keep every window above zero.
        long lastWindow = -1;
        for (int window = 0; window < 50 && lastWindow != 0; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++)
            {
                Call();
            }

            lastWindow = GC.GetAllocatedBytesForCurrentThread() - before;
            if (lastWindow != 0)
            {
                Thread.Sleep(20); // give the background JIT time to install optimised code
            }
        }

        Assert.Equal(0, lastWindow);
    }

    [Fact]
    public void BadArguments_NameTheOperandAndValues()
    {
        var buf = new float[100];
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(false, false, 4, 5, 6, 1f, buf, 3, buf, 5, 0f, buf, 5));
        Assert.Contains("lda = 3 must be at least 6", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, true, 4, 5, 6, 1f, buf, 6, new float[20], 6, 0f, buf, 5));
        Assert.Contains("op(B) = B^T is (6 x 5), so B is stored as (5 x 6)", e2.Message);
        Assert.Contains("needs 30 elements, but its span has 20", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() =>
            Gemm.MultiplyBatched(2, false, false, 2, 2, 2, 1f, buf, 2, 0, buf, 2, 0, 0f, buf, 2, 3));
        Assert.Contains("overlap", e3.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(false, false, -1, 2, 2, 1f, buf, 2, buf, 2, 0f, buf, 2));
        var e4 = Assert.Throws<ArgumentOutOfRangeException>(() => ReferenceGemm.Multiply(false, false, 4, 5, 6, 1f, buf, 3, buf, 5, 0f, buf, 5));
        Assert.Equal(e1.Message, e4.Message.Replace("ReferenceGemm.Multiply", "Gemm.Multiply"));
    }

    [Theory]
    [InlineData(128, 128, 128, 2, 1, 2)] // 11 x 4 tiles: an even column split beats an 6/5 row split
    [InlineData(1024, 64, 1024, 2, 2, 1)] // only 2 column tiles but 86 row tiles
    [InlineData(12, 32, 1000, 2, 1, 1)] // a single tile cannot be shared
    [InlineData(784, 256, 128, 4, 2, 2)] // 2 x 2 pads less (33 x 4 tiles each) than 4 x 1 (17 x 8 tiles each)
    public void ChooseSplit_BalancesTilesAndPacking(int m, int n, int k, int threads, int splitM, int splitN)
    {
        var (sm, sn, t) = Gemm.ChooseSplit(m, n, k, 12, 32, threads);
        Assert.Equal((splitM, splitN), (sm, sn));
        Assert.Equal(sm * sn, t);
    }

    // Panel mode (long products, both operands too big to share whole): the threads pack each B panel together
    // and split only rows. 161 x 1100 x 600: 14 row tiles (enough for 3 threads), two NC panels (the second 76
    // columns, not a multiple of NR) and three k blocks of 200, so both panel slots and every edge are used.
    [Theory]
    [InlineData("Vector512", 2)]
    [InlineData("Vector512", 3)]
    [InlineData("Vector256", 2)]
    [InlineData("Vector256", 3)]
    public void PanelMode_AllTransposes_MatchReference(string kernel, int threads)
    {
        var isa = Enum.Parse<GemmIsa>(kernel);
        for (int t = 0; t < 4; t++)
        {
            var d = s_panel[t].Value;
            RunAndCompare(d, isa, threads, 1.0f, 0.0f);
            RunAndCompare(d, isa, threads, -0.75f, 1.5f);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void PanelMode_Double_MatchesReference(int threads)
    {
        var d = new GemmTestData<double>(seed: 41, transA: true, transB: true, m: 161, n: 1100, k: 600, pad: 2);
        RunAndCompare(d, GemmIsa.Vector512, threads, 1.0, 0.0);
        RunAndCompare(d, GemmIsa.Vector512, threads, 0.5, -1.0);
    }

    [Theory]
    [InlineData(2048, 2048, 2048, 2, true)]
    [InlineData(1024, 1024, 1024, 2, true)]
    [InlineData(161, 1100, 600, 3, true)]
    [InlineData(161, 1100, 600, 4, false)] // 14 row tiles, fewer than 4 per thread: the grid runs
    [InlineData(1024, 64, 1024, 2, true)] // the grid would pack all of B (1024 x 64) in each of its row parts
    [InlineData(128, 128, 8192, 2, false)] // small C, long k: thin mode
    [InlineData(128, 256, 784, 2, false)] // too short: 12.8M multiply-adds per thread
    [InlineData(128, 128, 128, 2, false)]
    public void Plan_PanelModeOnlyForLongProductsWithRowsForEveryThread(int m, int n, int k, int threads, bool panels)
    {
        var job = new GemmJob<float, Avx512Sgemm12x32>();
        var g = new GemmArgs<float> { M = m, N = n, K = k, Alpha = 1f, Batch = 1 };
        job.Plan(g, maxThreads: threads);
        Assert.Equal(panels, job.SharesPanels);
        if (panels)
        {
            Assert.False(job.SharesA || job.SharesB || job.Thin);
            Assert.Equal(1, job.SplitN);
            Assert.True(job.Parts >= threads, $"{job.Parts} parts");
        }
    }

    private static readonly Lazy<GemmTestData<float>>[] s_panel =
    [
        .. Enumerable.Range(0, 4).Select(t => new Lazy<GemmTestData<float>>(
            () => new GemmTestData<float>(seed: 31 + t, t / 2 == 1, t % 2 == 1, m: 161, n: 1100, k: 600, pad: 3))),
    ];

    [Theory]
    [InlineData(130, 4100, 1000, false, false, true, false)] // wide: parts split columns, share the small packed A
    [InlineData(4100, 40, 1000, false, true, false, true)] // tall and thin: parts split rows, share packed B
    [InlineData(2048, 2048, 2048, false, false, false, false)] // operands too big to share: each part packs its own
    [InlineData(128, 256, 784, false, false, false, false)] // forward X W: too short to pay for moving a shared A
    [InlineData(784, 256, 128, true, false, false, false)] // dW = X^T dY
    [InlineData(128, 128, 128, false, false, false, false)]
    public void Plan_SharesTheOperandEveryPartNeeds(int m, int n, int k, bool ta, bool tb, bool sharesA, bool sharesB)
    {
        var job = new GemmJob<float, Avx512Sgemm12x32>();
        var g = new GemmArgs<float> { M = m, N = n, K = k, TransA = ta, TransB = tb, Alpha = 1f, Batch = 1 };
        job.Plan(g, maxThreads: 2);
        Assert.False(job.Small);
        Assert.Equal((sharesA, sharesB), (job.SharesA, job.SharesB));
        Assert.True(job.Parts >= 2, $"{job.Parts} parts");
        if (sharesA)
        {
            Assert.Equal(1, job.SplitM);
        }

        if (sharesB)
        {
            Assert.Equal(1, job.SplitN);
        }
    }

    [Theory]
    [InlineData(8, 3_300_000L, 2, 8)] // one tile per part when each is big enough
    [InlineData(4, 540_000L, 2, 2)] // parts of at least MinWorkPerPart: two of two tiles
    [InlineData(66, 400_000L, 2, 16)] // at most MaxPartsPerThread per thread
    [InlineData(3, 10L, 2, 2)] // tiny slices: still one part per thread
    [InlineData(1, 10_000_000L, 4, 1)] // never more parts than tiles
    public void FinerSplit_BoundsThePartCount(int tiles, long workPerTile, int threads, int expected)
    {
        Assert.Equal(expected, GemmJob<float, Avx512Sgemm12x32>.FinerSplit(tiles, workPerTile, threads));
    }

    [Fact]
    public void SplitCost_CountsTheBusiestThreadAndTheSharedStream()
    {
        // 11 tiles on 2 threads: one thread gets 6 however they are cut; 2 parts of 6 and 5 tiles, same.
        Assert.Equal(6 * 100 + 1000 * 2 / 2, GemmJob<float, Avx512Sgemm12x32>.SplitCost(11, 100, 2, 2, 1000));
        Assert.Equal(6 * 100 + 1000 * 11 / 2, GemmJob<float, Avx512Sgemm12x32>.SplitCost(11, 100, 11, 2, 1000));

        // 3 parts of 4 tiles on 4 threads: a part is the unit, so the busiest thread has 4 tiles, not 3.
        Assert.Equal(4 * 100, GemmJob<float, Avx512Sgemm12x32>.SplitCost(12, 100, 3, 4, 0));
    }

    [Theory]
    [InlineData(false, false, 130, 2100, 520)] // shares A: 66 column tiles (the last of 20 columns) in 16 parts
    [InlineData(true, true, 4100, 40, 1000)] // shares B: 342 row tiles (the last of 8 rows) in 16 parts; 2 column tiles
    public void SharedOperandSplits_MatchReference(bool ta, bool tb, int m, int n, int k)
    {
        var job = new GemmJob<float, Avx512Sgemm12x32>();
        job.Plan(new GemmArgs<float> { M = m, N = n, K = k, TransA = ta, TransB = tb, Alpha = 1f, Batch = 1 }, maxThreads: 2);
        Assert.True(job.SharesA || job.SharesB, "the shape must exercise the shared path");
        Assert.Equal(16, job.Parts);

        var d = new GemmTestData<float>(seed: m + n + k, ta, tb, m, n, k, pad: 3);
        RunAndCompare(d, GemmIsa.Vector512, 2, 1f, 0f);
        RunAndCompare(d, GemmIsa.Vector512, 2, 0.5f, -1f);
    }

    [Theory]
    [InlineData(32, 9, 50176, true, 2)] // conv weight gradient: 3 x 1 tiles a quarter full; C^T is one tile
    [InlineData(20, 30, 3000, false, 2)] // 2 x 1 tiles for 2 threads: split k instead
    [InlineData(32, 9, 300, true, 1)] // too short to split k, still worth transposing
    [InlineData(128, 128, 3136, false, 2)] // Linear(3136, 128) forward X W^T: 44 tiles, but k split packs A and B once
    [InlineData(128, 256, 2048, false, 2)] // the largest C thin mode takes (MaxThinC)
    public void Plan_SmallCWithLongK_RunsThin(int m, int n, int k, bool swapped, int parts)
    {
        var job = new GemmJob<float, Avx512Sgemm12x32>();
        job.Plan(new GemmArgs<float> { M = m, N = n, K = k, TransB = true, Alpha = 1f, Batch = 1 }, maxThreads: 2);
        Assert.True(job.Thin);
        Assert.Equal(swapped, job.Swapped);
        Assert.Equal(parts, job.Parts);
    }

    [Theory]
    [InlineData(40, 40, 1000)] // k too short to give each of two threads 2 KC of it
    [InlineData(128, 257, 5000)] // C just too large for private copies
    public void Plan_WideEnoughC_IsNotThin(int m, int n, int k)
    {
        var job = new GemmJob<float, Avx512Sgemm12x32>();
        job.Plan(new GemmArgs<float> { M = m, N = n, K = k, Alpha = 1f, Batch = 1 }, maxThreads: 2);
        Assert.False(job.Thin);
    }

    [Theory]
    [InlineData(32, 9, 5000, 2)] // transposed, k split in two
    [InlineData(17, 3, 1500, 2)] // transposed, edge rows and columns in both orientations
    [InlineData(9, 32, 3000, 2)] // one tile, k split
    [InlineData(70, 20, 1100, 4)] // 6 tiles for 4 threads: k split in two (1100 < 3 x 2 KC)
    [InlineData(32, 9, 300, 1)] // transposed on one thread
    [InlineData(129, 63, 1030, 2)] // k split with C's edge tiles in both directions
    [InlineData(129, 63, 1030, 1)] // the same on one thread: the grid path
    [InlineData(17, 129, 1600, 3)] // k split three ways, uneven lengths
    public void ThinProducts_AllTransposes_MatchReference(int m, int n, int k, int threads)
    {
        for (int t = 0; t < 4; t++)
        {
            var d = new GemmTestData<float>(seed: m * 31 + n + k + t, t / 2 == 1, t % 2 == 1, m, n, k, pad: 3);
            RunAndCompare(d, GemmIsa.Vector512, threads, 1f, 0f);
            RunAndCompare(d, GemmIsa.Vector512, threads, -0.5f, 2f);
            RunAndCompare(d, GemmIsa.Vector256, threads, 1f, 0f);
        }

        var dd = new GemmTestData<double>(seed: m + n + k, true, false, m, n, k, pad: 1);
        RunAndCompare(dd, GemmIsa.Vector512, threads, 1.5, -1.0);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void MoreThreadsThanCores_GridSplitsMatchReference(int threads)
    {
        // Grids of 3 and 4 parts cut 11 x 9, 22 x 5 and 6 x 5 tiles unevenly, with edge tiles in the last ones.
        foreach (var (m, n, k, ta, tb) in new[] { (129, 275, 131, false, false), (257, 140, 300, true, true), (63, 129, 257, false, true) })
        {
            var d = new GemmTestData<float>(seed: threads * 1000 + m, ta, tb, m, n, k, pad: 2);
            RunAndCompare(d, GemmIsa.Vector512, threads, 1f, 0.5f);
        }
    }

    [Theory]
    [InlineData(1, 300, 200)] // a row vector times a matrix
    [InlineData(400, 1, 300)] // a matrix times a column vector
    [InlineData(2, 2, 5000)]
    public void Plan_ThinProductsSkipPacking(int m, int n, int k)
    {
        var job = new GemmJob<float, Avx512Sgemm12x32>();
        job.Plan(new GemmArgs<float> { M = m, N = n, K = k, Alpha = 1f, Batch = 1 }, maxThreads: 2);
        Assert.True(job.Small);
    }

    [Fact]
    public void Plan_TinyProductRunsOnTheCallerWithoutPacking()
    {
        var job = new GemmJob<float, Avx512Sgemm12x32>();
        job.Plan(new GemmArgs<float> { M = 8, N = 8, K = 8, Alpha = 1f, Batch = 1 }, maxThreads: 4);
        Assert.True(job.Small);
        Assert.Equal(1, job.Parts);
    }

    [Fact]
    public void MaxThreads_RejectsLessThanOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelOptions.MaxThreads = 0);
        Assert.True(KernelOptions.MaxThreads >= 1);
    }

    private static IEnumerable<(GemmIsa Isa, int Threads)> PathList()
    {
        foreach (var row in Paths)
        {
            yield return (Enum.Parse<GemmIsa>((string)row[0]), (int)row[1]);
        }
    }

    private static void RunAndCompare(GemmTestData<float> d, GemmIsa isa, int threads, float alpha, float beta)
    {
        var fast = (float[])d.C.Clone();
        Gemm.Run(isa, threads, d.Batch, d.TransA, d.TransB, d.M, d.N, d.K, alpha,
            d.A, d.Lda, d.StrideA, d.B, d.Ldb, d.StrideB, beta, fast, d.Ldc, d.StrideC);
        GemmAssert.Agree(d, alpha, beta, fast);
        AssertPaddingUntouched(d.C, fast, d);
    }

    private static void RunAndCompare(GemmTestData<double> d, GemmIsa isa, int threads, double alpha, double beta)
    {
        var fast = (double[])d.C.Clone();
        Gemm.Run(isa, threads, d.Batch, d.TransA, d.TransB, d.M, d.N, d.K, alpha,
            d.A, d.Lda, d.StrideA, d.B, d.Ldb, d.StrideB, beta, fast, d.Ldc, d.StrideC);
        GemmAssert.Agree(d, alpha, beta, fast);
        AssertPaddingUntouched(d.C, fast, d);
    }

    /// <summary>Elements between rows (ldc > n) and after the last matrix must keep their old values.</summary>
    private static void AssertPaddingUntouched<T>(T[] before, T[] after, GemmTestData<T> d)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        for (int i = 0; i < before.Length; i++)
        {
            int inEntry = i % d.StrideC;
            int batchEntry = i / d.StrideC;
            bool inside = batchEntry < d.Batch && inEntry / d.Ldc < d.M && inEntry % d.Ldc < d.N;
            if (!inside)
            {
                Assert.True(before[i] == after[i], $"{d}: padding element {i} was written");
            }
        }
    }

    private static float[] Ones(int length)
    {
        var x = new float[length];
        Array.Fill(x, 1f);
        return x;
    }

    private static float[] Random(Random rng, int length)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = (float)(rng.NextDouble() * 2 - 1);
        }

        return x;
    }
}
