using DlPath.Learn;
using DlPath.NN;
using DlPath.Tensors;

namespace DlPath.Course.Projects.Titanic;

/// <summary>
/// A small multi-layer perceptron built on DlPath.NN, wrapped as a DlPath.Learn classifier so that it can be
/// cross-validated, put in a pipeline and voted with the classical models: Linear → ReLU → Linear, softmax
/// cross-entropy, Adam with weight decay, shuffled mini-batches. Feed it standardised features.
/// </summary>
public sealed class NnMlpClassifier : Classifier
{
    private Sequential? _model;

    /// <summary>Units in the hidden layer.</summary>
    [HyperParameter]
    public int Hidden { get; set; } = 16;

    /// <summary>Passes over the training data.</summary>
    [HyperParameter]
    public int Epochs { get; set; } = 60;

    /// <summary>Rows per Adam step.</summary>
    [HyperParameter]
    public int BatchSize { get; set; } = 32;

    /// <summary>Adam's learning rate.</summary>
    [HyperParameter]
    public double LearningRate { get; set; } = 0.01;

    /// <summary>L2 weight decay (Adam's <c>weight_decay</c>): a little keeps 900 rows from being memorised.</summary>
    [HyperParameter]
    public double WeightDecay { get; set; } = 1e-3;

    /// <summary>Seed of the initial weights and of the batch shuffle.</summary>
    [HyperParameter]
    public int RandomState { get; set; }

    /// <inheritdoc />
    protected override void FitCore(double[,] x, int[] y, int classCount)
    {
        if (Hidden < 1 || Epochs < 1 || BatchSize < 1 || LearningRate <= 0 || WeightDecay < 0)
        {
            throw new ArgumentException($"{Name}.Fit: need Hidden, Epochs, BatchSize >= 1, LearningRate > 0 and WeightDecay >= 0; got {Hidden}, {Epochs}, {BatchSize}, {LearningRate}, {WeightDecay}");
        }
        int n = x.GetLength(0), d = x.GetLength(1);
        var generator = new Generator(RandomState);
        var model = new Sequential(new Linear(d, Hidden, generator: generator), new Relu(), new Linear(Hidden, classCount, generator: generator));
        var optimizer = new Adam(model.Parameters(), lr: LearningRate, weightDecay: WeightDecay);
        var loss = new CrossEntropyLoss();
        var shuffle = new Random(RandomState);
        var order = Enumerable.Range(0, n).ToArray();
        var features = Flatten(x);
        model.Train();
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            shuffle.Shuffle(order);
            for (int start = 0; start < n; start += BatchSize)
            {
                int size = Math.Min(BatchSize, n - start);
                var xb = new float[size * d];
                var yb = new long[size];
                for (int i = 0; i < size; i++)
                {
                    int row = order[start + i];
                    Array.Copy(features, row * d, xb, i * d, d);
                    yb[i] = y[row];
                }
                optimizer.ZeroGrad();
                var output = loss.Call(model.Call(Tensor.FromArray(xb, size, d)), Tensor.FromArray(yb, size));
                output.Backward();
                optimizer.Step();
            }
        }
        model.Eval();
        _model = model;
    }

    /// <inheritdoc />
    protected override double[,] ProbaCore(double[,] x)
    {
        var model = _model ?? throw new NotFittedException(Name, "PredictProba");
        int n = x.GetLength(0), d = x.GetLength(1);
        double[] p;
        using (Tensor.NoGrad())
        {
            p = model.Call(Tensor.FromArray(Flatten(x), n, d)).Softmax(1).ToArray<double>();
        }
        int k = p.Length / Math.Max(n, 1);
        var result = new double[n, k];
        System.Buffer.BlockCopy(p, 0, result, 0, p.Length * sizeof(double));
        return result;
    }

    private static float[] Flatten(double[,] x)
    {
        var flat = new float[x.Length];
        int i = 0;
        foreach (var v in x)
        {
            flat[i++] = (float)v;
        }
        return flat;
    }
}
