using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>Batch normalization of (N, C) or (N, C, L) inputs (<c>torch.nn.BatchNorm1d</c>).</summary>
public sealed class BatchNorm1d : BatchNorm
{
    /// <summary>Creates the layer with torch's defaults (eps 1e-5, momentum 0.1, affine, running statistics).</summary>
    public BatchNorm1d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true, DType dtype = DType.Float32)
        : base(numFeatures, eps, momentum, affine, trackRunningStats, dtype)
    {
    }

    /// <inheritdoc />
    protected override void CheckInput(Tensor input)
    {
        if (input.Rank is not (2 or 3)) throw new ShapeException($"BatchNorm1d: expected 2-D (N,C) or 3-D (N,C,L) input, got {input.ShapeString}");
    }
}
