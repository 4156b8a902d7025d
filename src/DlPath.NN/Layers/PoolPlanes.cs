namespace DlPath.NN;

/// <summary>
/// How the pooling kernels share (sample, channel) planes between threads: a few large blocks of whole planes per
/// core, since planes are independent and one delegate call per small plane would cost more than the plane.
/// </summary>
internal static class PoolPlanes
{
    /// <summary>Below this many input elements a call stays on the calling thread.</summary>
    private const long ParallelThreshold = 1 << 15;

    /// <summary>Runs <paramref name="body"/>(first, end) over the planes [0, <paramref name="planes"/>) in blocks.</summary>
    public static void For(int planes, int planeSize, Action<int, int> body)
    {
        int parts = (long)planes * planeSize < ParallelThreshold ? 1 : Math.Min(planes, 4 * Environment.ProcessorCount);
        if (parts <= 1)
        {
            body(0, planes);
            return;
        }

        Parallel.For(0, parts, i => body((int)((long)planes * i / parts), (int)((long)planes * (i + 1) / parts)));
    }
}
