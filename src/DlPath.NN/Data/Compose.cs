using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>Applies transforms one after the other (<c>torchvision.transforms.Compose</c>).</summary>
/// <param name="transforms">The transforms, in order.</param>
public sealed class Compose(params Transform[] transforms) : Transform
{
    /// <summary>The transforms, in order.</summary>
    public IReadOnlyList<Transform> Transforms { get; } = [.. transforms];

    /// <inheritdoc/>
    public override Tensor Apply(Tensor input)
    {
        foreach (var t in Transforms) input = t.Apply(input);
        return input;
    }
}
