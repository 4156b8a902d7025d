using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// A lookup table of learned vectors (<c>torch.nn.Embedding</c>): int64 ids (*) → (*, dim). The table is drawn
/// from N(0, 1) as in torch; the optional padding row starts at zero and is never trained. max_norm is not supported.
/// </summary>
public sealed class Embedding : Module
{
    /// <summary>Creates a table of <paramref name="numEmbeddings"/> vectors of size <paramref name="embeddingDim"/>.</summary>
    public Embedding(int numEmbeddings, int embeddingDim, int? paddingIdx = null, DType dtype = DType.Float32, Generator? generator = null)
    {
        if (numEmbeddings <= 0 || embeddingDim <= 0) throw new ArgumentException($"Embedding: sizes must be positive, got ({numEmbeddings}, {embeddingDim})");
        (NumEmbeddings, EmbeddingDim) = (numEmbeddings, embeddingDim);
        Weight = new Parameter(Tensor.Zeros([numEmbeddings, embeddingDim], dtype));
        Init.Normal(Weight, 0, 1, generator);
        if (paddingIdx is int pad)
        {
            if (pad < 0) pad += numEmbeddings;
            if (pad < 0 || pad >= numEmbeddings) throw new ArgumentOutOfRangeException(nameof(paddingIdx), paddingIdx, $"Embedding: padding_idx must be within num_embeddings ({numEmbeddings})");
            PaddingIdx = pad;
            using (Tensor.NoGrad()) Weight.Value.Select(0, pad).Zero();
        }
    }

    /// <summary>The row that pads sequences (zero, untrained), or null.</summary>
    public int? PaddingIdx { get; }

    /// <summary>The (num_embeddings, embedding_dim) table.</summary>
    public Parameter Weight { get; }

    /// <summary>Number of rows.</summary>
    public int NumEmbeddings { get; }

    /// <summary>Size of each vector.</summary>
    public int EmbeddingDim { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Embedding(input, Weight, PaddingIdx);

    /// <inheritdoc />
    protected override string ExtraRepr() => $"{NumEmbeddings}, {EmbeddingDim}" + (PaddingIdx is int p ? $", padding_idx={p}" : string.Empty);
}
