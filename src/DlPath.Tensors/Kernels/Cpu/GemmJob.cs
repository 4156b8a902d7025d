using System.Numerics;
using DlPath.Tensors.Kernels.Cpu.MicroKernels;

namespace DlPath.Tensors.Kernels.Cpu;

/// <summary>
/// One GEMM call split into parts for <see cref="KernelWorkers"/>: either whole batch entries per part, or, for
/// each entry, a rectangle of C per part (a SplitM x SplitN grid of rectangles aligned to MR x NR tiles).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <typeparam name="TK">The micro-kernel.</typeparam>
internal sealed class GemmJob<T, TK> : IKernelJob
    where T : unmanaged, IFloatingPointIeee754<T>
    where TK : struct, IGemmMicroKernel<T>
{
    // One instance per calling thread, reused call after call: dispatching a GEMM allocates nothing.
    [ThreadStatic]
    private static GemmJob<T, TK>? t_instance;

    /// <summary>The problem; pointers are valid while the dispatching call is inside its <c>fixed</c> block.</summary>
    public GemmArgs<T> Args;

    /// <summary>Use <see cref="GemmSmall"/> (no packing) instead of the blocked driver.</summary>
    public bool Small;

    /// <summary>Give each part whole batch entries rather than a rectangle of every entry.</summary>
    public bool OverBatch;

    /// <summary>Row blocks of the part grid (when not <see cref="OverBatch"/>).</summary>
    public int SplitM = 1;

    /// <summary>Column blocks of the part grid (when not <see cref="OverBatch"/>).</summary>
    public int SplitN = 1;

    /// <summary>This thread's reusable job object.</summary>
    public static GemmJob<T, TK> ForThisThread => t_instance ??= new GemmJob<T, TK>();

    /// <inheritdoc/>
    public void Execute(int part, int parts)
    {
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

        // Split whole MR x NR tiles evenly, so no thread gets a sliver that wastes a padded tile.
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
            GemmDriver<T, TK>.Run(e, r0, r1, c0, c1);
        }
    }
}
