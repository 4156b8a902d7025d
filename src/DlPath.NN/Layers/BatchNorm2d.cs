using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>Batch normalization of (N, C, H, W) inputs, per channel (<c>torch.nn.BatchNorm2d</c>).</summary>
public sealed class BatchNorm2d : BatchNorm
{
    /// <summary>Creates the layer with torch's defaults (eps 1e-5, momentum 0.1, affine, running statistics).</summary>
    public BatchNorm2d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true, DType dtype = DType.Float32)
        : base(numFeatures, eps, momentum, affine, trackRunningStats, dtype)
    {
    }

    /// <inheritdoc />
    protected override void CheckInput(Tensor input)
    {
        if (input.Rank != 4) throw new ShapeException($"BatchNorm2d: expected 4-D (N,C,H,W) input, got {input.ShapeString}");
    }
}
