namespace DlPath.Tensors.Kernels;

/// <summary>
/// Process-wide settings of the CPU kernels. They are read at every call, so a change applies to the next
/// kernel call; they are meant to be set once at start-up (or by a benchmark), not toggled from many threads.
/// </summary>
public static class KernelOptions
{
    private static int _maxThreads = Environment.ProcessorCount;

    /// <summary>
    /// The most threads one kernel call may use (the calling thread included). Defaults to
    /// <see cref="Environment.ProcessorCount"/>; 1 runs every kernel on the calling thread only.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int MaxThreads
    {
        get => Volatile.Read(ref _maxThreads);
        set
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "KernelOptions.MaxThreads must be at least 1.");
            }

            Volatile.Write(ref _maxThreads, value);
        }
    }
}
