namespace DlPath.Tensors.Kernels.Cpu;

/// <summary>
/// One (batched) GEMM call after validation: raw pointers into the caller's pinned spans, so the work can be
/// shared with worker threads while the caller waits inside its <c>fixed</c> block.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal unsafe struct GemmArgs<T>
    where T : unmanaged
{
    public T* A;
    public T* B;
    public T* C;
    public int Lda;
    public int Ldb;
    public int Ldc;
    public bool TransA;
    public bool TransB;
    public int M;
    public int N;
    public int K;
    public T Alpha;
    public T Beta;
    public int Batch;
    public int StrideA;
    public int StrideB;
    public int StrideC;

    /// <summary>The same problem for batch entry <paramref name="t"/> (batch count 1).</summary>
    public readonly GemmArgs<T> Entry(int t)
    {
        GemmArgs<T> e = this;
        e.A += (nint)t * StrideA;
        e.B += (nint)t * StrideB;
        e.C += (nint)t * StrideC;
        e.Batch = 1;
        return e;
    }
}
