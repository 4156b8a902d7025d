namespace DlPath.Tensors.Autograd;

/// <summary>
/// A node of the backward graph: the op that produced a tensor, the inputs it came from, and how to turn
/// the gradient of its output into gradients of its inputs (<c>tensor.grad_fn</c> in PyTorch).
/// </summary>
public abstract class GradFn
{
    private readonly (Tensor Tensor, int Version)[] _saved;

    /// <summary>Creates a node over the op's inputs and the tensors its backward reads.</summary>
    /// <param name="name">PyTorch-style name, e.g. <c>MulBackward</c>, shown in errors and graphs.</param>
    /// <param name="inputs">The op's tensor inputs, in order; gradients are returned in the same order.</param>
    /// <param name="saved">Tensors the backward will read; changing one in place afterwards is an error.</param>
    protected GradFn(string name, Tensor[] inputs, Tensor[] saved)
    {
        Name = name;
        Inputs = inputs;
        _saved = new (Tensor, int)[saved.Length];
        for (int i = 0; i < saved.Length; i++)
        {
            _saved[i] = (saved[i], saved[i].Version);
        }
    }

    /// <summary>The op's name (<c>AddBackward</c>, <c>MatMulBackward</c>, ...).</summary>
    public string Name { get; }

    /// <summary>The inputs of the op, in argument order.</summary>
    public IReadOnlyList<Tensor> Inputs { get; }

    /// <summary>
    /// Computes the gradient for each input from the gradient of the output. An entry may be null when that
    /// input needs no gradient. Gradients may have the broadcast shape; the engine sums them to the input's.
    /// </summary>
    public abstract Tensor?[] Backward(Tensor gradOutput);

    internal void CheckSavedVersions()
    {
        foreach (var (tensor, version) in _saved)
        {
            if (tensor.Version != version)
            {
                throw new InvalidOperationException(
                    $"backward through {Name}: a {tensor.ShapeString} {tensor.DType.Name()} tensor it saved was modified by an in-place operation " +
                    $"(saved at version {version}, now at version {tensor.Version}); clone it before changing it, or change it after backward");
            }
        }
    }
}

/// <summary>A <see cref="GradFn"/> whose backward is a lambda written right under the op's forward.</summary>
internal sealed class LambdaGradFn(string name, Tensor[] inputs, Tensor[] saved, Func<Tensor, Tensor?[]> backward)
    : GradFn(name, inputs, saved)
{
    public override Tensor?[] Backward(Tensor gradOutput) => backward(gradOutput);
}
