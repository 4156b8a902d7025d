using System.Runtime.CompilerServices;

namespace DlPath.Tensors;

public sealed partial class Generator
{
    private const float TwoToMinus24 = 1.0f / (1 << 24);
    private const double TwoToMinus53 = 1.0 / (1UL << 53);

    /// <summary>
    /// Fills <paramref name="destination"/> with uniform samples from [<paramref name="low"/>,
    /// <paramref name="high"/>), bit for bit like <c>torch.rand</c> / <c>Tensor.uniform_(low, high)</c> on a
    /// float32 tensor.
    /// </summary>
    /// <param name="destination">The elements to fill, in order.</param>
    /// <param name="low">Inclusive lower bound.</param>
    /// <param name="high">Exclusive upper bound.</param>
    /// <exception cref="ArgumentOutOfRangeException">The bounds are not finite or <paramref name="low"/> &gt; <paramref name="high"/>.</exception>
    /// <remarks>
    /// Mirrors ATen's <c>uniform_real_distribution&lt;float&gt;</c>: one 32-bit draw per element, its low
    /// 24 bits scaled by 2^-24, then <c>x * (high - low) + low</c> in float32 with a fused multiply-add
    /// (the compiler fuses it in PyTorch's AVX2 kernel).
    /// </remarks>
    public void Uniform(Span<float> destination, double low = 0.0, double high = 1.0)
    {
        CheckUniformRange(low, high);
        var from = (float)low;
        var range = (float)high - from;
        lock (_lock)
        {
            FillUnitFloats(destination);
        }
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = MathF.FusedMultiplyAdd(destination[i], range, from);
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with uniform samples from [<paramref name="low"/>,
    /// <paramref name="high"/>), bit for bit like <c>torch.rand(..., dtype=torch.float64)</c> /
    /// <c>Tensor.uniform_(low, high)</c> on a float64 tensor.
    /// </summary>
    /// <param name="destination">The elements to fill, in order.</param>
    /// <param name="low">Inclusive lower bound.</param>
    /// <param name="high">Exclusive upper bound.</param>
    /// <exception cref="ArgumentOutOfRangeException">The bounds are not finite or <paramref name="low"/> &gt; <paramref name="high"/>.</exception>
    /// <remarks>
    /// Mirrors ATen's <c>uniform_real_distribution&lt;double&gt;</c>: one 64-bit draw per element, its
    /// low 53 bits scaled by 2^-53, then a fused <c>x * (high - low) + low</c>.
    /// </remarks>
    public void Uniform(Span<double> destination, double low = 0.0, double high = 1.0)
    {
        CheckUniformRange(low, high);
        var range = high - low;
        lock (_lock)
        {
            FillUnitDoubles(destination);
        }
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = Math.FusedMultiplyAdd(destination[i], range, low);
        }
    }

    /// <summary>A float in [0, 1) from the low 24 bits of a 32-bit draw (exact: 24 bits fit a float mantissa).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float UnitFloat(uint bits) => (bits & 0xFFFFFFu) * TwoToMinus24;

    /// <summary>A double in [0, 1) from the low 53 bits of a 64-bit draw.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double UnitDouble(ulong bits) => (bits & ((1UL << 53) - 1)) * TwoToMinus53;

    private static void CheckUniformRange(double low, double high)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high))
        {
            throw new ArgumentOutOfRangeException(nameof(low),
                $"uniform: bounds must be finite, got low={low}, high={high}");
        }
        if (low > high)
        {
            throw new ArgumentOutOfRangeException(nameof(low),
                $"uniform: expects a [low, high) range, but found low={low} > high={high}");
        }
    }
}
