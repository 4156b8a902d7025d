namespace DlPath.Tensors;

/// <summary>
/// Where a tensor's data lives. Only the CPU exists today; the type is here so that a GPU backend can be
/// added later without changing the signatures callers use.
/// </summary>
public sealed record Device(string Name)
{
    /// <summary>Host memory, computed by the managed CPU kernels.</summary>
    public static readonly Device Cpu = new("cpu");

    /// <inheritdoc />
    public override string ToString() => Name;
}
