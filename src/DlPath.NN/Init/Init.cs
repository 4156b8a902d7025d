using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// Weight initialisation schemes (<c>torch.nn.init</c>, https://pytorch.org/docs/stable/nn.init.html), with
/// torch's fan computations and draw order, so a seeded generator gives PyTorch's numbers. Every function fills
/// its tensor in place without recording a graph and returns it.
/// </summary>
public static class Init
{
    /// <summary>
    /// (fan_in, fan_out) of a weight as torch computes them: for a (out, in, k...) tensor fan_in = in·prod(k) and
    /// fan_out = out·prod(k) (a ConvTranspose weight (in, out, k...) is read the same way, as torch does).
    /// </summary>
    public static (int FanIn, int FanOut) CalculateFanInAndFanOut(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Rank < 2)
        {
            throw new ShapeException($"init: fan in and fan out can not be computed for a tensor with fewer than 2 dimensions, got {tensor.ShapeString}");
        }

        int receptive = 1;
        for (int i = 2; i < tensor.Rank; i++) receptive *= tensor.Shape[i];
        return (tensor.Shape[1] * receptive, tensor.Shape[0] * receptive);
    }

    /// <summary>
    /// The recommended gain for a nonlinearity (<c>calculate_gain</c>): linear, conv*, sigmoid 1; tanh 5/3; relu √2;
    /// leaky_relu √(2/(1+slope²)) with slope <paramref name="param"/> (default 0.01); selu 3/4.
    /// </summary>
    public static double CalculateGain(string nonlinearity, double? param = null) => nonlinearity switch
    {
        "linear" or "conv1d" or "conv2d" or "conv3d" or "conv_transpose1d" or "conv_transpose2d" or "conv_transpose3d" or "sigmoid" => 1,
        "tanh" => 5.0 / 3,
        "relu" => Math.Sqrt(2.0),
        "leaky_relu" => Math.Sqrt(2.0 / (1 + Math.Pow(param ?? 0.01, 2))),
        "selu" => 3.0 / 4,
        _ => throw new ArgumentException($"calculate_gain: unsupported nonlinearity '{nonlinearity}' (linear, sigmoid, tanh, relu, leaky_relu, selu, conv*)", nameof(nonlinearity)),
    };

    /// <summary>Fills with U(low, high) (<c>uniform_</c>).</summary>
    public static Tensor Uniform(Tensor tensor, double low = 0, double high = 1, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using (Tensor.NoGrad()) return tensor.Uniform(low, high, generator);
    }

    /// <summary>Fills with N(mean, std²) (<c>normal_</c>).</summary>
    public static Tensor Normal(Tensor tensor, double mean = 0, double std = 1, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using (Tensor.NoGrad()) return tensor.Normal(mean, std, generator);
    }

    /// <summary>Fills with a constant (<c>constant_</c>).</summary>
    public static Tensor Constant(Tensor tensor, double value)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using (Tensor.NoGrad()) return tensor.Fill(value);
    }

    /// <summary>Fills with zeros (<c>zeros_</c>).</summary>
    public static Tensor Zeros(Tensor tensor) => Constant(tensor, 0);

    /// <summary>Fills with ones (<c>ones_</c>).</summary>
    public static Tensor Ones(Tensor tensor) => Constant(tensor, 1);

    /// <summary>
    /// He / Kaiming uniform (<c>kaiming_uniform_</c>): U(-b, b) with b = gain·√(3/fan), gain from
    /// <paramref name="nonlinearity"/> and slope <paramref name="a"/>; fan is fan_in or fan_out by
    /// <paramref name="mode"/>. torch's Linear and Conv layers use a = √5.
    /// </summary>
    public static Tensor KaimingUniform(Tensor tensor, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu", Generator? generator = null)
    {
        double std = CalculateGain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode));
        double bound = Math.Sqrt(3.0) * std;
        return Uniform(tensor, -bound, bound, generator);
    }

    /// <summary>He / Kaiming normal (<c>kaiming_normal_</c>): N(0, std²) with std = gain/√fan.</summary>
    public static Tensor KaimingNormal(Tensor tensor, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu", Generator? generator = null)
    {
        double std = CalculateGain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode));
        return Normal(tensor, 0, std, generator);
    }

    /// <summary>Glorot / Xavier uniform (<c>xavier_uniform_</c>): U(-b, b) with b = gain·√(6/(fan_in+fan_out)).</summary>
    public static Tensor XavierUniform(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        double std = gain * Math.Sqrt(2.0 / (fanIn + fanOut));
        double a = Math.Sqrt(3.0) * std;
        return Uniform(tensor, -a, a, generator);
    }

    /// <summary>Glorot / Xavier normal (<c>xavier_normal_</c>): N(0, std²) with std = gain·√(2/(fan_in+fan_out)).</summary>
    public static Tensor XavierNormal(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        double std = gain * Math.Sqrt(2.0 / (fanIn + fanOut));
        return Normal(tensor, 0, std, generator);
    }

    /// <summary>
    /// A (semi-)orthogonal matrix times <paramref name="gain"/> (<c>orthogonal_</c>, Saxe et al. 2013): draws a
    /// (rows, numel/rows) standard normal matrix as torch does, takes the Q of its QR decomposition with the signs
    /// fixed so R has a positive diagonal, and reshapes it to the tensor.
    /// </summary>
    public static Tensor Orthogonal(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Rank < 2) throw new ShapeException($"orthogonal: only tensors with 2 or more dimensions are supported, got {tensor.ShapeString}");
        if (tensor.Numel == 0) return tensor;
        int rows = tensor.Shape[0], cols = tensor.Numel / rows;
        var a = Tensor.Randn([rows, cols], tensor.DType, generator).ToArray<double>();

        // Work on the tall orientation: a (m x n) with m >= n, columns orthonormalised by modified Gram-Schmidt,
        // which yields the Q whose R has a positive diagonal (torch's sign fix gives the same Q).
        bool transpose = rows < cols;
        int m = transpose ? cols : rows, n = transpose ? rows : cols;
        var q = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++) q[(i * n) + j] = transpose ? a[(j * cols) + i] : a[(i * cols) + j];
        }

        for (int j = 0; j < n; j++)
        {
            for (int k = 0; k < j; k++)
            {
                double dot = 0;
                for (int i = 0; i < m; i++) dot += q[(i * n) + k] * q[(i * n) + j];
                for (int i = 0; i < m; i++) q[(i * n) + j] -= dot * q[(i * n) + k];
            }

            double norm = 0;
            for (int i = 0; i < m; i++) norm += q[(i * n) + j] * q[(i * n) + j];
            norm = Math.Sqrt(norm);
            for (int i = 0; i < m; i++) q[(i * n) + j] /= norm;
        }

        var result = new double[rows * cols];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double v = q[(i * n) + j] * gain;
                if (transpose) result[(j * cols) + i] = v;
                else result[(i * cols) + j] = v;
            }
        }

        using (Tensor.NoGrad()) tensor.CopyFrom(Tensor.FromArray(result, tensor.ShapeArray()));
        return tensor;
    }

    private static int Fan(Tensor tensor, string mode)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        return mode switch
        {
            "fan_in" => fanIn,
            "fan_out" => fanOut,
            _ => throw new ArgumentException($"init: mode '{mode}' is not supported, use fan_in or fan_out", nameof(mode)),
        };
    }
}
