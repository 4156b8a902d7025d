namespace Labs.Micrograd;

/// <summary>
/// A scalar that remembers how it was computed, so <see cref="Backward"/> can apply the chain rule
/// (Karpathy's micrograd in C#). Read README.md: §1 the operations, §2 Backward.
/// </summary>
public sealed class Value
{
    private readonly Value[] _children;

    // Adds this node's contribution to its children's gradients (the local chain rule). Set by each operation.
    private Action _backward = () => { };

    /// <summary>A leaf value (an input or a parameter).</summary>
    public Value(double data, string label = "")
        : this(data, [], label)
    {
    }

    private Value(double data, Value[] children, string label)
    {
        Data = data;
        _children = children;
        Label = label;
    }

    /// <summary>The number.</summary>
    public double Data { get; set; }

    /// <summary>d(output of Backward) / d(this), filled in by <see cref="Backward"/>.</summary>
    public double Grad { get; set; }

    /// <summary>A name for printing.</summary>
    public string Label { get; }

    /// <summary>The values this one was computed from.</summary>
    public IReadOnlyList<Value> Children => _children;

    /// <summary>Given as the example: out = a + b, so d out/d a = 1 and d out/d b = 1.</summary>
    public static Value operator +(Value a, Value b)
    {
        var result = new Value(a.Data + b.Data, [a, b], "+");
        result._backward = () =>
        {
            // += not =: a value used twice (a + a) receives both contributions.
            a.Grad += result.Grad;
            b.Grad += result.Grad;
        };
        return result;
    }

    /// <summary>§1: out = a * b.</summary>
    public static Value operator *(Value a, Value b)
    {
        throw new NotImplementedException("README §1 Operations: operator *");
    }

    /// <summary>§1: out = this^exponent (exponent is a plain number).</summary>
    public Value Pow(double exponent)
    {
        throw new NotImplementedException("README §1 Operations: Pow");
    }

    /// <summary>§1: out = tanh(this).</summary>
    public Value Tanh()
    {
        throw new NotImplementedException("README §1 Operations: Tanh");
    }

    /// <summary>§1: out = max(0, this).</summary>
    public Value Relu()
    {
        throw new NotImplementedException("README §1 Operations: Relu");
    }

    /// <summary>
    /// §2: sets Grad of every value this one depends on to d this / d value: order the graph topologically,
    /// set this.Grad = 1, run each node's backward step from the output down to the leaves.
    /// </summary>
    public void Backward()
    {
        throw new NotImplementedException("README §2 Backward");
    }

    // Conveniences built from the operations above (nothing to write here).
    public static Value operator +(Value a, double b) => a + new Value(b);
    public static Value operator +(double a, Value b) => new Value(a) + b;
    public static Value operator *(Value a, double b) => a * new Value(b);
    public static Value operator *(double a, Value b) => new Value(a) * b;
    public static Value operator -(Value a) => a * -1.0;
    public static Value operator -(Value a, Value b) => a + (-b);
    public static Value operator -(Value a, double b) => a + (-b);
    public static Value operator /(Value a, Value b) => a * b.Pow(-1);
    public static Value operator /(Value a, double b) => a * (1.0 / b);
    public static Value operator /(double a, Value b) => new Value(a) * b.Pow(-1);

    /// <inheritdoc />
    public override string ToString() => $"Value(data={Data:G6}, grad={Grad:G6})";
}
