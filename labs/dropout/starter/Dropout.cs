using DlPath.Tensors;

namespace Labs.Dropout;

/// <summary>Lab 6: inverted dropout. <c>p</c> is the probability of dropping (zeroing) a unit, as in PyTorch.</summary>
public static class Dropout
{
    /// <summary>
    /// §1 / §2: in training, zero each element of x with probability p and scale the survivors by 1 / (1 - p);
    /// return the output and the 0/1 keep mask (float, x's shape). In evaluation return x itself and a null mask.
    /// Draw the random numbers from <paramref name="generator"/> only (Tensor.RandLike(x, generator)).
    /// </summary>
    public static (Tensor Out, Tensor? Mask) Forward(Tensor x, double p, bool train, Generator generator)
    {
        throw new NotImplementedException("README §1 Forward");
    }

    /// <summary>§3: dx for the training-mode forward that produced <paramref name="mask"/>.</summary>
    public static Tensor Backward(Tensor dout, Tensor mask, double p)
    {
        throw new NotImplementedException("README §3 Backward");
    }
}
