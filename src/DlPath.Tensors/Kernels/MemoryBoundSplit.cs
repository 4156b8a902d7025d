namespace DlPath.Tensors.Kernels;

/// <summary>
/// How a memory-bound pass over a long array (an elementwise map, ReLU's backward) is shared between threads:
/// in one contiguous range per thread, not in many small chunks. Measured on the project's 2-core machine for
/// max(x, 0) over 3.2 M floats (12.8 MB in and out): one thread 1.0 ms; 98 chunks of 32 K elements through
/// Parallel.For 2.2-2.5 ms; chunks of 512 K 1.4 ms; two halves 0.52 ms. Over 1.6 M floats the halves took
/// 0.23 ms against 0.31 ms for 32 K chunks. Long unbroken streams are what the hardware prefetchers follow;
/// many short ones handed out alternately to two cores defeat them.
/// </summary>
internal static class MemoryBoundSplit
{
    /// <summary>Below this many elements per thread a pass stays on the calling thread.</summary>
    public const int MinElementsPerThread = 1 << 16;

    /// <summary>
    /// Runs <paramref name="body"/>(start, length) over [0, <paramref name="n"/>) in as many contiguous ranges as
    /// there are threads to use (<see cref="KernelOptions.MaxThreads"/>), each at least
    /// <see cref="MinElementsPerThread"/> long; a short pass runs in one call on the calling thread.
    /// </summary>
    public static void For(int n, Action<int, int> body) => For(n, Math.Min(KernelOptions.MaxThreads, Environment.ProcessorCount), body);

    /// <summary>As <see cref="For(int, Action{int, int})"/> with at most <paramref name="threads"/> ranges.</summary>
    internal static void For(int n, int threads, Action<int, int> body)
    {
        int parts = (int)Math.Min(threads, Math.Max(1L, (long)n / MinElementsPerThread));
        if (parts <= 1)
        {
            body(0, n);
            return;
        }

        // On the kernels' own workers rather than Parallel.For: between the GEMMs of a training step those workers are
        // awake already, while waking thread-pool threads as well puts more busy threads than cores on a small machine.
        Cpu.KernelWorkers.For(parts, parts, i =>
        {
            int start = (int)((long)n * i / parts), end = (int)((long)n * (i + 1) / parts);
            body(start, end - start);
        });
    }
}
