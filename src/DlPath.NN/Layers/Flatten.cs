using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>Flattens dims start..end into one (<c>torch.nn.Flatten</c>); by default keeps the batch dim: (N, *) → (N, prod(*)).</summary>
public sealed class Flatten(int startDim = 1, int endDim = -1) : Module
{
    /// <summary>First dim flattened.</summary>
    public int StartDim { get; } = startDim;

    /// <summary>Last dim flattened.</summary>
    public int EndDim { get; } = endDim;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Flatten(StartDim, EndDim);
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => $"start_dim={StartDim}, end_dim={EndDim}";
}
