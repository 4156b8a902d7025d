using System.Diagnostics.CodeAnalysis;
using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// A tensor that belongs to a module's state but is not learned (<c>register_buffer</c>): BatchNorm's running
/// statistics, for example. Saved in the state dict, moved by <see cref="Module.To"/>, never given to optimizers.
/// </summary>
public sealed class Buffer
{
    /// <summary>Wraps <paramref name="value"/>.</summary>
    public Buffer(Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        // Kept: module state outlives any Tensor.Scope() it was created in.
        Value = value.Detach().Keep();
    }

    /// <summary>The tensor itself.</summary>
    public Tensor Value { get; private set; }

    /// <summary>The tensor of this buffer.</summary>
    [return: NotNullIfNotNull(nameof(b))]
    public static implicit operator Tensor?(Buffer? b) => b?.Value;

    /// <summary>Replaces the tensor by one of another dtype; integer buffers (counters) keep theirs, as in torch.</summary>
    internal void Convert(DType dtype)
    {
        if (Value.DType == dtype || !Value.DType.IsFloatingPoint()) return;
        Value = Value.To(dtype).Keep();
    }

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
