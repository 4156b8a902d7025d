namespace DlPath.Tensors;

/// <summary>The kinds of <see cref="TensorIndex"/> entries.</summary>
public enum TensorIndexKind
{
    /// <summary>A full slice when default-constructed; otherwise start:stop:step.</summary>
    Slice,

    /// <summary>An int: selects and removes the dim.</summary>
    Single,

    /// <summary><c>None</c>: a new dim of size 1.</summary>
    NewAxis,

    /// <summary><c>...</c>: the remaining dims in full.</summary>
    Ellipsis,

    /// <summary>An int64 tensor (advanced indexing) or a bool mask.</summary>
    Tensor,
}
