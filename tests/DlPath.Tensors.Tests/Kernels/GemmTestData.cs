namespace DlPath.Tensors.Tests.Kernels;

/// <summary>Random operands with padded leading dimensions, and the check "fast agrees with reference".</summary>
internal sealed class GemmTestData<T>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    public GemmTestData(int seed, bool transA, bool transB, int m, int n, int k, int pad, int batch = 1,
        bool broadcastA = false, bool broadcastB = false)
    {
        TransA = transA;
        TransB = transB;
        M = m;
        N = n;
        K = k;
        Batch = batch;
        var rng = new Random(seed);

        // Stored shapes: A is (m x k), or (k x m) when transposed; B is (k x n), or (n x k).
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        Lda = aCols + pad;
        Ldb = bCols + pad;
        Ldc = n + pad;
        int aSize = aRows == 0 ? 0 : (aRows - 1) * Lda + aCols;
        int bSize = bRows == 0 ? 0 : (bRows - 1) * Ldb + bCols;
        int cSize = m == 0 ? 0 : (m - 1) * Ldc + n;
        StrideA = broadcastA ? 0 : aSize + pad;
        StrideB = broadcastB ? 0 : bSize + pad;
        StrideC = cSize + pad;
        A = Fill(rng, StrideA * (batch - 1) + aSize + pad);
        B = Fill(rng, StrideB * (batch - 1) + bSize + pad);
        C = Fill(rng, StrideC * (batch - 1) + cSize + pad);
    }

    private readonly Dictionary<(T, T), (T[], T[])> _expected = [];

    public bool TransA { get; }

    public bool TransB { get; }

    public int M { get; }

    public int N { get; }

    public int K { get; }

    public int Batch { get; }

    public int Lda { get; }

    public int Ldb { get; }

    public int Ldc { get; }

    public int StrideA { get; }

    public int StrideB { get; }

    public int StrideC { get; }

    public T[] A { get; }

    public T[] B { get; }

    public T[] C { get; }

    /// <summary>Reference result and error scale for (alpha, beta), computed once and reused by every path.</summary>
    public (T[] Reference, T[] Bound) Expected(T alpha, T beta)
    {
        if (!_expected.TryGetValue((alpha, beta), out var e))
        {
            _expected[(alpha, beta)] = e = GemmAssert.ComputeExpected(this, alpha, beta);
        }

        return e;
    }

    public override string ToString() =>
        $"{(TransA ? "A^T" : "A")} * {(TransB ? "B^T" : "B")}, m={M} n={N} k={K} lda={Lda} ldb={Ldb} ldc={Ldc} batch={Batch}";

    private static T[] Fill(Random rng, int length)
    {
        var x = new T[length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = T.CreateChecked(rng.NextDouble() * 2 - 1);
        }

        return x;
    }
}
