namespace DlPath.Tensors.Tests.MathOps;

/// <summary>Every math op's error on a wrong dtype, dim or shape names the op and what was wrong.</summary>
public class MathErrorTests
{
    private static readonly Tensor F = Tensor.Ones(2, 3);
    private static readonly Tensor I = Tensor.Arange(6).Reshape(2, 3);
    private static readonly Tensor B = Tensor.Ones([2, 3], DType.Bool);

    public static TheoryData<string> Names => new(Cases.Keys);

    // name -> (action, expected exception type, fragments the message must contain)
    private static readonly Dictionary<string, (Action Act, Type Error, string[] Fragments)> Cases = new()
    {
        ["abs_bool"] = (() => B.Abs(), typeof(InvalidOperationException), ["abs", "bool"]),
        ["relu_bool"] = (() => B.Relu(), typeof(InvalidOperationException), ["relu", "bool"]),
        ["leaky_relu_int64"] = (() => I.LeakyRelu(), typeof(InvalidOperationException), ["leaky_relu", "int64", "(2,3)", "Float()"]),
        ["gelu_int64"] = (() => I.Gelu(), typeof(InvalidOperationException), ["gelu", "int64", "Long"]),
        ["gelu_approximate"] = (() => F.Gelu("fast"), typeof(ArgumentException), ["gelu", "\"none\" or \"tanh\"", "fast"]),
        ["silu_int64"] = (() => I.Silu(), typeof(InvalidOperationException), ["silu", "int64"]),
        ["softplus_int64"] = (() => I.Softplus(), typeof(InvalidOperationException), ["softplus", "int64"]),
        ["clamp_bool"] = (() => B.Clamp(0, 1), typeof(InvalidOperationException), ["clamp", "bool"]),
        ["clamp_no_bounds"] = (() => F.Clamp(), typeof(ArgumentException), ["clamp", "min", "max"]),
        ["pow_int_negative"] = (() => I.Pow(-1), typeof(InvalidOperationException), ["pow", "negative", "int64"]),
        ["pow_tensor_shapes"] = (() => F.Pow(Tensor.Ones(4)), typeof(ShapeException), ["pow", "(2,3)", "(4)"]),
        ["where_condition_dtype"] = (() => Tensor.Where(F, F, F), typeof(InvalidOperationException), ["where", "bool", "float32"]),
        ["where_shapes"] = (() => Tensor.Where(B, F, Tensor.Ones(4)), typeof(ShapeException), ["where", "(2,3)", "(4)"]),
        ["maximum_shapes"] = (() => F.Maximum(Tensor.Ones(4)), typeof(ShapeException), ["maximum", "(2,3)", "(4)"]),
        ["minimum_shapes"] = (() => F.Minimum(Tensor.Ones(3, 2)), typeof(ShapeException), ["minimum", "(2,3)", "(3,2)"]),
        ["lt_shapes"] = (() => _ = F < Tensor.Ones(4), typeof(ShapeException), ["lt", "(2,3)", "(4)"]),
        ["eq_shapes"] = (() => F.Eq(Tensor.Ones(4)), typeof(ShapeException), ["eq", "(2,3)", "(4)"]),
        ["and_operator_float"] = (() => _ = F & B, typeof(InvalidOperationException), ["operator &", "float32", "LogicalAnd"]),
        ["not_operator_int"] = (() => _ = !I, typeof(InvalidOperationException), ["operator !", "int64"]),
        ["logical_and_shapes"] = (() => B.LogicalAnd(Tensor.Ones([4], DType.Bool)), typeof(ShapeException), ["logical_and", "(2,3)", "(4)"]),
        ["max_dim_range"] = (() => F.Max(2), typeof(ShapeException), ["max", "dim 2", "rank 2"]),
        ["max_empty"] = (() => Tensor.Zeros(0, 3).Max(), typeof(ShapeException), ["max", "(0,3)"]),
        ["max_dim_size_zero"] = (() => Tensor.Zeros(0, 3).Max(0), typeof(ShapeException), ["max", "size 0"]),
        ["amax_duplicate_dims"] = (() => F.Amax([1, -1]), typeof(ShapeException), ["amax", "more than once"]),
        ["argmax_dim_range"] = (() => F.ArgMax(-3), typeof(ShapeException), ["argmax", "dim -3"]),
        ["argmin_empty"] = (() => Tensor.Zeros(0).ArgMin(), typeof(ShapeException), ["argmin", "size 0"]),
        ["var_int64"] = (() => I.Var(), typeof(InvalidOperationException), ["var", "int64", "floating"]),
        ["std_dim_range"] = (() => F.Std(5), typeof(ShapeException), ["std", "dim 5"]),
        ["prod_dim_range"] = (() => F.Prod(2), typeof(ShapeException), ["prod", "dim 2"]),
        ["norm_int64"] = (() => I.Norm(), typeof(InvalidOperationException), ["norm", "int64"]),
        ["norm_dim_range"] = (() => F.Norm(2, 3), typeof(ShapeException), ["norm", "dim 3"]),
        ["logsumexp_dim_range"] = (() => F.LogSumExp(2), typeof(ShapeException), ["logsumexp", "dim 2"]),
        ["cumsum_dim_range"] = (() => F.CumSum(-3), typeof(ShapeException), ["cumsum", "dim -3"]),
        ["cumsum_bool_dtype"] = (() => F.CumSum(0, DType.Bool), typeof(InvalidOperationException), ["cumsum", "bool"]),
        ["softmax_int64"] = (() => I.Softmax(-1), typeof(InvalidOperationException), ["softmax", "int64", "Long"]),
        ["softmax_dim_range"] = (() => F.Softmax(2), typeof(ShapeException), ["softmax", "dim 2", "rank 2"]),
        ["log_softmax_dim_range"] = (() => F.LogSoftmax(-3), typeof(ShapeException), ["log_softmax", "dim -3"]),
        ["log_softmax_bool"] = (() => B.LogSoftmax(0), typeof(InvalidOperationException), ["log_softmax", "bool"]),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void ErrorNamesTheOpAndTheProblem(string name)
    {
        var (act, error, fragments) = Cases[name];
        var e = Assert.ThrowsAny<Exception>(act);
        Assert.IsType(error, e);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        }
    }
}
