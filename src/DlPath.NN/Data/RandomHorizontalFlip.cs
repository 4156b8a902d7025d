using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// Mirrors each image left-right with probability <see cref="P"/>
/// (<c>torchvision.transforms.RandomHorizontalFlip</c>,
/// https://pytorch.org/vision/stable/generated/torchvision.transforms.RandomHorizontalFlip.html). Each image draws
/// one float32 uniform u, as <c>torch.rand(1)</c> does, and is flipped when u &lt; p.
/// </summary>
/// <param name="p">Probability of flipping an image.</param>
/// <param name="generator">Draws the decisions; default <see cref="Generator.Default"/>.</param>
public sealed class RandomHorizontalFlip(double p = 0.5, Generator? generator = null) : Transform
{
    /// <summary>Probability of flipping an image.</summary>
    public double P { get; } = p is >= 0 and <= 1 ? p : throw new ArgumentOutOfRangeException(nameof(p), p, "RandomHorizontalFlip: p must be in [0, 1]");

    /// <inheritdoc/>
    public override Tensor Apply(Tensor input)
    {
        var batch = AsBatch(input, "RandomHorizontalFlip");
        var output = Tensor.Zeros(batch.ShapeArray(), batch.DType);
        switch (batch.DType)
        {
            case DType.Float32: Run<float>(batch, output); break;
            case DType.Float64: Run<double>(batch, output); break;
            case DType.Int64: Run<long>(batch, output); break;
            case DType.Bool: Run<bool>(batch, output); break;
            default: throw new ArgumentException($"RandomHorizontalFlip: dtype {batch.DType.Name()} is not supported");
        }

        return Restore(output, input);
    }

    private void Run<T>(Tensor batch, Tensor output)
        where T : unmanaged
    {
        var g = generator ?? Generator.Default;
        int n = batch.Size(0), image = batch.Numel / Math.Max(1, n), width = batch.Size(3);
        ReadOnlySpan<T> src = batch.AsSpan<T>();
        Span<T> dst = output.AsSpan<T>();
        Span<float> u = stackalloc float[1];
        for (int i = 0; i < n; i++)
        {
            g.Uniform(u);
            var from = src.Slice(i * image, image);
            var to = dst.Slice(i * image, image);
            from.CopyTo(to);
            if (u[0] < P)
            {
                for (int row = 0; row < image; row += width) to.Slice(row, width).Reverse();
            }
        }
    }
}
