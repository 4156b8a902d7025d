namespace DlPath.Tensors.Autograd;

/// <summary>
/// What a <see cref="Function{TSelf}"/> keeps between its forward and backward (<c>ctx</c> in torch): saved
/// tensors (version-checked, so changing one in place before backward is caught), which inputs need a
/// gradient, and any other values the backward needs.
/// </summary>
public sealed class FunctionContext
{
    private readonly List<Tensor> _saved = [];
    private readonly bool[] _needsInputGrad;

    internal FunctionContext(bool[] needsInputGrad) => _needsInputGrad = needsInputGrad;

    /// <summary>The tensors passed to <see cref="SaveForBackward"/>, in order.</summary>
    public IReadOnlyList<Tensor> SavedTensors => _saved;

    /// <summary>Free-form values for the backward (sizes, flags, scalars), by name.</summary>
    public IDictionary<string, object> Items { get; } = new Dictionary<string, object>();

    /// <summary>Keeps tensors for the backward (<c>ctx.save_for_backward</c>). Call it in Forward.</summary>
    public void SaveForBackward(params Tensor[] tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        _saved.AddRange(tensors);
    }

    /// <summary>True when input <paramref name="index"/> requires a gradient (<c>ctx.needs_input_grad[i]</c>).</summary>
    public bool NeedsInputGrad(int index) => _needsInputGrad[index];
}
