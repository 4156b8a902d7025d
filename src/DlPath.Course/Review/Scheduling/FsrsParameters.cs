using System.Collections.ObjectModel;
using System.Globalization;

namespace DlPath.Course.Review.Scheduling;

/// <summary>
/// The 21 weights of the FSRS-6 memory model (open-spaced-repetition's published defaults, trained on
/// about 10k Anki collections), with the bounds the reference optimizer keeps them in.
/// </summary>
/// <remarks>
/// w0..w3 initial stability per first rating; w4, w5 initial difficulty; w6 difficulty step; w7 mean
/// reversion; w8..w10 recall stability growth; w11..w14 post-lapse stability; w15 Hard penalty; w16 Easy
/// bonus; w17..w19 same-day (short-term) stability; w20 the trainable decay of the forgetting curve.
/// </remarks>
public sealed class FsrsParameters
{
    /// <summary>Number of weights in FSRS-6.</summary>
    public const int Count = 21;

    /// <summary>Smallest stability the model ever produces, in days.</summary>
    public const double StabilityMin = 0.001;

    private static readonly double[] s_defaults =
    [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ];

    private static readonly double[] s_lower =
    [
        StabilityMin, StabilityMin, StabilityMin, StabilityMin, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
        0.001, 0.001, 0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.1,
    ];

    private static readonly double[] s_upper =
    [
        100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5,
        5.0, 0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0, 0.8, 0.8,
    ];

    private readonly double[] _w;

    /// <summary>Creates parameters from 21 weights; each must lie within its bound.</summary>
    /// <exception cref="ArgumentException">Wrong count or a weight out of bounds (named with its index).</exception>
    public FsrsParameters(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count != Count)
        {
            throw new ArgumentException($"FSRS-6 needs {Count} weights, got {weights.Count}.", nameof(weights));
        }

        var problems = new List<string>();
        for (int i = 0; i < Count; i++)
        {
            double v = weights[i];
            if (double.IsNaN(v) || v < s_lower[i] || v > s_upper[i])
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"w{i} = {v} is outside [{s_lower[i]}, {s_upper[i]}]"));
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("FSRS weights out of bounds: " + string.Join("; ", problems), nameof(weights));
        }

        _w = [.. weights];
    }

    /// <summary>The published FSRS-6 default weights.</summary>
    public static FsrsParameters Default { get; } = new(s_defaults);

    /// <summary>The weights, w0..w20.</summary>
    public ReadOnlyCollection<double> Weights => Array.AsReadOnly(_w);

    /// <summary>Weight <c>w[i]</c>.</summary>
    public double this[int index] => _w[index];

    /// <summary>The forgetting curve's decay exponent, <c>-w20</c>.</summary>
    public double Decay => -_w[20];

    /// <summary>
    /// The factor chosen so that retrievability is exactly 0.9 when elapsed time equals stability:
    /// <c>0.9^(1/decay) - 1</c>.
    /// </summary>
    public double Factor => Math.Pow(0.9, 1.0 / Decay) - 1.0;

    /// <summary>Lower bounds used by validation and the optimizer.</summary>
    public static ReadOnlyCollection<double> LowerBounds => Array.AsReadOnly(s_lower);

    /// <summary>Upper bounds used by validation and the optimizer.</summary>
    public static ReadOnlyCollection<double> UpperBounds => Array.AsReadOnly(s_upper);

    /// <summary>A copy of the weights as an array.</summary>
    public double[] ToArray() => [.. _w];

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(", ", _w.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture)));
}
