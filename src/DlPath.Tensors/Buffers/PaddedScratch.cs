using System.Runtime.InteropServices;
using DlPath.Tensors.Kernels;

namespace DlPath.Tensors.Buffers;

/// <summary>
/// What a <see cref="PaddedScratch"/> buffer holds: which kernel buffer (<paramref name="Role"/>) for which
/// convolution. Two rents with equal layouts lay their planes out identically, so they write the same interior cells
/// and rely on the same cells staying zero. The batch size is left out (set it to 0): it changes no plane's layout.
/// </summary>
internal readonly record struct PaddedLayout(int Role, Im2ColGeometry Geometry, int OutChannels, int Length);

/// <summary>
/// Scratch for zero-padded planes that keeps its zeros from one use to the next. The direct convolution kernels copy
/// each sample into the interior of planes whose border must read as zero; a fresh buffer cleared for every part of
/// every call cleared up to 0.75 MB a part, a few percent of a CNN step. A buffer here is cleared once, when it is
/// made; the kernels write only interior cells, and every use overwrites them before it reads them (as the kernels
/// already do from one block of samples to the next), so a later rent of the same layout on the same thread takes it
/// back as it is. The memory is native and 64-byte aligned: it never moves (a moved buffer would shift the interior
/// onto cells that must stay zero) and it adds nothing to the GC's budgets (pinned managed arrays of this size cost
/// a gen-2 collection in the first epoch). A buffer dropped from the cache is freed by its finalizer.
/// </summary>
internal sealed unsafe class PaddedScratch : IDisposable
{
    // Per thread: the CNN's five padded buffers (two forward, three backward) fit with room for a second model.
    private const int MaxCached = 8;

    [ThreadStatic]
    private static List<PaddedScratch>? t_free;

    private readonly PaddedLayout _layout;

    private PaddedScratch(PaddedLayout layout)
    {
        _layout = layout;
        nuint bytes = (nuint)Math.Max(1, layout.Length) * sizeof(float);
        Pointer = (float*)NativeMemory.AlignedAlloc(bytes, 64);
        NativeMemory.Clear(Pointer, bytes);
    }

    /// <summary>Frees the memory of a buffer no cache holds any more (it is never in use then).</summary>
    ~PaddedScratch() => NativeMemory.AlignedFree(Pointer);

    /// <summary>
    /// The buffer's first float, on a 64-byte boundary: Length floats, zero except cells that earlier uses of the same
    /// layout wrote. Valid until <see cref="Dispose"/>; keep the scratch in a <c>using</c> while the pointer is in use.
    /// </summary>
    public float* Pointer { get; }

    /// <summary>A buffer of <paramref name="layout"/>.Length floats for this layout: one this thread used before, or a zeroed new one.</summary>
    public static PaddedScratch Rent(PaddedLayout layout)
    {
        var free = t_free ??= [];
        for (int i = free.Count - 1; i >= 0; i--)
        {
            if (free[i]._layout == layout)
            {
                var reused = free[i];
                free.RemoveAt(i);
                return reused;
            }
        }

        return new PaddedScratch(layout);
    }

    /// <summary>Keeps the buffer for the next rent of its layout on this thread (the oldest kept one goes when full).</summary>
    public void Dispose()
    {
        var free = t_free ??= [];
        if (free.Contains(this)) return;
        if (free.Count >= MaxCached) free.RemoveAt(0);
        free.Add(this);
    }
}
