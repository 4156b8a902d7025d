using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Course.Exercises.MlCourse;

/// <summary>
/// ex4's two-layer network: the regularised cross-entropy cost with backpropagation (<c>nnCostFunction</c>),
/// the parameter unrolling <c>[Theta1(:); Theta2(:)]</c> (column-major, as MATLAB), <c>sigmoidGradient</c>,
/// <c>randInitializeWeights</c>, <c>debugInitializeWeights</c> and the numerical gradient check.
/// </summary>
public static class NeuralNetworkCost
{
    /// <summary>g'(z) = g(z)(1 − g(z)).</summary>
    public static double SigmoidGradient(double z)
    {
        double g = Mx.Sigmoid(z);
        return g * (1 - g);
    }

    /// <summary><c>[Theta1(:); Theta2(:)]</c>: each matrix flattened column by column, as MATLAB does.</summary>
    public static Vector<double> Unroll(Matrix<double> theta1, Matrix<double> theta2) =>
        Mx.V.DenseOfArray([.. theta1.ToColumnMajorArray(), .. theta2.ToColumnMajorArray()]);

    /// <summary>The inverse of <see cref="Unroll"/>: Theta1 is hidden × (input+1), Theta2 labels × (hidden+1).</summary>
    public static (Matrix<double> Theta1, Matrix<double> Theta2) Reroll(Vector<double> parameters, int inputSize, int hiddenSize, int labels)
    {
        int n1 = hiddenSize * (inputSize + 1), n2 = labels * (hiddenSize + 1);
        if (parameters.Count != n1 + n2)
        {
            throw new ArgumentException(
                $"network parameters: {parameters.Count} values, but a {inputSize}-{hiddenSize}-{labels} network has {n1} + {n2} = {n1 + n2}");
        }
        var arr = parameters.ToArray();
        var t1 = Mx.M.DenseOfColumnMajor(hiddenSize, inputSize + 1, arr.AsSpan(0, n1).ToArray());
        var t2 = Mx.M.DenseOfColumnMajor(labels, hiddenSize + 1, arr.AsSpan(n1, n2).ToArray());
        return (t1, t2);
    }

    /// <summary>
    /// Cost and unrolled gradient of the network on (X, classes) with regularisation λ (bias columns not regularised).
    /// </summary>
    /// <param name="parameters">Unrolled Theta1, Theta2.</param>
    /// <param name="inputSize">Input units (without bias).</param>
    /// <param name="hiddenSize">Hidden units (without bias).</param>
    /// <param name="labels">Output units.</param>
    /// <param name="x">Examples as rows (m × inputSize).</param>
    /// <param name="classes">0-based class per example.</param>
    /// <param name="lambda">Regularisation strength.</param>
    public static (double Cost, Vector<double> Gradient) Compute(Vector<double> parameters, int inputSize, int hiddenSize, int labels,
        Matrix<double> x, int[] classes, double lambda)
    {
        if (x.ColumnCount != inputSize || x.RowCount != classes.Length)
        {
            throw new ArgumentException($"network cost: X is {x.RowCount}x{x.ColumnCount} with {classes.Length} labels; the network takes {inputSize} inputs");
        }
        var (theta1, theta2) = Reroll(parameters, inputSize, hiddenSize, labels);
        int m = x.RowCount;
        // Forward: a1 (m × in+1), z2 (m × hidden), a2 (m × hidden+1), h (m × labels).
        var a1 = Mx.AddOnes(x);
        var z2 = a1 * theta1.Transpose();
        var a2 = Mx.AddOnes(Mx.Sigmoid(z2));
        var h = Mx.Sigmoid(a2 * theta2.Transpose());
        var y = Mx.M.Dense(m, labels, (i, k) => classes[i] == k ? 1.0 : 0.0);
        double cost = 0;
        for (int i = 0; i < m; i++)
        {
            for (int k = 0; k < labels; k++)
            {
                cost -= y[i, k] * Math.Log(h[i, k]) + (1 - y[i, k]) * Math.Log(1 - h[i, k]);
            }
        }
        cost /= m;
        var t1NoBias = theta1.RemoveColumn(0);
        var t2NoBias = theta2.RemoveColumn(0);
        cost += lambda / (2.0 * m) * (t1NoBias.PointwisePower(2).Enumerate().Sum() + t2NoBias.PointwisePower(2).Enumerate().Sum());

        // Backward: δ3 = h − y; δ2 = δ3·Theta2(:, 2:end) .* g'(z2).
        var d3 = h - y;
        var d2 = (d3 * t2NoBias).PointwiseMultiply(z2.Map(SigmoidGradient));
        var grad1 = d2.TransposeThisAndMultiply(a1) / m;
        var grad2 = d3.TransposeThisAndMultiply(a2) / m;
        grad1 += lambda / m * t1NoBias.InsertColumn(0, Mx.V.Dense(theta1.RowCount));
        grad2 += lambda / m * t2NoBias.InsertColumn(0, Mx.V.Dense(theta2.RowCount));
        return (cost, Unroll(grad1, grad2));
    }

    /// <summary>Uniform weights in [−ε, ε] with ε = 0.12 (<c>randInitializeWeights</c>) to break symmetry.</summary>
    public static Matrix<double> RandomInitialize(int fanIn, int fanOut, Random rng, double epsilon = 0.12) =>
        Mx.Draws(fanOut, fanIn + 1, () => rng.NextDouble() * 2 * epsilon - epsilon);

    /// <summary>Deterministic weights sin(1..n)/10 filled column by column (<c>debugInitializeWeights</c>).</summary>
    public static Matrix<double> DebugInitialize(int fanOut, int fanIn)
    {
        var values = Enumerable.Range(1, fanOut * (fanIn + 1)).Select(k => Math.Sin(k) / 10).ToArray();
        return Mx.M.DenseOfColumnMajor(fanOut, fanIn + 1, values);
    }

    /// <summary>Centred finite differences with step e = 1e-4 (<c>computeNumericalGradient</c>).</summary>
    public static Vector<double> NumericalGradient(Func<Vector<double>, double> cost, Vector<double> theta, double e = 1e-4)
    {
        var grad = Mx.V.Dense(theta.Count);
        var p = theta.Clone();
        for (int i = 0; i < theta.Count; i++)
        {
            p[i] = theta[i] - e;
            double lo = cost(p);
            p[i] = theta[i] + e;
            double hi = cost(p);
            p[i] = theta[i];
            grad[i] = (hi - lo) / (2 * e);
        }
        return grad;
    }

    /// <summary>
    /// <c>checkNNGradients</c>: a 3-5-3 network on 5 debug examples; returns ‖num − bp‖ / ‖num + bp‖ (below 1e-9 when
    /// backpropagation is right).
    /// </summary>
    public static double CheckGradients(double lambda)
    {
        const int input = 3, hidden = 5, labels = 3, m = 5;
        var theta1 = DebugInitialize(hidden, input);
        var theta2 = DebugInitialize(labels, hidden);
        var x = DebugInitialize(m, input - 1);
        var classes = Enumerable.Range(1, m).Select(i => i % labels).ToArray(); // y = 1 + mod(1:m, 3), 0-based
        var p = Unroll(theta1, theta2);
        var (_, grad) = Compute(p, input, hidden, labels, x, classes, lambda);
        var numeric = NumericalGradient(q => Compute(q, input, hidden, labels, x, classes, lambda).Cost, p);
        return (numeric - grad).L2Norm() / (numeric + grad).L2Norm();
    }
}
