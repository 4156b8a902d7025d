using DlPath.Tensors;

namespace Labs.Dropout;

/// <summary>Reference solution of lab 6 (tests only).</summary>
public static class Dropout
{
    public static (Tensor Out, Tensor? Mask) Forward(Tensor x, double p, bool train, Generator generator)
    {
        if (!train) return (x, null);
        var mask = Tensor.RandLike(x, generator).Ge(p).To(x.DType);
        return (x * mask / (1 - p), mask);
    }

    public static Tensor Backward(Tensor dout, Tensor mask, double p) => dout * mask / (1 - p);
}
