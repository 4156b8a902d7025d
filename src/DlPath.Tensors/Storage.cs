namespace DlPath.Tensors;

/// <summary>
/// The flat buffer behind one or more tensors. Views share a storage; the version counter lets autograd
/// notice when a tensor it saved for the backward pass was changed in place afterwards.
/// </summary>
internal abstract class Storage
{
    /// <summary>Bumped by every in-place write through any view of this storage.</summary>
    public int Version;

    public abstract DType DType { get; }

    public abstract int Length { get; }

    public abstract Array Array { get; }
}

/// <summary>A storage of elements of the .NET type <typeparamref name="T"/>.</summary>
internal sealed class Storage<T>(T[] data) : Storage
{
    public readonly T[] Data = data;

    public override DType DType { get; } = DTypes.Of<T>();

    public override int Length => Data.Length;

    public override Array Array => Data;
}
