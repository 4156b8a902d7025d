using DlPath.Tensors.Kernels;
using DlPath.Tensors.Kernels.Cpu;

namespace DlPath.NN;

/// <summary>
/// How the pooling kernels share (sample, channel) planes between threads: a few large blocks of whole planes per
/// thread, since planes are independent and one delegate call per small plane would cost more than the plane. At most
/// <see cref="KernelOptions.MaxThreads"/> threads take part, as in the other kernels.
/// </summary>
internal static class PoolPlanes
{
    /// <summary>Below this many input elements a call stays on the calling thread.</summary>
    private const long ParallelThreshold = 1 << 15;

    /// <summary>Runs <paramref name="body"/>(first, end) over the planes [0, <paramref name="planes"/>) in blocks.</summary>
    public static void For(int planes, int planeSize, Action<int, int> body) =>
        For(planes, planeSize, Math.Min(KernelOptions.MaxThreads, Environment.ProcessorCount), body);

    /// <summary>As <see cref="For(int, int, Action{int, int})"/> on at most <paramref name="threads"/> threads.</summary>
    internal static void For(int planes, int planeSize, int threads, Action<int, int> body)
    {
        int parts = threads <= 1 || (long)planes * planeSize < ParallelThreshold ? 1 : Math.Min(planes, 4 * threads);
        if (parts <= 1)
        {
            body(0, planes);
            return;
        }

        // On the kernels' workers, not the thread pool: see KernelWorkers.For.
        KernelWorkers.For(parts, threads, i => body((int)((long)planes * i / parts), (int)((long)planes * (i + 1) / parts)));
    }
}
