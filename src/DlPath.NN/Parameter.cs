using System.Diagnostics.CodeAnalysis;
using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// A learnable tensor of a <see cref="Module"/> (<c>torch.nn.Parameter</c>): it always requires a gradient,
/// modules find it by reflection, optimizers update it in place. It converts implicitly to its
/// <see cref="Tensor"/>, so layer code reads <c>x.MatMul(Weight.T)</c>-style math directly.
/// </summary>
public sealed class Parameter
{
    /// <summary>Wraps <paramref name="value"/> (a floating-point leaf) and marks it as requiring a gradient.</summary>
    public Parameter(Tensor value, bool requiresGrad = true)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.IsLeaf)
        {
            // A parameter is a leaf of every graph it takes part in; a graph output would drag its history along.
            value = value.Detach();
        }

        // Kept: a parameter outlives any Tensor.Scope() it was created in (the model is built once, trained for many steps).
        Value = value.Keep();
        Value.RequiresGrad = requiresGrad;
    }

    /// <summary>The tensor itself (shares storage with every view handed out).</summary>
    public Tensor Value { get; private set; }

    /// <summary>The accumulated gradient (null before the first backward or after <see cref="Module.ZeroGrad"/>).</summary>
    public Tensor? Grad
    {
        get => Value.Grad;
        set => Value.Grad = value;
    }

    /// <summary>Whether gradients are computed for this parameter (freezing a layer sets it to false).</summary>
    public bool RequiresGrad
    {
        get => Value.RequiresGrad;
        set => Value.RequiresGrad = value;
    }

    /// <summary>The shape of the tensor.</summary>
    public ReadOnlySpan<int> Shape => Value.Shape;

    /// <summary>Number of elements.</summary>
    public int Numel => Value.Numel;

    /// <summary>The element type.</summary>
    public DType DType => Value.DType;

    /// <summary>The tensor of this parameter.</summary>
    [return: NotNullIfNotNull(nameof(p))]
    public static implicit operator Tensor?(Parameter? p) => p?.Value;

    /// <summary>Replaces the tensor by one of another dtype (used by <see cref="Module.To"/>); the gradient is dropped.</summary>
    internal void Convert(DType dtype)
    {
        if (Value.DType == dtype) return;
        bool rg = Value.RequiresGrad;
        Value = Value.Detach().To(dtype).Keep();
        Value.RequiresGrad = rg;
    }

    /// <inheritdoc />
    public override string ToString() => $"Parameter containing:\n{Value}";
}
