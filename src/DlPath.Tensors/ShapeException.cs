namespace DlPath.Tensors;

/// <summary>
/// A tensor was used with a shape, dtype or index that the op cannot take. The message names the op and
/// the shapes involved, e.g. <c>matmul: (64,784) @ (128,10): inner dims 784 != 128</c>.
/// </summary>
public sealed class ShapeException : ArgumentException
{
    /// <summary>Creates the exception with a learner-readable message.</summary>
    public ShapeException(string message)
        : base(message)
    {
    }
}
