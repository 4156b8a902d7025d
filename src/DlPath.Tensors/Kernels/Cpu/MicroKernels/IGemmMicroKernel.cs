namespace DlPath.Tensors.Kernels.Cpu.MicroKernels;

/// <summary>
/// A register-blocked GEMM micro-kernel (in two variants, for the two layouts of a packed A micro-panel) and
/// the cache-block sizes that suit it. The driver is generic over a
/// struct implementing this, so the JIT compiles one specialised copy per kernel with MR, NR, ... as constants.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal unsafe interface IGemmMicroKernel<T>
    where T : unmanaged
{
    /// <summary>Rows of C one kernel call computes (rows of a packed A micro-panel).</summary>
    static abstract int MR { get; }

    /// <summary>Columns of C one kernel call computes (columns of a packed B micro-panel).</summary>
    static abstract int NR { get; }

    /// <summary>Depth of one packed block: an A micro-panel (MR x KC) stays in L1 while the kernel sweeps B.</summary>
    static abstract int KC { get; }

    /// <summary>Rows of one packed A block (MC x KC), sized to stay in L2. A multiple of MR.</summary>
    static abstract int MC { get; }

    /// <summary>Columns of one packed B panel (KC x NC), sized for L2/L3. A multiple of NR.</summary>
    static abstract int NC { get; }

    /// <summary>
    /// Computes the MR x NR tile <c>C = alpha * Ap * Bp + beta * C</c> (beta == 0: C is only written).
    /// </summary>
    /// <param name="kc">Depth of the product.</param>
    /// <param name="a">Packed A micro-panel: kc steps of MR values, <c>a[p * MR + i] = op(A)[i, p]</c>.</param>
    /// <param name="b">Packed B micro-panel: kc steps of NR values, <c>b[p * NR + j] = op(B)[p, j]</c>.</param>
    /// <param name="c">Top-left element of the C tile; all MR x NR elements must be valid.</param>
    /// <param name="ldc">Leading dimension of C, in elements.</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="beta">Scale of the old C; 0 means C is not read.</param>
    static abstract void Run(int kc, T* a, T* b, T* c, nint ldc, T alpha, T beta);

    /// <summary>
    /// <see cref="Run"/> for an A micro-panel packed row by row with row stride KC:
    /// <c>a[i * KC + p] = op(A)[i, p]</c>. A that is not transposed is stored that way already, so packing it is
    /// a plain row copy rather than a transpose; the kernel just broadcasts from MR addresses KC apart.
    /// </summary>
    static abstract void RunRowMajorA(int kc, T* a, T* b, T* c, nint ldc, T alpha, T beta);
}
