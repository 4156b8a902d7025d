using DlPath.Tensors;

namespace Labs.Rnn;

/// <summary>Lab 9: word embeddings, a lookup table w (V, D).</summary>
public static class WordEmbedding
{
    /// <summary>§5: indices (N, T) int64 -> vectors (N, T, D): out[n, t] = w[indices[n, t]].</summary>
    public static Tensor Forward(Tensor indices, Tensor w)
    {
        throw new NotImplementedException("README §5 Word embedding: Forward");
    }

    /// <summary>§5: dw (V, D) given dout (N, T, D).</summary>
    public static Tensor Backward(Tensor dout, Tensor indices, int vocabularySize)
    {
        throw new NotImplementedException("README §5 Word embedding: Backward");
    }
}
