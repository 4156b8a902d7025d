namespace Labs.Micrograd;

/// <summary>Given: a neuron tanh(w·x + b) with deterministic initial weights (no RNG, so results are reproducible).</summary>
public sealed class Neuron
{
    /// <summary>Creates a neuron with <paramref name="inputs"/> weights; <paramref name="seed"/> varies the initial weights.</summary>
    public Neuron(int inputs, int seed, bool linear = false)
    {
        Weights = Enumerable.Range(0, inputs).Select(i => new Value(Math.Sin((seed * 7.3) + (i * 1.9)) * 0.8)).ToArray();
        Bias = new Value(Math.Cos(seed * 3.1) * 0.1);
        Linear = linear;
    }

    /// <summary>The weights.</summary>
    public Value[] Weights { get; }

    /// <summary>The bias.</summary>
    public Value Bias { get; }

    /// <summary>Linear output (no tanh) for the last layer.</summary>
    public bool Linear { get; }

    /// <summary>tanh(w·x + b), or w·x + b when linear.</summary>
    public Value Forward(Value[] x)
    {
        var sum = Bias;
        for (int i = 0; i < Weights.Length; i++) sum += Weights[i] * x[i];
        return Linear ? sum : sum.Tanh();
    }
}

/// <summary>Given: a multi-layer perceptron of <see cref="Neuron"/>s.</summary>
public sealed class Mlp
{
    private readonly Neuron[][] _layers;

    /// <summary>An MLP with <paramref name="inputs"/> inputs and layer sizes <paramref name="sizes"/>; the last layer is linear.</summary>
    public Mlp(int inputs, int[] sizes)
    {
        _layers = new Neuron[sizes.Length][];
        int seed = 1;
        for (int l = 0; l < sizes.Length; l++)
        {
            int fanIn = l == 0 ? inputs : sizes[l - 1];
            _layers[l] = Enumerable.Range(0, sizes[l]).Select(_ => new Neuron(fanIn, seed++, linear: l == sizes.Length - 1)).ToArray();
        }
    }

    /// <summary>Every weight and bias.</summary>
    public IReadOnlyList<Value> Parameters() =>
        _layers.SelectMany(layer => layer.SelectMany(n => n.Weights.Append(n.Bias))).ToList();

    /// <summary>The outputs for one example.</summary>
    public Value[] Forward(double[] x)
    {
        var h = x.Select(v => new Value(v)).ToArray();
        foreach (var layer in _layers) h = layer.Select(n => n.Forward(h)).ToArray();
        return h;
    }
}
