using System.Numerics;
using DlPath.Tensors;
using DlPath.Tensors.Kernels;

namespace DlPath.NN;

/// <summary>
/// Optimizer updates over a whole parameter buffer in one vectorised pass (<see cref="Vector{T}"/> lanes), with
/// the same operations in the same order as the scalar loops they replace, so results are bit-for-bit those of
/// the readable loop (no fused multiply-add, which would round differently).
/// </summary>
internal static class FusedUpdates
{
    /// <summary>
    /// Adam without weight decay or AMSGrad: m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g·g;
    /// p += (−lr/bc1)·m / (√v / √bc2 + ε).
    /// Moments that decay below the smallest normal number are flushed to zero: a unit whose gradient is exactly
    /// zero (a dead ReLU) has m shrink by β1 every step and turn subnormal after a few hundred steps, and subnormal
    /// arithmetic is many times slower on x86 (measured: one Adam step over the MLP went from 0.2 to 1.0 ms). The
    /// flushed values are below 1.2e-38 (float32), so the update they would have made is far below rounding.
    /// </summary>
    public static void Adam<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, T b1, T b2, T oneMinusB1, T oneMinusB2, T negStepSize, T bc2Sqrt, T eps)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var vb1 = new Vector<T>(b1);
            var vb2 = new Vector<T>(b2);
            var v1mb1 = new Vector<T>(oneMinusB1);
            var v1mb2 = new Vector<T>(oneMinusB2);
            var vstep = new Vector<T>(negStepSize);
            var vbc2 = new Vector<T>(bc2Sqrt);
            var veps = new Vector<T>(eps);
            var vtiny = new Vector<T>(SmallestNormal<T>());
            for (; i <= p.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var gi = new Vector<T>(g[i..]);
                var mi = (new Vector<T>(m[i..]) * vb1) + (v1mb1 * gi);
                var vi = (new Vector<T>(v[i..]) * vb2) + (v1mb2 * gi * gi);
                mi = Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(mi), vtiny), Vector<T>.Zero, mi);
                vi = Vector.ConditionalSelect(Vector.LessThan(vi, vtiny), Vector<T>.Zero, vi);
                var denom = (Vector.SquareRoot(vi) / vbc2) + veps;
                var pi = new Vector<T>(p[i..]) + (vstep * mi / denom);
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                pi.CopyTo(p[i..]);
            }
        }

        T tiny = SmallestNormal<T>();
        for (; i < p.Length; i++)
        {
            T gi = g[i];
            m[i] = (m[i] * b1) + (oneMinusB1 * gi);
            v[i] = (v[i] * b2) + (oneMinusB2 * gi * gi);
            if (T.Abs(m[i]) < tiny) m[i] = T.Zero;
            if (v[i] < tiny) v[i] = T.Zero;
            T denom = (T.Sqrt(v[i]) / bc2Sqrt) + eps;
            p[i] += negStepSize * m[i] / denom;
        }
    }

    /// <summary>Below this many elements per thread an update stays on the calling thread.</summary>
    internal const int MinElementsPerThread = MemoryBoundSplit.MinElementsPerThread;

    /// <summary>
    /// <see cref="Adam{T}(Span{T}, ReadOnlySpan{T}, Span{T}, Span{T}, T, T, T, T, T, T, T)"/> over whole contiguous
    /// tensors, in one contiguous range per thread (up to <see cref="KernelOptions.MaxThreads"/>) when the buffer
    /// is long: each element's update is independent, and two square roots and divisions per element make a large
    /// layer's update (the CNN's 400 K-weight fully connected layer) worth sharing between cores. The ranges run on the
    /// kernels' workers (<see cref="MemoryBoundSplit"/>), which the GEMMs of a step keep awake. The result does not
    /// depend on the split.
    /// </summary>
    public static void Adam<T>(Tensor p, Tensor g, Tensor m, Tensor v, T b1, T b2, T oneMinusB1, T oneMinusB2, T negStepSize, T bc2Sqrt, T eps)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MemoryBoundSplit.For(p.Numel, (start, length) =>
            Adam(p.AsSpan<T>().Slice(start, length), g.AsSpan<T>().Slice(start, length), m.AsSpan<T>().Slice(start, length), v.AsSpan<T>().Slice(start, length),
                b1, b2, oneMinusB1, oneMinusB2, negStepSize, bc2Sqrt, eps));
    }

    /// <summary>The smallest positive normal number of <typeparamref name="T"/> (below it lie the slow subnormals).</summary>
    private static T SmallestNormal<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? T.CreateTruncating(1.17549435e-38f) : T.CreateTruncating(2.2250738585072014e-308);
}
