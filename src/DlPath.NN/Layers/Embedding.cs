using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// A lookup table of learned vectors (<c>torch.nn.Embedding</c>): int64 ids (*) → (*, dim). The table is drawn
/// from N(0, 1) as in torch. padding_idx and max_norm are not supported.
/// </summary>
public sealed class Embedding : Module
{
    /// <summary>Creates a table of <paramref name="numEmbeddings"/> vectors of size <paramref name="embeddingDim"/>.</summary>
    public Embedding(int numEmbeddings, int embeddingDim, DType dtype = DType.Float32, Generator? generator = null)
    {
        if (numEmbeddings <= 0 || embeddingDim <= 0) throw new ArgumentException($"Embedding: sizes must be positive, got ({numEmbeddings}, {embeddingDim})");
        (NumEmbeddings, EmbeddingDim) = (numEmbeddings, embeddingDim);
        Weight = new Parameter(Tensor.Zeros([numEmbeddings, embeddingDim], dtype));
        Init.Normal(Weight, 0, 1, generator);
    }

    /// <summary>The (num_embeddings, embedding_dim) table.</summary>
    public Parameter Weight { get; }

    /// <summary>Number of rows.</summary>
    public int NumEmbeddings { get; }

    /// <summary>Size of each vector.</summary>
    public int EmbeddingDim { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Embedding(input, Weight);

    /// <inheritdoc />
    protected override string ExtraRepr() => $"{NumEmbeddings}, {EmbeddingDim}";
}
