using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using DlPath.Tensors.Kernels.Cpu.MicroKernels;

namespace DlPath.Tensors.Kernels.Cpu;

/// <summary>
/// One GEMM call planned and split into parts for <see cref="KernelWorkers"/>: either whole batch entries per
/// part, or, for each entry, a rectangle of C per part (a SplitM x SplitN grid aligned to MR x NR tiles).
/// </summary>
/// <remarks>
/// There are usually more parts than threads: threads claim parts as they go, so a thread that lost its core
/// to another process for a while does less of the work instead of holding everyone up. When all parts need
/// the whole of one operand (the grid has a single row or column of parts), that operand is packed once, in
/// parallel, into a shared buffer before the parts run, instead of once per part.
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
/// <typeparam name="TK">The micro-kernel.</typeparam>
internal sealed unsafe class GemmJob<T, TK> : IKernelJob
    where T : unmanaged, IFloatingPointIeee754<T>
    where TK : struct, IGemmMicroKernel<T>
{
    // One instance per calling thread, reused call after call: dispatching a GEMM allocates nothing, and the
    // shared pack buffer below belongs to this caller alone even when several threads call GEMM at once.
    [ThreadStatic]
    private static GemmJob<T, TK>? t_instance;

    private T[]? _sharedBuffer;
    private T* _sharedA;
    private T* _sharedB;

    // Panel mode (see PlanPanels): B packed one (jc, pc) block at a time into two alternating slots, each block's
    // panel by all threads together while they finish the rows of the block before.
    private T* _panelB;
    private int _panelBlock;
    private int _panelBlocksK;
    private int _panelKcStep;
    private int _mPad;
    private int _nPad;
    private Phase _phase;
    private int _threads;
    private int _parts;

    // Thin mode (see PlanThin): the product actually run, into _scratch, one m x n slice per part.
    private GemmArgs<T> _thin;
    private T[]? _scratchBuffer;
    private T* _scratch;

    private enum Phase
    {
        Compute,
        PackA,
        PackB,
        PanelStep,
    }

    /// <summary>The problem; pointers are valid while the dispatching call is inside its <c>fixed</c> block.</summary>
    public GemmArgs<T> Args;

    /// <summary>Use <see cref="GemmSmall"/> (no packing) instead of the blocked driver.</summary>
    public bool Small { get; private set; }

    /// <summary>Give each part whole batch entries rather than a rectangle of every entry.</summary>
    public bool OverBatch { get; private set; }

    /// <summary>Row blocks of the part grid (when not <see cref="OverBatch"/>).</summary>
    public int SplitM { get; private set; } = 1;

    /// <summary>Column blocks of the part grid (when not <see cref="OverBatch"/>).</summary>
    public int SplitN { get; private set; } = 1;

    /// <summary>Whether the plan packs all of op(A) once, shared by every part.</summary>
    public bool SharesA => _sharedA != null;

    /// <summary>Whether the plan packs all of op(B) once, shared by every part.</summary>
    public bool SharesB => _sharedB != null;

    /// <summary>
    /// Whether the plan packs op(B) one panel at a time, each panel by all threads together, and splits only the rows
    /// of C (so no element of A or B is packed twice); see <see cref="PlanPanels"/>.
    /// </summary>
    public bool SharesPanels => _panelB != null;

    /// <summary>
    /// Small C, long k: each part computes the whole of C over its own range of k into a scratch slice (summed at
    /// the end), possibly as C^T = op(B)^T op(A)^T (see <see cref="Swapped"/>).
    /// </summary>
    public bool Thin { get; private set; }

    /// <summary>Thin mode runs the transposed product, because C is much narrower than a micro-tile.</summary>
    public bool Swapped { get; private set; }

    /// <summary>Parts of the planned job (at least the threads it uses).</summary>
    public int Parts => _parts;

    /// <summary>This thread's reusable job object.</summary>
    public static GemmJob<T, TK> ForThisThread => t_instance ??= new GemmJob<T, TK>();

    /// <summary>Decides the path, the threads, the parts and which operand (if any) is packed once and shared.</summary>
    public void Plan(in GemmArgs<T> g, int maxThreads)
    {
        Args = g;
        long work = (long)g.M * g.N * g.K;
        Small = GemmSmall.Suits(g.M, g.N, work);
        _sharedA = _sharedB = _panelB = null;
        Thin = Swapped = false;
        long threadsByWork = Math.Max(1, work * g.Batch / Gemm.MinWorkPerThread);
        _threads = (int)Math.Min(Math.Max(1, maxThreads), threadsByWork);
        OverBatch = true;
        _parts = 1;
        if (!Small && PlanThin(g))
        {
            OverBatch = false;
            return;
        }

        if (_threads <= 1)
        {
            return;
        }

        if (g.Batch >= _threads && (g.Batch % _threads == 0 || g.Batch >= 4 * _threads || Small))
        {
            // Many matrices: whole entries per part, no sharing of rows or columns at all.
            _parts = g.Batch;
            return;
        }

        OverBatch = false;
        if (Small)
        {
            SplitM = _parts = _threads = Math.Min(_threads, g.M);
            SplitN = 1;
            return;
        }

        int mr = TK.MR, nr = TK.NR;
        _mPad = (g.M + mr - 1) / mr * mr;
        _nPad = (g.N + nr - 1) / nr * nr;
        int tilesM = _mPad / mr, tilesN = _nPad / nr;
        long packedA = (long)_mPad * KRounded(g.K), packedB = (long)_nPad * g.K;
        // Sharing moves half of the packed operand between cores on every call (see Gemm.MinWorkToShare); only a
        // long product amortises that.
        bool share = g.Batch == 1 && work / _threads >= Gemm.MinWorkToShare;
        bool canShareA = share && packedA <= Gemm.MaxSharedPack && tilesN >= 2;
        bool canShareB = share && packedB <= Gemm.MaxSharedPack && tilesM >= 2;
        int partsN = FinerSplit(tilesN, (long)_mPad * nr * g.K, _threads);
        int partsM = FinerSplit(tilesM, (long)mr * _nPad * g.K, _threads);
        long costA = canShareA ? SplitCost(tilesN, (long)_mPad * nr * g.K, partsN, _threads, packedA) : long.MaxValue;
        long costB = canShareB ? SplitCost(tilesM, (long)mr * _nPad * g.K, partsM, _threads, packedB) : long.MaxValue;
        if (canShareA && costA <= costB)
        {
            // Parts are column slices that all read one packed A and pack only their own columns of B.
            _sharedA = SharedBuffer(packedA);
            SplitM = 1;
            SplitN = _parts = partsN;
        }
        else if (canShareB)
        {
            _sharedB = SharedBuffer(packedB);
            SplitN = 1;
            SplitM = _parts = partsM;
        }
        else if (PlanPanels(g, tilesM))
        {
            SplitN = 1;
        }
        else
        {
            // Both operands are large: a grid of rectangles, each packing its own rows of A and columns of B.
            // Every extra part packs the shared dimension again, so one part per thread, except for long products
            // (>= 16M multiply-adds per thread, ~0.2 ms), which take two: there the extra packing is ~1 % or less, and a
            // thread whose core is taken by another process for a while leaves the other thread a second part to
            // take instead of waiting. Measured alternating in one run: four parts per thread 3-5 % behind two at
            // n = 1024, 2048 and 128 x 128 x 3136; two behind one by 5-11 % at n = 256 and 128 x 784 x 256, level
            // with it at n = 1024 and 2048, where in busy periods one part per thread fell behind by up to 30 %.
            long perThread = work / _threads;
            int partsPerThread = perThread >= 1L << 24 ? 2 : 1;
            (SplitM, SplitN, _parts) = Gemm.ChooseSplit(g.M, g.N, g.K, mr, nr, _threads * partsPerThread);
        }

        _threads = Math.Min(_threads, _parts);
    }

    /// <summary>
    /// Plans panel mode for a long single product whose operands are both too big to share whole: the threads pack
    /// each B panel (kc x nc) together, each a slice of its columns, then split the rows of C against it, each packing
    /// only its own rows of A. Returns false (nothing planned) when the product is too short or has too few rows.
    /// </summary>
    /// <remarks>
    /// A grid of rectangles packs every row of A once per column of parts and every column of B once per row of
    /// parts: at n = 2048 a 2 x 2 grid packs 8M elements of A and 8M of B per call, where panel mode packs B once
    /// (4M) and A once per NC panel (8M). The price is one fork-join per (jc, pc) block (~270M multiply-adds each
    /// at n = 1024 and 2048) and half of each panel read from the other core's cache once per block.
    /// </remarks>
    private bool PlanPanels(in GemmArgs<T> g, int tilesM)
    {
        long perThread = (long)g.M * g.N * g.K / _threads;
        long blockWork = (long)g.M * Math.Min(g.N, TK.NC) * Math.Min(g.K, TK.KC);
        if (!Gemm.PanelsEnabled || g.Batch != 1 || perThread < 1L << 24 || tilesM < 4 * _threads || blockWork / _threads < 1L << 22)
        {
            return false;
        }

        _panelB = SharedBuffer(2L * TK.KC * TK.NC);
        SplitM = _parts = Math.Min(tilesM, 4 * _threads);
        return true;
    }

    /// <summary>
    /// Plans thin mode for a single product whose C is small (at most <see cref="Gemm.MaxThinC"/> elements) when
    /// either C is so narrow that the transposed product pads far less (32 x 9 pads to 36 x 32 tiles, its transpose
    /// 9 x 32 to one 12 x 32 tile), or k is long enough to give every thread at least 2 KC of it: then the threads
    /// split k instead of C. Returns false (nothing planned) otherwise.
    /// </summary>
    /// <remarks>
    /// Splitting C makes every part pack all k of its rows of A and columns of B, so parts side by side pack the
    /// same rows of A again (and parts one above the other the same columns of B). Splitting k packs each element of
    /// A and B exactly once in all, for the price of summing one private copy of C per thread (m n adds each, against
    /// at least 2 KC m n multiply-adds). Linear(3136, 128)'s forward X W^T (128 x 3136 x 128) cut into eight 36 x 64
    /// rectangles packed 1.25M elements per thread against 25M multiply-adds; with k split each thread packs 0.4M.
    /// </remarks>
    private bool PlanThin(in GemmArgs<T> g)
    {
        int mr = TK.MR, nr = TK.NR;
        if (g.Batch != 1 || (long)g.M * g.N > Gemm.MaxThinC)
        {
            return false;
        }

        long padded = (long)((g.M + mr - 1) / mr * mr) * ((g.N + nr - 1) / nr * nr);
        long paddedT = (long)((g.N + mr - 1) / mr * mr) * ((g.M + nr - 1) / nr * nr);
        bool swap = 4 * paddedT <= 3 * padded;
        int kParts = Math.Min(_threads, g.K / (2 * TK.KC));
        if (!swap && kParts < 2)
        {
            return false;
        }

        Thin = true;
        Swapped = swap;
        _parts = _threads = Math.Max(1, kParts);
        _thin = g;
        if (swap)
        {
            // C^T (n x m) = op(B)^T (n x k) op(A)^T (k x m): B plays A with the opposite flag, and A plays B.
            _thin.A = g.B;
            _thin.Lda = g.Ldb;
            _thin.TransA = !g.TransB;
            _thin.B = g.A;
            _thin.Ldb = g.Lda;
            _thin.TransB = !g.TransA;
            _thin.M = g.N;
            _thin.N = g.M;
        }

        _thin.Alpha = T.One;
        _thin.Beta = T.Zero;
        _thin.Ldc = _thin.N;
        _scratch = ScratchBuffer((long)_parts * g.M * g.N);
        return true;
    }

    /// <summary>Part <paramref name="part"/> of thin mode: the whole (possibly transposed) C over its range of k.</summary>
    private void RunThinPart(int part, int parts)
    {
        GemmArgs<T> e = _thin;
        int k0 = (int)((long)Args.K * part / parts), k1 = (int)((long)Args.K * (part + 1) / parts);
        e.K = k1 - k0;
        e.A += e.TransA ? (nint)k0 * e.Lda : k0;
        e.B += e.TransB ? k0 : (nint)k0 * e.Ldb;
        e.C = _scratch + (nint)part * e.M * e.N;
        GemmDriver<T, TK>.Run(e, 0, e.M, 0, e.N, null, 0, null, 0);
    }

    /// <summary>C = alpha * (sum of the parts' slices, transposed back if swapped) + beta * C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MergeThin()
    {
        int m = Args.M, n = Args.N, size = m * n;
        T alpha = Args.Alpha, beta = Args.Beta;

        // The slices are contiguous: sum them into the first with vector adds, then scale into C row by row. This
        // runs on the calling thread alone after the parallel phase, so it has to be cheap next to the product.
        var sum = new Span<T>(_scratch, size);
        for (int p = 1; p < _parts; p++)
        {
            TensorPrimitives.Add(sum, new ReadOnlySpan<T>(_scratch + (nint)p * size, size), sum);
        }

        if (!Swapped)
        {
            for (int i = 0; i < m; i++)
            {
                Span<T> s = sum.Slice(i * n, n), c = new(Args.C + (nint)i * Args.Ldc, n);
                if (beta == T.Zero)
                {
                    TensorPrimitives.Multiply(s, alpha, c); // C is not read: NaN there is overwritten
                }
                else
                {
                    TensorPrimitives.Multiply(s, alpha, s);
                    TensorPrimitives.MultiplyAdd(c, beta, s, c);
                }
            }

            return;
        }

        for (int i = 0; i < m; i++)
        {
            T* c = Args.C + (nint)i * Args.Ldc;
            for (int j = 0; j < n; j++)
            {
                T v = alpha * sum[j * m + i];
                c[j] = beta == T.Zero ? v : v + beta * c[j];
            }
        }
    }

    /// <summary>
    /// Estimated cost of a one-dimensional split into <paramref name="parts"/> slices sharing one packed operand:
    /// the padded multiply-adds of the busiest thread (parts are claimed as threads go, so a thread ends up with
    /// about its share of the tiles, but never less than the largest part), plus the shared operand that every
    /// part streams once (an element read costs about a multiply-add).
    /// </summary>
    internal static long SplitCost(int tiles, long workPerTile, int parts, int threads, long sharedElements)
    {
        long largest = (tiles + parts - 1) / parts;
        long perThread = Math.Max(largest, (tiles + threads - 1) / threads);
        return perThread * workPerTile + sharedElements * parts / threads;
    }

    /// <summary>
    /// Parts for a one-dimensional split whose other operand is packed once and shared: then a part packs only
    /// its own slice, so more (thinner) parts cost no extra packing, and they let a thread whose core is busy
    /// with another process fall behind by a small part rather than by a quarter of the product.
    /// </summary>
    /// <param name="tiles">Tiles along the split dimension (a part holds at least one).</param>
    /// <param name="workPerTile">Multiply-adds of one tile-wide slice.</param>
    /// <param name="threads">Threads that will run the parts.</param>
    /// <returns>At least min(tiles, threads) parts, at most MaxPartsPerThread per thread, each of at least
    /// MinWorkPerPart multiply-adds where that still leaves one part per thread.</returns>
    internal static int FinerSplit(int tiles, long workPerTile, int threads)
    {
        long byWork = workPerTile * tiles / Gemm.MinWorkPerPart;
        long parts = Math.Min(Math.Min(tiles, (long)threads * Gemm.MaxPartsPerThread), byWork);
        return (int)Math.Max(parts, Math.Min(tiles, threads));
    }

    /// <summary>Runs the planned job: the shared packing phase if any, then the parts.</summary>
    public void Run()
    {
        if (Thin)
        {
            _phase = Phase.Compute;
            KernelWorkers.Run(this, _parts, _threads);
            MergeThin();
            return;
        }

        if (_panelB != null)
        {
            RunPanels();
            return;
        }

        if (_parts <= 1 || _threads <= 1)
        {
            _phase = Phase.Compute;
            if (_sharedA != null || _sharedB != null)
            {
                _phase = _sharedA != null ? Phase.PackA : Phase.PackB;
                Execute(0, 1);
                _phase = Phase.Compute;
            }

            for (int p = 0; p < _parts; p++)
            {
                Execute(p, _parts);
            }

            return;
        }

        if (_sharedA != null || _sharedB != null)
        {
            _phase = _sharedA != null ? Phase.PackA : Phase.PackB;
            KernelWorkers.Run(this, _threads, _threads);
        }

        _phase = Phase.Compute;
        KernelWorkers.Run(this, _parts, _threads);
    }

    /// <summary>
    /// Panel mode: one fork-join per (jc, pc) block, whose parts are the row slices of C against the block's B panel
    /// and then (claimed last, so by whichever thread finishes its rows first) the slices of the next block's panel,
    /// packed into the other slot. The end of each fork-join is the only barrier: no thread reads a panel before it
    /// is whole, none repacks a slot while another still reads it. A part not yet claimed by a slow thread is run by
    /// the other, so no thread ever waits for another to arrive.
    /// </summary>
    private void RunPanels()
    {
        _panelKcStep = GemmDriver<T, TK>.BlockDepth(Args.K);
        _panelBlocksK = (Args.K + _panelKcStep - 1) / _panelKcStep;
        int blocks = (Args.N + TK.NC - 1) / TK.NC * _panelBlocksK;
        _phase = Phase.PanelStep;
        _panelBlock = -1; // no rows yet: only the first panel
        KernelWorkers.Run(this, _threads, _threads);
        for (int b = 0; b < blocks; b++)
        {
            _panelBlock = b;
            KernelWorkers.Run(this, _parts + (b + 1 < blocks ? _threads : 0), _threads);
        }
    }

    /// <inheritdoc/>
    public void Execute(int part, int parts)
    {
        switch (_phase)
        {
            case Phase.PanelStep:
                int rowParts = _panelBlock < 0 ? 0 : _parts;
                if (part < rowParts)
                {
                    RunPanelRows(_panelBlock, part, rowParts);
                }
                else
                {
                    PackPanelSlice(_panelBlock + 1, part - rowParts, parts - rowParts);
                }

                return;
            case Phase.PackA:
                PackSharedA(part, parts);
                return;
            case Phase.PackB:
                PackSharedB(part, parts);
                return;
        }

        if (Thin)
        {
            RunThinPart(part, parts);
            return;
        }

        int m = Args.M, n = Args.N;
        if (OverBatch)
        {
            int lo = (int)((long)Args.Batch * part / parts), hi = (int)((long)Args.Batch * (part + 1) / parts);
            for (int t = lo; t < hi; t++)
            {
                RunEntry(Args.Entry(t), 0, m, 0, n);
            }

            return;
        }

        // Split whole MR x NR tiles evenly, so no part gets a sliver that wastes a padded tile.
        int mr = TK.MR, nr = TK.NR;
        int tilesM = (m + mr - 1) / mr, tilesN = (n + nr - 1) / nr;
        int rb = part / SplitN, cb = part % SplitN;
        int r0 = Math.Min(m, tilesM * rb / SplitM * mr), r1 = Math.Min(m, tilesM * (rb + 1) / SplitM * mr);
        int c0 = Math.Min(n, tilesN * cb / SplitN * nr), c1 = Math.Min(n, tilesN * (cb + 1) / SplitN * nr);
        if (r0 >= r1 || c0 >= c1)
        {
            return;
        }

        for (int t = 0; t < Args.Batch; t++)
        {
            RunEntry(Args.Entry(t), r0, r1, c0, c1);
        }
    }

    private void RunEntry(in GemmArgs<T> e, int r0, int r1, int c0, int c1)
    {
        if (Small)
        {
            // The small path works on whole rows of C (the split never cuts columns for it).
            GemmSmall.Run(e, r0, r1);
        }
        else
        {
            GemmDriver<T, TK>.Run(e, r0, r1, c0, c1, _sharedA, _mPad, _sharedB, _nPad);
        }
    }

    /// <summary>Columns and depth of (jc, pc) block <paramref name="block"/> (jc-major) and its panel's slot.</summary>
    private (int Jc, int Nc, int Pc, int Kc, nint Slot) PanelBlock(int block)
    {
        int jc = block / _panelBlocksK * TK.NC, pc = block % _panelBlocksK * _panelKcStep;
        nint slot = (block & 1) * (nint)TK.KC * TK.NC;
        return (jc, Math.Min(TK.NC, Args.N - jc), pc, Math.Min(_panelKcStep, Args.K - pc), slot);
    }

    /// <summary>Packs slice <paramref name="part"/> (whole NR-column micro-panels) of a block's B panel.</summary>
    private void PackPanelSlice(int block, int part, int parts)
    {
        var (jc, nc, pc, kc, slot) = PanelBlock(block);
        int nr = TK.NR, tiles = (nc + nr - 1) / nr;
        int c0 = tiles * part / parts * nr, c1 = Math.Min(nc, tiles * (part + 1) / parts * nr);
        if (c0 < c1)
        {
            GemmPacking.PackB<T, TK>(Args.B, Args.Ldb, Args.TransB, pc, jc + c0, kc, c1 - c0, _panelB + slot + (nint)c0 * kc);
        }
    }

    /// <summary>Row slice <paramref name="part"/> (whole MR-row tiles) of C against a block's B panel.</summary>
    private void RunPanelRows(int block, int part, int parts)
    {
        var (jc, nc, pc, kc, slot) = PanelBlock(block);
        int mr = TK.MR, m = Args.M, tiles = (m + mr - 1) / mr;
        int r0 = tiles * part / parts * mr, r1 = Math.Min(m, tiles * (part + 1) / parts * mr);
        if (r0 < r1)
        {
            GemmDriver<T, TK>.RunRowsOfPanel(Args, r0, r1, jc, nc, pc, kc, _panelB + slot);
        }
    }

    /// <summary>Packs this part's share of A's micro-panels, for every k block, into the shared buffer.</summary>
    private void PackSharedA(int part, int parts)
    {
        int mr = TK.MR, tiles = _mPad / mr, kcStep = GemmDriver<T, TK>.BlockDepth(Args.K);
        int lo = tiles * part / parts, hi = tiles * (part + 1) / parts;
        int r0 = lo * mr, r1 = Math.Min(Args.M, hi * mr);
        bool rowMajorA = !Args.TransA;
        for (int pc = 0; pc < Args.K && r0 < r1; pc += kcStep)
        {
            int kc = Math.Min(kcStep, Args.K - pc);
            int panelStride = rowMajorA ? TK.KC : kc; // row-major panels are MR x KC, k-major ones MR x kc
            T* dst = _sharedA + GemmDriver<T, TK>.PackedAOffset(pc / kcStep, kcStep, _mPad, rowMajorA) + (nint)r0 * panelStride;
            GemmPacking.PackA<T, TK>(Args.A, Args.Lda, Args.TransA, r0, pc, r1 - r0, kc, dst);
        }
    }

    /// <summary>Packs this part's share of B's micro-panels, for every k block, into the shared buffer.</summary>
    private void PackSharedB(int part, int parts)
    {
        int nr = TK.NR, tiles = _nPad / nr, kcStep = GemmDriver<T, TK>.BlockDepth(Args.K);
        int lo = tiles * part / parts, hi = tiles * (part + 1) / parts;
        int c0 = lo * nr, c1 = Math.Min(Args.N, hi * nr);
        for (int pc = 0; pc < Args.K && c0 < c1; pc += kcStep)
        {
            int kc = Math.Min(kcStep, Args.K - pc);
            T* dst = _sharedB + GemmDriver<T, TK>.PackedBOffset(pc / kcStep, kcStep, _nPad) + (nint)c0 * kc;
            GemmPacking.PackB<T, TK>(Args.B, Args.Ldb, Args.TransB, pc, c0, kc, c1 - c0, dst);
        }
    }

    /// <summary>k rounded up to whole KC blocks: a row-major A panel reserves KC per row even in a shorter last block.</summary>
    private static long KRounded(int k) => (long)(k + TK.KC - 1) / TK.KC * TK.KC;

    /// <summary>A pointer to this caller's pinned thin-mode scratch of at least count elements (reused: no garbage).</summary>
    private T* ScratchBuffer(long count)
    {
        if (_scratchBuffer is null || _scratchBuffer.Length < count)
        {
            _scratchBuffer = GC.AllocateUninitializedArray<T>((int)count, pinned: true);
        }

        return (T*)Unsafe.AsPointer(ref _scratchBuffer[0]);
    }

    /// <summary>A 64-byte aligned pointer to this caller's pinned shared pack buffer of at least count elements.</summary>
    private T* SharedBuffer(long count)
    {
        int pad = 64 / sizeof(T);
        if (_sharedBuffer is null || _sharedBuffer.Length < count + pad)
        {
            _sharedBuffer = GC.AllocateUninitializedArray<T>((int)count + pad, pinned: true);
        }

        nint address = (nint)Unsafe.AsPointer(ref _sharedBuffer[0]);
        return (T*)((address + 63) & ~(nint)63);
    }
}
