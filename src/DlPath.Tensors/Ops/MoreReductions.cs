using System.Numerics;
using DlPath.Tensors.Kernels;

namespace DlPath.Tensors;

// Reductions beyond sum/mean: max/min (values, indices), argmax/argmin, var/std, prod, norm, logsumexp, cumsum.
// Each reduces "rows" laid out by Reduction.AsRows; backward maps gradients back with ReduceKernels.FromRows.
public sealed partial class Tensor
{
    /// <summary>
    /// Largest element, as a 0-d tensor (<a href="https://pytorch.org/docs/stable/generated/torch.max.html">torch.max(x)</a>);
    /// NaN if any element is NaN. The gradient is shared evenly among tied maxima, as in torch.
    /// </summary>
    public Tensor Max() => Extreme(null, false, max: true, "max");

    /// <summary>Smallest element, as a 0-d tensor (<c>torch.min(x)</c>); gradient shared evenly among ties.</summary>
    public Tensor Min() => Extreme(null, false, max: false, "min");

    /// <summary>
    /// Largest values over the given dims (<a href="https://pytorch.org/docs/stable/generated/torch.amax.html">torch.amax</a>);
    /// null or empty means all dims. The gradient is shared evenly among ties.
    /// </summary>
    public Tensor Amax(int[]? dims, bool keepDim = false) => Extreme(dims, keepDim, max: true, "amax");

    /// <summary>Largest values along one dim, without indices (<c>torch.amax(x, dim)</c>).</summary>
    public Tensor Amax(int dim, bool keepDim = false) => Extreme([dim], keepDim, max: true, "amax");

    /// <summary>Smallest values over the given dims (<a href="https://pytorch.org/docs/stable/generated/torch.amin.html">torch.amin</a>).</summary>
    public Tensor Amin(int[]? dims, bool keepDim = false) => Extreme(dims, keepDim, max: false, "amin");

    /// <summary>Smallest values along one dim, without indices (<c>torch.amin(x, dim)</c>).</summary>
    public Tensor Amin(int dim, bool keepDim = false) => Extreme([dim], keepDim, max: false, "amin");

    /// <summary>
    /// Largest value along a dim and its index (<c>values, indices = torch.max(x, dim)</c>); the index is that of
    /// the first maximum (NaN counts as largest). The gradient goes to the element at the index.
    /// </summary>
    public (Tensor Values, Tensor Indices) Max(int dim, bool keepDim = false) => ExtremeWithIndex(dim, keepDim, max: true, "max");

    /// <summary>Smallest value along a dim and its index (<c>torch.min(x, dim)</c>).</summary>
    public (Tensor Values, Tensor Indices) Min(int dim, bool keepDim = false) => ExtremeWithIndex(dim, keepDim, max: false, "min");

    /// <summary>Index of the first largest element of the flattened tensor, as a 0-d int64 tensor (<a href="https://pytorch.org/docs/stable/generated/torch.argmax.html">torch.argmax</a>).</summary>
    public Tensor ArgMax() => Flatten().ExtremeWithIndex(0, false, max: true, "argmax").Indices;

    /// <summary>Index of the first largest element along a dim (int64).</summary>
    public Tensor ArgMax(int dim, bool keepDim = false) => ExtremeWithIndex(dim, keepDim, max: true, "argmax").Indices;

    /// <summary>Index of the first smallest element of the flattened tensor (<a href="https://pytorch.org/docs/stable/generated/torch.argmin.html">torch.argmin</a>).</summary>
    public Tensor ArgMin() => Flatten().ExtremeWithIndex(0, false, max: false, "argmin").Indices;

    /// <summary>Index of the first smallest element along a dim (int64).</summary>
    public Tensor ArgMin(int dim, bool keepDim = false) => ExtremeWithIndex(dim, keepDim, max: false, "argmin").Indices;

    private Tensor Extreme(int[]? dims, bool keepDim, bool max, string op)
    {
        int[] d = Reduction.NormalizeDims(dims, Rank, op);
        CheckNonEmptyReduction(d, op);
        var src = DType == DType.Bool ? Detach().To(DType.Int64) : this;
        Tensor y = src.DType switch
        {
            DType.Float32 => Reduction.Rowwise<float, float>(src, d, keepDim, max ? ReduceKernels.Max : ReduceKernels.Min),
            DType.Float64 => Reduction.Rowwise<double, double>(src, d, keepDim, max ? ReduceKernels.Max : ReduceKernels.Min),
            _ => Reduction.Rowwise<long, long>(src, d, keepDim, max ? ReduceKernels.Max : ReduceKernels.Min),
        };
        if (DType == DType.Bool) return y.To(DType.Bool);
        var x = this;
        int[] inShape = ShapeArray();

        // The gradient of a max over a set goes to the elements equal to it, split evenly among ties
        // (a NaN result selects the NaN elements), as torch's amax / full max backward.
        return Record(y, max ? "MaxBackward" : "MinBackward", [x], [x, y], g =>
        {
            var yk = keepDim ? y : Unreduce(y, inShape, d);
            var gk = keepDim ? g : Unreduce(g, inShape, d);
            var mask = x.Eq(yk).LogicalOr(x.IsNaN().LogicalAnd(yk.IsNaN()));
            var count = mask.Sum(d, keepDim: true);
            return [Where(mask, gk / count, 0.0)];
        });
    }

    private (Tensor Values, Tensor Indices) ExtremeWithIndex(int dim, bool keepDim, bool max, string op)
    {
        if (Rank == 0)
        {
            ShapeUtil.WrapDim(dim, 0, op);
            var (v, i) = Reshape(1).ExtremeWithIndex(0, keepDim: false, max, op);
            return (v.Reshape([]), i.Reshape([]));
        }

        int d = ShapeUtil.WrapDim(dim, Rank, op);
        CheckNonEmptyReduction([d], op);
        var src = DType == DType.Bool ? Detach().To(DType.Int64) : this;
        var indices = src.DType switch
        {
            DType.Float32 => Reduction.Rowwise<float, long>(src, [d], keepDim, max ? ReduceKernels.ArgMax : ReduceKernels.ArgMin),
            DType.Float64 => Reduction.Rowwise<double, long>(src, [d], keepDim, max ? ReduceKernels.ArgMax : ReduceKernels.ArgMin),
            _ => Reduction.Rowwise<long, long>(src, [d], keepDim, max ? ReduceKernels.ArgMax : ReduceKernels.ArgMin),
        };
        if (op is "argmax" or "argmin") return (indices, indices);

        var values = TakeAlongRows(this, indices, d);
        var x = this;
        int[] inShape = ShapeArray();

        // The whole gradient goes to the selected element of each row (torch's value_selecting_reduction_backward).
        var recorded = Record(values, max ? "MaxBackward" : "MinBackward", [x], [indices], g => [PutAlongRows(g, indices, d, inShape)]);
        return (recorded, indices);
    }

    private void CheckNonEmptyReduction(int[] dims, string op)
    {
        foreach (int d in dims)
        {
            if (_shape[d] == 0)
            {
                throw new ShapeException($"{op}: cannot reduce over dim {d} of size 0 in a {ShapeString} tensor (the result would have no value); give a dim whose size is not 0");
            }
        }

        if (Numel == 0 && dims.Length == Rank)
        {
            throw new ShapeException($"{op}: cannot reduce an empty {ShapeString} tensor; give a dim to reduce over");
        }
    }

    // values[r] = x.rows[r, idx[r]], where a row runs along dim d.
    private static Tensor TakeAlongRows(Tensor x, Tensor indices, int d)
    {
        var (rows, outer, inner) = Reduction.AsRows(x, [d]);
        var idx = indices.Contiguous().AsSpan<long>();
        var result = Empty(indices.ShapeArray(), x.DType);
        switch (x.DType)
        {
            case DType.Float32: Take<float>(rows, idx, result, inner); break;
            case DType.Float64: Take<double>(rows, idx, result, inner); break;
            case DType.Int64: Take<long>(rows, idx, result, inner); break;
            default: Take<bool>(rows, idx, result, inner); break;
        }

        return result;

        static void Take<T>(Tensor rows, ReadOnlySpan<long> idx, Tensor result, int inner)
        {
            var src = rows.AsSpan<T>();
            var dst = result.AsSpan<T>();
            for (int r = 0; r < dst.Length; r++) dst[r] = src[(r * inner) + (int)idx[r]];
        }
    }

    // The adjoint of TakeAlongRows: zeros of the input's shape with g[r] written at (row r, idx[r]).
    private static Tensor PutAlongRows(Tensor g, Tensor indices, int d, int[] inShape)
    {
        int inner = inShape[d];
        var idx = indices.Contiguous().AsSpan<long>();
        var rows = Empty([idx.Length * inner], g.DType);
        if (g.DType == DType.Float32) Put<float>(g, idx, rows, inner);
        else Put<double>(g, idx, rows, inner);
        return ReduceKernels.FromRows(rows, inShape, [d]);

        static void Put<T>(Tensor g, ReadOnlySpan<long> idx, Tensor rows, int inner)
        {
            var src = g.Contiguous().AsSpan<T>();
            var dst = rows.AsSpan<T>();
            for (int r = 0; r < src.Length; r++) dst[(r * inner) + (int)idx[r]] = src[r];
        }
    }

    /// <summary>Variance of all elements, unbiased (N - 1) by default (<a href="https://pytorch.org/docs/stable/generated/torch.var.html">torch.var</a>).</summary>
    public Tensor Var(bool unbiased = true) => Moment(null, unbiased ? 1 : 0, false, std: false);

    /// <summary>Variance along one dim (<c>x.var(dim, unbiased, keepdim)</c>).</summary>
    public Tensor Var(int dim, bool unbiased = true, bool keepDim = false) => Moment([dim], unbiased ? 1 : 0, keepDim, std: false);

    /// <summary>Variance over the given dims; null or empty means all.</summary>
    public Tensor Var(int[]? dims, bool unbiased = true, bool keepDim = false) => Moment(dims, unbiased ? 1 : 0, keepDim, std: false);

    /// <summary>Variance with Bessel's correction given as a number: sum((x - mean)^2) / (N - correction) (<c>correction=</c>).</summary>
    public Tensor Var(int[]? dims, double correction, bool keepDim) => Moment(dims, correction, keepDim, std: false);

    /// <summary>Standard deviation of all elements, unbiased by default (<a href="https://pytorch.org/docs/stable/generated/torch.std.html">torch.std</a>).</summary>
    public Tensor Std(bool unbiased = true) => Moment(null, unbiased ? 1 : 0, false, std: true);

    /// <summary>Standard deviation along one dim.</summary>
    public Tensor Std(int dim, bool unbiased = true, bool keepDim = false) => Moment([dim], unbiased ? 1 : 0, keepDim, std: true);

    /// <summary>Standard deviation over the given dims; null or empty means all.</summary>
    public Tensor Std(int[]? dims, bool unbiased = true, bool keepDim = false) => Moment(dims, unbiased ? 1 : 0, keepDim, std: true);

    /// <summary>Standard deviation with a numeric correction: sqrt(sum((x - mean)^2) / (N - correction)).</summary>
    public Tensor Std(int[]? dims, double correction, bool keepDim) => Moment(dims, correction, keepDim, std: true);

    private Tensor Moment(int[]? dims, double correction, bool keepDim, bool std)
    {
        string op = std ? "std" : "var";
        if (!DType.IsFloatingPoint())
        {
            throw new InvalidOperationException($"{op}: needs a floating-point tensor, got {DType.Name()} {ShapeString} (torch: std and var only support floating point); convert with Float() first");
        }

        int[] d = Reduction.NormalizeDims(dims, Rank, op);
        int n = 1;
        foreach (int i in d) n *= _shape[i];
        double denom = Math.Max(0, n - correction);
        Tensor y = DType == DType.Float32
            ? Reduction.Rowwise<float, float>(this, d, keepDim, row => (float)Finish(ReduceKernels.Moments(row).SquaredDeviations))
            : Reduction.Rowwise<double, double>(this, d, keepDim, row => Finish(ReduceKernels.Moments(row).SquaredDeviations));
        var x = this;
        int[] inShape = ShapeArray();

        // var = sum((x - m)^2) / D  =>  dvar/dx_i = 2 (x_i - m) / D  (the terms through m sum to zero).
        // std = sqrt(var)           =>  dstd/dx_i = (x_i - m) / (D * std).
        return Record(y, std ? "StdBackward" : "VarBackward", [x], [x, y], g =>
        {
            var gk = keepDim ? g : Unreduce(g, inShape, d);
            var centered = x - x.Mean(d, keepDim: true);
            if (!std) return [gk * centered * (2.0 / denom)];
            var yk = keepDim ? y : Unreduce(y, inShape, d);
            return [gk * centered / (yk * denom)];
        });

        double Finish(double squaredDeviations)
        {
            double v = squaredDeviations / denom;
            return std ? Math.Sqrt(v) : v;
        }
    }

    /// <summary>
    /// Product of all elements (<a href="https://pytorch.org/docs/stable/generated/torch.prod.html">torch.prod</a>); int64 and
    /// bool multiply in int64. The gradient is exact with zeros in the input.
    /// </summary>
    public Tensor Prod() => ProdCore(null, false);

    /// <summary>Product along one dim (<c>x.prod(dim, keepdim)</c>).</summary>
    public Tensor Prod(int dim, bool keepDim = false)
    {
        if (Rank == 0)
        {
            ShapeUtil.WrapDim(dim, 0, "prod");
            return ProdCore(null, false);
        }

        return ProdCore([ShapeUtil.WrapDim(dim, Rank, "prod")], keepDim);
    }

    private Tensor ProdCore(int[]? dims, bool keepDim)
    {
        int[] d = Reduction.NormalizeDims(dims, Rank, "prod");
        var src = DType == DType.Bool ? Detach().To(DType.Int64) : this;
        Tensor y = src.DType switch
        {
            DType.Float32 => Reduction.Rowwise<float, float>(src, d, keepDim, ReduceKernels.Prod),
            DType.Float64 => Reduction.Rowwise<double, double>(src, d, keepDim, ReduceKernels.Prod),
            _ => Reduction.Rowwise<long, long>(src, d, keepDim, ReduceKernels.Prod),
        };
        var x = this;
        int[] inShape = ShapeArray();

        // d prod / dx_i = product of all the other elements of its row (see ReduceKernels.ProdGrad).
        return Record(y, "ProdBackward", [x], [x], g => [x.DType == DType.Float32 ? ProdGrad<float>(x, g, d, inShape) : ProdGrad<double>(x, g, d, inShape)]);
    }

    private static Tensor ProdGrad<T>(Tensor x, Tensor g, int[] d, int[] inShape)
        where T : unmanaged, INumber<T>
    {
        var (rows, outer, inner) = Reduction.AsRows(x, d);
        var src = rows.AsSpan<T>();
        var gs = g.Contiguous().AsSpan<T>();
        var result = Empty<T>([outer * inner]);
        var dst = result.AsSpan<T>();
        for (int r = 0; r < outer; r++) ReduceKernels.ProdGrad(src.Slice(r * inner, inner), gs[r], dst.Slice(r * inner, inner));
        return ReduceKernels.FromRows(result, inShape, d);
    }

    /// <summary>
    /// Vector p-norm over the given dims (<a href="https://pytorch.org/docs/stable/generated/torch.norm.html">torch.norm</a> /
    /// <c>torch.linalg.vector_norm</c>): p = 2 (default; over several dims this is the Frobenius norm), 1,
    /// <see cref="double.PositiveInfinity"/> (max |x|), any other positive p. Null dims means all elements.
    /// </summary>
    public Tensor Norm(double p = 2, int[]? dims = null, bool keepDim = false)
    {
        if (!DType.IsFloatingPoint())
        {
            throw new InvalidOperationException($"norm: input dtype should be floating point, got {DType.Name()} {ShapeString}; convert with Float() first");
        }

        if (double.IsNaN(p))
        {
            throw new ArgumentException("norm: p must be a number (2, 1, inf, ...), got NaN", nameof(p));
        }

        int[] d = Reduction.NormalizeDims(dims, Rank, "norm");
        Tensor y = DType == DType.Float32
            ? Reduction.Rowwise<float, float>(this, d, keepDim, row => ReduceKernels.Norm(row, p))
            : Reduction.Rowwise<double, double>(this, d, keepDim, row => ReduceKernels.Norm(row, p));
        var x = this;
        int[] inShape = ShapeArray();

        return Record(y, "NormBackward", [x], [x, y], g =>
        {
            var gk = keepDim ? g : Unreduce(g, inShape, d);
            var yk = keepDim ? y : Unreduce(y, inShape, d);
            if (p == 0) return [ZerosLike(x)];

            // p = 1: d sum|x| = sign(x).
            if (p == 1) return [gk * x.Sign()];

            // p = +-inf: the norm is max (min) |x|; the gradient sign(x) goes to the elements attaining it,
            // split evenly among ties (as torch).
            if (double.IsInfinity(p))
            {
                var mask = x.Abs().Eq(yk);
                return [Where(mask, x.Sign() * gk / mask.Sum(d, keepDim: true), 0.0)];
            }

            // p = 2: d ||x|| = x / ||x||, defined as 0 where the norm is 0.
            // general p: d (sum |x|^p)^(1/p) = sign(x) |x|^(p-1) / ||x||^(p-1), 0 where the norm is 0.
            var scale = Where(yk.Eq(0), 0.0, gk / (p == 2 ? yk : yk.Pow(p - 1)));
            return [(p == 2 ? x : x.Sign() * x.Abs().Pow(p - 1)) * scale];
        });
    }

    /// <summary>Vector p-norm along one dim.</summary>
    public Tensor Norm(double p, int dim, bool keepDim = false) => Norm(p, [dim], keepDim);

    /// <summary>
    /// log(sum(exp(x))) over the given dims, computed stably (<a href="https://pytorch.org/docs/stable/generated/torch.logsumexp.html">torch.logsumexp</a>);
    /// null or empty means all elements. int64 and bool give float32.
    /// </summary>
    public Tensor LogSumExp(int[]? dims = null, bool keepDim = false)
    {
        int[] d = Reduction.NormalizeDims(dims, Rank, "logsumexp");
        var src = DType.IsFloatingPoint() ? this : Detach().To(DType.Float32);
        int inner = 1;
        foreach (int i in d) inner *= _shape[i];
        Tensor y;
        if (src.DType == DType.Float32)
        {
            var scratch = new float[inner];
            y = Reduction.Rowwise<float, float>(src, d, keepDim, row => ReduceKernels.LogSumExp(row, scratch));
        }
        else
        {
            var scratch = new double[inner];
            y = Reduction.Rowwise<double, double>(src, d, keepDim, row => ReduceKernels.LogSumExp(row, scratch));
        }

        var x = this;
        int[] inShape = ShapeArray();

        // d logsumexp / dx_i = exp(x_i) / sum exp(x) = exp(x_i - lse): the softmax of the row.
        return Record(y, "LogsumexpBackward", [x], [x, y], g =>
        {
            var gk = keepDim ? g : Unreduce(g, inShape, d);
            var yk = keepDim ? y : Unreduce(y, inShape, d);
            return [gk * (x - yk).Exp()];
        });
    }

    /// <summary>log(sum(exp(x))) along one dim.</summary>
    public Tensor LogSumExp(int dim, bool keepDim = false) => LogSumExp([dim], keepDim);

    /// <summary>
    /// Running sum along a dim (<a href="https://pytorch.org/docs/stable/generated/torch.cumsum.html">torch.cumsum</a>):
    /// out[i] = x[0] + ... + x[i]. int64 and bool sum in int64 unless <paramref name="dtype"/> is given.
    /// </summary>
    public Tensor CumSum(int dim, DType? dtype = null)
    {
        if (Rank == 0)
        {
            ShapeUtil.WrapDim(dim, 0, "cumsum");
            return Reshape(1).CumSum(0, dtype).Reshape([]);
        }

        int d = ShapeUtil.WrapDim(dim, Rank, "cumsum");
        var outType = dtype ?? (DType.IsFloatingPoint() ? DType : DType.Int64);
        if (outType == DType.Bool)
        {
            throw new InvalidOperationException("cumsum: a bool result dtype is not supported; use Int64 or a float dtype");
        }

        var y = Scan(UnaryKernels.Dense(this, outType), d, reverse: false);
        var x = this;
        var inType = DType;

        // out_j = sum_{i <= j} x_i  =>  dx_i = sum_{j >= i} g_j: a running sum from the end.
        return Record(y, "CumsumBackward", [x], [], g => [Scan(g, d, reverse: true).To(inType)]);
    }

    // Inclusive scan along dim d of any layout (rows with d innermost, scanned, put back).
    private static Tensor Scan(Tensor x, int d, bool reverse)
    {
        var (rows, _, inner) = Reduction.AsRows(x, [d]);
        var result = Empty([rows.Numel], x.DType);
        if (inner > 0)
        {
            switch (x.DType)
            {
                case DType.Float32: ReduceKernels.CumSum<float>(rows.AsSpan<float>(), result.AsSpan<float>(), inner, reverse); break;
                case DType.Float64: ReduceKernels.CumSum<double>(rows.AsSpan<double>(), result.AsSpan<double>(), inner, reverse); break;
                default: ReduceKernels.CumSum<long>(rows.AsSpan<long>(), result.AsSpan<long>(), inner, reverse); break;
            }
        }

        return ReduceKernels.FromRows(result, x.ShapeArray(), [d]);
    }
}
