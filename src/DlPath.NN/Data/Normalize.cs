using System.Numerics;
using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// Normalises each channel: <c>out[c] = (x[c] - mean[c]) / std[c]</c> (<c>torchvision.transforms.Normalize</c>,
/// https://pytorch.org/vision/stable/generated/torchvision.transforms.Normalize.html). One mean and std per channel,
/// or one value for all channels. Computed as torch does (subtract, then divide), so results match bit for bit.
/// </summary>
public sealed class Normalize : Transform
{
    private readonly double[] _mean;
    private readonly double[] _std;

    /// <summary>Creates the transform; every std must be non-zero.</summary>
    public Normalize(double[] mean, double[] std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Length == 0 || mean.Length != std.Length)
        {
            throw new ArgumentException($"Normalize: mean ({mean.Length} values) and std ({std.Length} values) need the same, non-zero length");
        }

        if (std.Any(s => s == 0)) throw new ArgumentException($"Normalize: std evaluated to zero ([{string.Join(", ", std)}]), leading to division by zero");
        _mean = (double[])mean.Clone();
        _std = (double[])std.Clone();
    }

    /// <summary>Creates the transform with one mean and std for every channel.</summary>
    public Normalize(double mean, double std) : this([mean], [std])
    {
    }

    /// <summary>The per-channel means.</summary>
    public IReadOnlyList<double> Mean => _mean;

    /// <summary>The per-channel standard deviations.</summary>
    public IReadOnlyList<double> Std => _std;

    /// <inheritdoc/>
    public override Tensor Apply(Tensor input)
    {
        CheckFloat(input, "Normalize");
        var batch = AsBatch(input, "Normalize");
        int channels = batch.Size(1);
        if (_mean.Length != 1 && _mean.Length != channels)
        {
            throw new ShapeException($"Normalize: {_mean.Length} means/stds for an image with {channels} channels ({input.ShapeString})");
        }

        var output = Tensor.Zeros(batch.ShapeArray(), batch.DType);
        if (batch.DType == DType.Float32) Run<float>(batch, output);
        else Run<double>(batch, output);
        return Restore(output, input);
    }

    private void Run<T>(Tensor batch, Tensor output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = batch.Size(0), channels = batch.Size(1), plane = batch.Size(2) * batch.Size(3);
        ReadOnlySpan<T> src = batch.AsSpan<T>();
        Span<T> dst = output.AsSpan<T>();
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < channels; c++)
            {
                // torchvision casts mean and std to the image dtype first.
                T m = T.CreateChecked(_mean[_mean.Length == 1 ? 0 : c]);
                T s = T.CreateChecked(_std[_std.Length == 1 ? 0 : c]);
                int at = ((i * channels) + c) * plane;
                for (int k = at; k < at + plane; k++) dst[k] = (src[k] - m) / s;
            }
        }
    }
}
