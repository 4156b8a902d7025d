using System.Numerics.Tensors;

namespace DlPath.Learn.NeuralNetwork;

/// <summary>
/// A small multi-layer perceptron classifier (scikit-learn's <c>MLPClassifier</c> with the Adam solver): fully
/// connected hidden layers, a softmax output (logistic for two classes), cross-entropy plus
/// <c>α/(2·batch) Σ‖W‖²</c>, mini-batches, Glorot-uniform initialisation and early stopping on the training loss.
/// Backpropagation is written out by hand below so it can be read next to the course's ex4.
/// </summary>
public sealed class MlpClassifier : Classifier
{
    /// <summary>Units per hidden layer. Default [100].</summary>
    [HyperParameter]
    public int[] HiddenLayerSizes { get; set; } = [100];

    /// <summary>Hidden activation. Default ReLU.</summary>
    [HyperParameter]
    public Activation Activation { get; set; } = Activation.Relu;

    /// <summary>L2 penalty α. Default 1e-4.</summary>
    [HyperParameter]
    public double Alpha { get; set; } = 1e-4;

    /// <summary>Mini-batch size (capped at the number of samples). Default 200.</summary>
    [HyperParameter]
    public int BatchSize { get; set; } = 200;

    /// <summary>Adam's step size. Default 1e-3.</summary>
    [HyperParameter]
    public double LearningRateInit { get; set; } = 1e-3;

    /// <summary>Maximum epochs. Default 200.</summary>
    [HyperParameter]
    public int MaxIter { get; set; } = 200;

    /// <summary>Improvement of the loss below which an epoch counts as no progress. Default 1e-4.</summary>
    [HyperParameter]
    public double Tol { get; set; } = 1e-4;

    /// <summary>Epochs without progress before stopping. Default 10.</summary>
    [HyperParameter]
    public int NIterNoChange { get; set; } = 10;

    /// <summary>Seed for initialisation and shuffling (null: fresh).</summary>
    [HyperParameter]
    public int? RandomState { get; set; }

    /// <summary>Weight matrices, <c>[fan_in, fan_out]</c> per layer.</summary>
    public IReadOnlyList<double[,]> Coefs { get; private set; } = [];

    /// <summary>Bias vectors per layer.</summary>
    public IReadOnlyList<double[]> Intercepts { get; private set; } = [];

    /// <summary>Mean training loss per epoch.</summary>
    public IReadOnlyList<double> LossCurve { get; private set; } = [];

    private double[][] _w = [];          // layer l: [fanIn x fanOut] row-major, so row i is input unit i's outgoing weights
    private double[][] _b = [];
    private int[] _sizes = [];

    /// <inheritdoc />
    protected override void FitCore(double[,] x, int[] y, int classCount)
    {
        ArgumentNullException.ThrowIfNull(HiddenLayerSizes);
        foreach (var h in HiddenLayerSizes)
        {
            Check.AtLeast(Name, nameof(HiddenLayerSizes), h, 1);
        }
        Check.NonNegative(Name, nameof(Alpha), Alpha);
        Check.AtLeast(Name, nameof(BatchSize), BatchSize, 1);
        Check.Positive(Name, nameof(LearningRateInit), LearningRateInit);
        Check.AtLeast(Name, nameof(MaxIter), MaxIter, 1);
        var rng = RandomState is int s ? new Random(s) : new Random();
        int n = x.GetLength(0), d = x.GetLength(1);
        int outputs = classCount == 2 ? 1 : classCount;
        int[] sizes = [d, .. HiddenLayerSizes, outputs];
        int layers = sizes.Length - 1;
        _sizes = sizes;
        _w = new double[layers][];
        _b = new double[layers][];
        for (int l = 0; l < layers; l++)
        {
            // Glorot uniform; scikit-learn uses gain 2 (instead of 6) for logistic units.
            double factor = Activation == Activation.Logistic ? 2 : 6;
            double bound = Math.Sqrt(factor / (sizes[l] + sizes[l + 1]));
            _w[l] = new double[sizes[l] * sizes[l + 1]];
            _b[l] = new double[sizes[l + 1]];
            for (int t = 0; t < _w[l].Length; t++)
            {
                _w[l][t] = (2 * rng.NextDouble() - 1) * bound;
            }
            for (int j = 0; j < sizes[l + 1]; j++)
            {
                _b[l][j] = (2 * rng.NextDouble() - 1) * bound;
            }
        }

        // Adam state.
        var mw = _w.Select(w => new double[w.Length]).ToArray();
        var vw = _w.Select(w => new double[w.Length]).ToArray();
        var mb = _b.Select(b => new double[b.Length]).ToArray();
        var vb = _b.Select(b => new double[b.Length]).ToArray();
        const double beta1 = 0.9, beta2 = 0.999;
        long step = 0;
        int batch = Math.Min(BatchSize, n);
        var order = Enumerable.Range(0, n).ToArray();
        var losses = new List<double>();
        double best = double.PositiveInfinity;
        int noChange = 0;
        var rows = LinAlg.Rows(x);
        for (int epoch = 0; epoch < MaxIter; epoch++)
        {
            rng.Shuffle(order);
            double epochLoss = 0;
            for (int start = 0; start < n; start += batch)
            {
                int m = Math.Min(batch, n - start);
                var idx = order.AsSpan(start, m).ToArray();
                var (loss, gw, gb) = LossAndGradients(rows, y, idx, outputs);
                epochLoss += loss * m;
                step++;
                double lr = LearningRateInit * Math.Sqrt(1 - Math.Pow(beta2, step)) / (1 - Math.Pow(beta1, step));
                for (int l = 0; l < layers; l++)
                {
                    AdamStep(_w[l], gw[l], mw[l], vw[l], lr);
                    AdamStep(_b[l], gb[l], mb[l], vb[l], lr);
                }
            }
            epochLoss /= n;
            losses.Add(epochLoss);
            // scikit-learn's stopping rule: no improvement by Tol over the best loss for NIterNoChange epochs.
            if (epochLoss > best - Tol)
            {
                noChange++;
            }
            else
            {
                noChange = 0;
            }
            best = Math.Min(best, epochLoss);
            if (noChange > NIterNoChange)
            {
                break;
            }
        }
        LossCurve = losses;
        Coefs = _w.Select((w, l) =>
        {
            var m = new double[_sizes[l], _sizes[l + 1]];
            Buffer.BlockCopy(w, 0, m, 0, w.Length * sizeof(double));
            return m;
        }).ToArray();
        Intercepts = _b;
    }

    /// <summary>Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − lr · m / (√v + ε) (lr already bias-corrected).</summary>
    private static void AdamStep(double[] theta, double[] g, double[] m, double[] v, double lr)
    {
        const double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        for (int t = 0; t < theta.Length; t++)
        {
            m[t] = beta1 * m[t] + (1 - beta1) * g[t];
            v[t] = beta2 * v[t] + (1 - beta2) * g[t] * g[t];
            theta[t] -= lr * m[t] / (Math.Sqrt(v[t]) + eps);
        }
    }

    /// <summary>Forward pass, loss and backpropagated gradients for the samples <paramref name="idx"/>.</summary>
    internal (double Loss, double[][] Gw, double[][] Gb) LossAndGradients(double[][] rows, int[] y, int[] idx, int outputs)
    {
        int layers = _w.Length, m = idx.Length;
        var acts = new double[layers + 1][][];   // acts[l][sample][unit]; acts[0] is the input
        acts[0] = idx.Select(i => rows[i]).ToArray();
        for (int l = 0; l < layers; l++)
        {
            acts[l + 1] = new double[m][];
            for (int s = 0; s < m; s++)
            {
                acts[l + 1][s] = Layer(acts[l][s], l, last: l == layers - 1);
            }
        }
        // Output error δ = p − y (softmax / logistic with cross-entropy), averaged over the batch.
        double loss = 0;
        var delta = new double[m][];
        for (int s = 0; s < m; s++)
        {
            var p = acts[layers][s];
            delta[s] = new double[outputs];
            if (outputs == 1)
            {
                double t = y[idx[s]];
                loss -= t * Math.Log(Math.Max(p[0], 1e-10)) + (1 - t) * Math.Log(Math.Max(1 - p[0], 1e-10));
                delta[s][0] = (p[0] - t) / m;
            }
            else
            {
                loss -= Math.Log(Math.Max(p[y[idx[s]]], 1e-10));
                for (int k = 0; k < outputs; k++)
                {
                    delta[s][k] = (p[k] - (k == y[idx[s]] ? 1 : 0)) / m;
                }
            }
        }
        loss /= m;
        double penalty = 0;
        foreach (var w in _w)
        {
            penalty += TensorPrimitives.Dot(w, w);
        }
        loss += 0.5 * Alpha * penalty / m;

        var gw = new double[layers][];
        var gb = new double[layers][];
        for (int l = layers - 1; l >= 0; l--)
        {
            int fanIn = _sizes[l], fanOut = _sizes[l + 1];
            var w = _w[l];
            gw[l] = new double[fanIn * fanOut];
            gb[l] = new double[fanOut];
            // ∂L/∂W = aᵀ δ + α/m W,  ∂L/∂b = Σ δ   (row i of ∂L/∂W gathers a_i · δ)
            for (int s = 0; s < m; s++)
            {
                var a = acts[l][s];
                var dl = delta[s];
                for (int i = 0; i < fanIn; i++)
                {
                    if (a[i] != 0)
                    {
                        var row = gw[l].AsSpan(i * fanOut, fanOut);
                        TensorPrimitives.MultiplyAdd(dl, a[i], row, row);
                    }
                }
                TensorPrimitives.Add(gb[l], dl, gb[l]);
            }
            TensorPrimitives.MultiplyAdd(w, Alpha / m, gw[l], gw[l]);
            if (l == 0)
            {
                break;
            }
            // δ_{l−1} = (δ_l Wᵀ) ∘ f'(a_{l−1}), with f' written in terms of the activation's output.
            var previous = new double[m][];
            for (int s = 0; s < m; s++)
            {
                var a = acts[l][s];
                previous[s] = new double[fanIn];
                for (int i = 0; i < fanIn; i++)
                {
                    previous[s][i] = TensorPrimitives.Dot(delta[s], w.AsSpan(i * fanOut, fanOut)) * Derivative(a[i]);
                }
            }
            delta = previous;
        }
        return (loss, gw, gb);
    }

    private double Derivative(double a) => Activation switch
    {
        Activation.Relu => a > 0 ? 1 : 0,
        Activation.Logistic => a * (1 - a),
        _ => 1 - a * a,
    };

    private double[] Layer(double[] input, int l, bool last)
    {
        var w = _w[l];
        int fanOut = _sizes[l + 1];
        var z = (double[])_b[l].Clone();
        for (int i = 0; i < input.Length; i++)
        {
            if (input[i] != 0)
            {
                // z += x_i · W[i, :]
                TensorPrimitives.MultiplyAdd(w.AsSpan(i * fanOut, fanOut), input[i], z, z);
            }
        }
        if (!last)
        {
            for (int j = 0; j < fanOut; j++)
            {
                z[j] = Activation switch
                {
                    Activation.Relu => Math.Max(0, z[j]),
                    Activation.Logistic => LinAlg.Sigmoid(z[j]),
                    _ => Math.Tanh(z[j]),
                };
            }
            return z;
        }
        if (fanOut == 1)
        {
            z[0] = LinAlg.Sigmoid(z[0]);
            return z;
        }
        double max = z.Max(), sum = 0;
        for (int j = 0; j < fanOut; j++)
        {
            z[j] = Math.Exp(z[j] - max);
            sum += z[j];
        }
        for (int j = 0; j < fanOut; j++)
        {
            z[j] /= sum;
        }
        return z;
    }

    /// <inheritdoc />
    protected override double[,] ProbaCore(double[,] x)
    {
        var rows = LinAlg.Rows(x);
        int k = Classes.Length;
        var p = new double[rows.Length, k];
        for (int s = 0; s < rows.Length; s++)
        {
            var a = rows[s];
            for (int l = 0; l < _w.Length; l++)
            {
                a = Layer(a, l, last: l == _w.Length - 1);
            }
            if (k == 2)
            {
                p[s, 1] = a[0];
                p[s, 0] = 1 - a[0];
            }
            else
            {
                for (int c = 0; c < k; c++)
                {
                    p[s, c] = a[c];
                }
            }
        }
        return p;
    }
}
