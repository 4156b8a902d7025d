using DlPath.Tensors.Kernels;

namespace DlPath.Tensors.Tests.Kernels;

/// <summary>
/// Binary elementwise ops over tensors long enough to be split between threads (contiguous ranges), out of place
/// and in place, tensor-tensor and tensor-scalar, against the plain scalar loop; short ones stay on one thread.
/// </summary>
public sealed class ElementwiseSplitTests
{
    private const int Long = (2 * MemoryBoundSplit.MinElementsPerThread) + 17;

    public static TheoryData<int, DType> Sizes => new()
    {
        { 1, DType.Float32 },
        { 3, DType.Float32 },
        { 17, DType.Float32 },
        { 63, DType.Float64 },
        { 129, DType.Float32 },
        { Long, DType.Float32 },
        { Long, DType.Float64 },
        { (5 * MemoryBoundSplit.MinElementsPerThread) + 3, DType.Float32 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Tensor_tensor_ops_match_the_scalar_loop(int n, DType dtype)
    {
        var (a, av) = Values(n, dtype, 1);
        var (b, bv) = Values(n, dtype, 2);
        Same(av.Zip(bv, (x, y) => x + y), a + b, dtype, "add");
        Same(av.Zip(bv, (x, y) => x - y), a - b, dtype, "sub");
        Same(av.Zip(bv, (x, y) => x * y), a * b, dtype, "mul");
        Same(av.Zip(bv, (x, y) => x / y), a / b, dtype, "div");
        Same(av.Zip(bv, (x, y) => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : Math.Max(x, y)), a.Maximum(b), dtype, "maximum");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Tensor_scalar_ops_match_the_scalar_loop(int n, DType dtype)
    {
        var (a, av) = Values(n, dtype, 3);
        var s = Tensor.Scalar(0.75, dtype);
        Same(av.Select(x => x * 0.75), a * s, dtype, "tensor * scalar");
        Same(av.Select(x => 0.75 - x), s - a, dtype, "scalar - tensor");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void In_place_ops_match_the_scalar_loop(int n, DType dtype)
    {
        var (a, av) = Values(n, dtype, 4);
        var (b, bv) = Values(n, dtype, 5);
        var c = a.Clone();
        c.AddInPlace(b);
        Same(av.Zip(bv, (x, y) => x + y), c, dtype, "add_");
        c.MulInPlace(b);
        Same(av.Zip(bv, (x, y) => Round(Round(x + y, dtype) * y, dtype)), c, dtype, "mul_");
        c.SubInPlace(Tensor.Scalar(2.0, dtype));
        Same(av.Zip(bv, (x, y) => Round(Round(x + y, dtype) * y, dtype) - 2), c, dtype, "sub_ scalar");
    }

    [Fact]
    public void Views_with_an_offset_split_at_the_right_places()
    {
        // Rows 1.. of a (3, Long) tensor: contiguous, but starting Long elements into the array.
        var (all, v) = Values(3 * Long, DType.Float32, 6);
        var (other, w) = Values(2 * Long, DType.Float32, 7);
        var view = all.Reshape(3, Long).Narrow(0, 1, 2);
        Assert.True(view.IsContiguous);
        Same(v.Skip(Long).Zip(w, (x, y) => x + y), view + other.Reshape(2, Long), DType.Float32, "offset view + tensor");
        view.AddInPlace(other.Reshape(2, Long));
        Same(v.Take(Long).Concat(v.Skip(Long).Zip(w, (x, y) => x + y)), all, DType.Float32, "add_ into an offset view");
    }

    // Values on a grid with zeros of both signs and a NaN every 101 elements (double-valued copies for the loop).
    private static (Tensor Tensor, double[] Values) Values(int n, DType dtype, int seed)
    {
        var rng = new Random(seed);
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = (i % 101) switch
            {
                100 => double.NaN,
                7 => -0.0,
                _ => Math.Round((rng.NextDouble() * 8) - 4, 2) + 0.5,
            };
        }

        var t = Tensor.FromArray(v, n).To(dtype);

        // The loop computes from the values the tensor really holds (float32 rounds them).
        return (t, t.To(DType.Float64).ToArray<double>());
    }

    // Each float32 op rounds its result to float; the loop runs in double and rounds after every step.
    private static double Round(double v, DType dtype) => dtype == DType.Float32 ? (float)v : v;

    private static void Same(IEnumerable<double> expected, Tensor actual, DType dtype, string what)
    {
        var e = expected.ToArray();
        var a = actual.Contiguous().To(DType.Float64).ToArray<double>();
        Assert.Equal(e.Length, a.Length);
        for (int i = 0; i < e.Length; i++)
        {
            // The loop runs in double; round its result to the tensor's type before comparing.
            double want = Round(e[i], dtype);
            bool same = double.IsNaN(want) ? double.IsNaN(a[i]) : BitConverter.DoubleToInt64Bits(want) == BitConverter.DoubleToInt64Bits(a[i]);
            if (!same) Assert.Fail($"{what}: element {i} of {e.Length} is {a[i]}, expected {want}");
        }
    }
}
