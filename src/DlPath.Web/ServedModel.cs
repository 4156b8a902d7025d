using DlPath.NN.Onnx;

namespace DlPath.Web;

/// <summary>A checkpoint loaded for serving: the model, its labels and its micro-batching loop.</summary>
public sealed class ServedModel : IAsyncDisposable
{
    /// <summary>Loads <paramref name="path"/> (see <see cref="SequentialCheckpoint.Load"/>).</summary>
    public ServedModel(string name, string path, int microBatch)
    {
        Name = name;
        Checkpoint = SequentialCheckpoint.Load(path);
        Batcher = new InferenceBatcher(Checkpoint.Model, Checkpoint.InputShape, microBatch);
    }

    /// <summary>The name clients use: the file name without <c>.safetensors</c>.</summary>
    public string Name { get; }

    /// <summary>The loaded checkpoint.</summary>
    public SequentialCheckpoint Checkpoint { get; }

    /// <summary>The inference loop.</summary>
    public InferenceBatcher Batcher { get; }

    /// <summary>Values in one example (784 for Fashion-MNIST).</summary>
    public int InputSize => Checkpoint.InputShape.Aggregate(1, (a, b) => a * b);

    /// <summary>Class probabilities (softmax of the logits) for each example.</summary>
    public async Task<float[][]> PredictAsync(IReadOnlyList<float[]> examples, CancellationToken cancellationToken)
    {
        var logits = await Batcher.RunAsync(examples, cancellationToken).ConfigureAwait(false);
        return logits.Select(Softmax).ToArray();
    }

    private static float[] Softmax(float[] logits)
    {
        // Subtract the max so exp never overflows (a model can emit large logits).
        float max = logits.Max();
        var p = logits.Select(v => MathF.Exp(v - max)).ToArray();
        float sum = p.Sum();
        for (int i = 0; i < p.Length; i++) p[i] /= sum;
        return p;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Batcher.DisposeAsync();
}
