namespace DlPath.Tensors.Kernels;

/// <summary>
/// Argument checks shared by <see cref="Gemm"/> and <see cref="ReferenceGemm"/>, so both reject
/// the same calls with the same message. Messages name the operand, its stored shape and the offending value.
/// </summary>
internal static class GemmChecks
{
    /// <summary>Validates one (non-batched) GEMM call; spans are checked for the elements the call touches.</summary>
    public static void Check(
        string op, bool transA, bool transB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        CheckDims(op, m, n, k);
        CheckOperand(op, "A", transA, m, k, aLength, lda, 0);
        CheckOperand(op, "B", transB, k, n, bLength, ldb, 0);
        CheckOperand(op, "C", false, m, n, cLength, ldc, 0);
    }

    /// <summary>Validates a batched call: every matrix of the batch must lie inside its span.</summary>
    public static void CheckBatched(
        string op, int batch, bool transA, bool transB, int m, int n, int k,
        int aLength, int lda, int strideA, int bLength, int ldb, int strideB, int cLength, int ldc, int strideC)
    {
        if (batch < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"{op}: batch count must be >= 0, got {batch}.");
        }

        CheckDims(op, m, n, k);
        if (strideA < 0 || strideB < 0 || strideC < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(strideA), $"{op}: batch strides must be >= 0, got strideA={strideA}, strideB={strideB}, strideC={strideC}.");
        }

        if (batch == 0)
        {
            return;
        }

        long lastA = (long)(batch - 1) * strideA;
        long lastB = (long)(batch - 1) * strideB;
        long lastC = (long)(batch - 1) * strideC;
        CheckOperand(op, "A", transA, m, k, aLength, lda, lastA);
        CheckOperand(op, "B", transB, k, n, bLength, ldb, lastB);
        CheckOperand(op, "C", false, m, n, cLength, ldc, lastC);

        // Outputs of different batch entries must not overlap, or the result would depend on the order
        // (and on the threads) in which they are written. Inputs may overlap freely (stride 0 broadcasts).
        if (batch > 1 && m > 0 && n > 0)
        {
            long cExtent = (long)(m - 1) * ldc + n;
            if (strideC < cExtent)
            {
                throw new ArgumentException(
                    $"{op}: strideC = {strideC} makes the {batch} output matrices C ({m} x {n}, ldc {ldc}) overlap; " +
                    $"it must be at least {cExtent}.", nameof(strideC));
            }
        }
    }

    private static void CheckDims(string op, int m, int n, int k)
    {
        if (m < 0 || n < 0 || k < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(m), $"{op}: sizes must be >= 0, got m={m}, n={n}, k={k}.");
        }
    }

    /// <summary>
    /// Checks an operand whose op(X) is <paramref name="rows"/> x <paramref name="cols"/>; when
    /// <paramref name="trans"/> is set it is stored as cols x rows (row-major), which is how BLAS reads it.
    /// </summary>
    private static void CheckOperand(string op, string name, bool trans, int rows, int cols, int length, int ld, long offset)
    {
        int storedRows = trans ? cols : rows;
        int storedCols = trans ? rows : cols;
        // Messages are built only on failure: a valid call must not allocate.
        string Shape() => trans
            ? $"op({name}) = {name}^T is ({rows} x {cols}), so {name} is stored as ({storedRows} x {storedCols})"
            : $"{name} is ({storedRows} x {storedCols})";
        if (ld < Math.Max(1, storedCols))
        {
            throw new ArgumentOutOfRangeException(
                "ld" + name.ToLowerInvariant(), ld,
                $"{op}: {Shape()}: its leading dimension ld{name.ToLowerInvariant()} = {ld} must be at least {Math.Max(1, storedCols)} (its row length).");
        }

        if (storedRows == 0 || storedCols == 0)
        {
            return;
        }

        long needed = offset + (long)(storedRows - 1) * ld + storedCols;
        if (length < needed)
        {
            throw new ArgumentException(
                $"{op}: {Shape()} with ld{name.ToLowerInvariant()} = {ld}" +
                (offset > 0 ? $" (last batch entry at offset {offset})" : string.Empty) +
                $" needs {needed} elements, but its span has {length}.", name.ToLowerInvariant());
        }
    }
}
