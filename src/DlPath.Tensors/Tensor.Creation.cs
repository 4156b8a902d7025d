using System.Numerics;
using DlPath.Tensors.Buffers;

namespace DlPath.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// A new tensor of element type <typeparamref name="T"/> whose contents are zero. Its array may come from the
    /// <see cref="TensorPool"/> (cleared), so code may rely on the zeros.
    /// </summary>
    internal static Tensor Empty<T>(int[] shape) => new(Storage<T>.Allocate(ShapeUtil.Numel(shape), zero: true), shape);

    /// <summary>A new zero-filled tensor of a dtype.</summary>
    internal static Tensor Empty(int[] shape, DType dtype) => dtype switch
    {
        DType.Float32 => Empty<float>(shape),
        DType.Float64 => Empty<double>(shape),
        DType.Int64 => Empty<long>(shape),
        _ => Empty<bool>(shape),
    };

    /// <summary>
    /// A new tensor whose contents are undefined (torch.empty): a reused array holds whatever the last tensor wrote.
    /// Only for outputs that the kernel writes in full before anything reads them (elementwise maps, a GEMM with
    /// beta = 0, convolution and pooling outputs, reductions); everything else uses <see cref="Empty{T}"/>.
    /// </summary>
    internal static Tensor Uninitialized<T>(int[] shape) => new(Storage<T>.Allocate(ShapeUtil.Numel(shape), zero: false), shape);

    /// <summary>A new tensor of a dtype whose contents are undefined; see <see cref="Uninitialized{T}"/>.</summary>
    internal static Tensor Uninitialized(int[] shape, DType dtype) => dtype switch
    {
        DType.Float32 => Uninitialized<float>(shape),
        DType.Float64 => Uninitialized<double>(shape),
        DType.Int64 => Uninitialized<long>(shape),
        _ => Uninitialized<bool>(shape),
    };

    private static int[] CheckShape(int[] shape, string op)
    {
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ShapeException($"{op}: negative dimension {d} in shape {ShapeUtil.Format(shape)}");
            }
        }

        return (int[])shape.Clone();
    }

    /// <summary>A tensor of zeros (<c>torch.zeros</c>).</summary>
    public static Tensor Zeros(int[] shape, DType dtype = DType.Float32) => Empty(CheckShape(shape, "zeros"), dtype);

    /// <summary>A tensor of zeros of shape <paramref name="shape"/> in float32.</summary>
    public static Tensor Zeros(params int[] shape) => Zeros(shape, DType.Float32);

    /// <summary>A tensor of ones (<c>torch.ones</c>).</summary>
    public static Tensor Ones(int[] shape, DType dtype = DType.Float32) => Full(shape, 1.0, dtype);

    /// <summary>A tensor of ones of shape <paramref name="shape"/> in float32.</summary>
    public static Tensor Ones(params int[] shape) => Ones(shape, DType.Float32);

    /// <summary>A tensor filled with one value (<c>torch.full</c>).</summary>
    public static Tensor Full(int[] shape, double value, DType dtype = DType.Float32)
    {
        var t = Empty(CheckShape(shape, "full"), dtype);
        t.FillRaw(value);
        return t;
    }

    /// <summary>A 0-d tensor holding one value (<c>torch.tensor(3.0)</c>).</summary>
    public static Tensor Scalar(double value, DType dtype = DType.Float32) => Full([], value, dtype);

    /// <summary>Zeros with the shape and dtype of <paramref name="like"/>.</summary>
    public static Tensor ZerosLike(Tensor like, DType? dtype = null) => Zeros(like.ShapeArray(), dtype ?? like.DType);

    /// <summary>Ones with the shape and dtype of <paramref name="like"/>.</summary>
    public static Tensor OnesLike(Tensor like, DType? dtype = null) => Ones(like.ShapeArray(), dtype ?? like.DType);

    /// <summary>A constant with the shape and dtype of <paramref name="like"/>.</summary>
    public static Tensor FullLike(Tensor like, double value, DType? dtype = null) => Full(like.ShapeArray(), value, dtype ?? like.DType);

    /// <summary>
    /// Values from start (inclusive) to end (exclusive) in steps (<c>torch.arange</c>); int64 when all three
    /// are whole numbers and no dtype is given, float32 otherwise.
    /// </summary>
    public static Tensor Arange(double start, double end, double step = 1, DType? dtype = null)
    {
        if (step == 0 || double.IsNaN(step))
        {
            throw new ArgumentException("arange: step must be non-zero");
        }

        if ((end - start) / step < 0)
        {
            throw new ArgumentException($"arange: the sign of step ({step}) does not lead from {start} to {end}");
        }

        int n = (int)Math.Ceiling((end - start) / step);
        bool whole = start == Math.Floor(start) && end == Math.Floor(end) && step == Math.Floor(step);
        var t = Empty([n], dtype ?? (whole ? DType.Int64 : DType.Float32));
        switch (t.DType)
        {
            case DType.Float32:
                {
                    var d = t.Data<float>();
                    for (int i = 0; i < n; i++) d[i] = (float)(start + (i * step));
                    break;
                }

            case DType.Float64:
                {
                    var d = t.Data<double>();
                    for (int i = 0; i < n; i++) d[i] = start + (i * step);
                    break;
                }

            case DType.Int64:
                {
                    var d = t.Data<long>();
                    for (int i = 0; i < n; i++) d[i] = (long)(start + (i * step));
                    break;
                }

            default:
                throw new ArgumentException("arange: bool is not a valid dtype");
        }

        return t;
    }

    /// <summary>Integers 0..end-1 as int64 (<c>torch.arange(end)</c>).</summary>
    public static Tensor Arange(int end) => Arange(0, end, 1, DType.Int64);

    /// <summary>
    /// <paramref name="steps"/> evenly spaced values from start to end inclusive (<c>torch.linspace</c>),
    /// computed as torch does: the first half counts up from start, the second half down from end.
    /// </summary>
    public static Tensor Linspace(double start, double end, int steps, DType dtype = DType.Float32)
    {
        if (steps < 0) throw new ArgumentException($"linspace: steps must be non-negative, got {steps}");
        var values = new double[steps];
        double step = steps > 1 ? (end - start) / (steps - 1) : 0;
        int half = steps / 2;
        for (int i = 0; i < steps; i++)
        {
            values[i] = i < half ? start + (step * i) : end - (step * (steps - i - 1));
        }

        if (dtype == DType.Float32)
        {
            // torch computes float32 linspace in float32 arithmetic.
            var f = new float[steps];
            float fstep = steps > 1 ? ((float)end - (float)start) / (steps - 1) : 0f;
            for (int i = 0; i < steps; i++) f[i] = i < half ? (float)start + (fstep * i) : (float)end - (fstep * (steps - i - 1));
            return FromArray(f);
        }

        return FromArray(values).To(dtype);
    }

    /// <summary>An n x m matrix with ones on the diagonal (<c>torch.eye</c>).</summary>
    public static Tensor Eye(int n, int? m = null, DType dtype = DType.Float32)
    {
        int cols = m ?? n;
        var t = Zeros([n, cols], dtype);
        for (int i = 0; i < Math.Min(n, cols); i++) t.SetRaw((i * cols) + i, 1.0);
        return t;
    }

    /// <summary>A tensor over a copy of a .NET array, with an optional shape (default: 1-D).</summary>
    public static Tensor FromArray<T>(T[] data, params int[] shape)
    {
        _ = DTypes.Of<T>();
        int[] s = shape.Length == 0 ? [data.Length] : CheckShape(shape, "FromArray");
        if (ShapeUtil.Numel(s) != data.Length)
        {
            throw new ShapeException($"FromArray: {data.Length} values cannot fill shape {ShapeUtil.Format(s)} ({ShapeUtil.Numel(s)} elements)");
        }

        var copy = TensorPool.Rent<T>(data.Length, zero: false);
        data.AsSpan().CopyTo(copy);
        return new Tensor(new Storage<T>(copy), s);
    }

    /// <summary>A 2-D tensor from a rectangular .NET array.</summary>
    public static Tensor FromArray<T>(T[,] data)
    {
        int r = data.GetLength(0), c = data.GetLength(1);
        var flat = new T[r * c];
        for (int i = 0; i < r; i++)
        {
            for (int j = 0; j < c; j++) flat[(i * c) + j] = data[i, j];
        }

        return new Tensor(new Storage<T>(flat), [r, c]);
    }

    /// <summary>A 3-D tensor from a rectangular .NET array.</summary>
    public static Tensor FromArray<T>(T[,,] data)
    {
        int a = data.GetLength(0), b = data.GetLength(1), c = data.GetLength(2);
        var flat = new T[a * b * c];
        int k = 0;
        for (int i = 0; i < a; i++)
        {
            for (int j = 0; j < b; j++)
            {
                for (int l = 0; l < c; l++) flat[k++] = data[i, j, l];
            }
        }

        return new Tensor(new Storage<T>(flat), [a, b, c]);
    }

    /// <summary>A tensor from a span (copied).</summary>
    public static Tensor FromSpan<T>(ReadOnlySpan<T> data, params int[] shape) => FromArray(data.ToArray(), shape);

    /// <summary>Wraps an existing array without copying: writes through the tensor change the array.</summary>
    public static Tensor WrapArray<T>(T[] data, params int[] shape)
    {
        int[] s = shape.Length == 0 ? [data.Length] : CheckShape(shape, "WrapArray");
        if (ShapeUtil.Numel(s) != data.Length)
        {
            throw new ShapeException($"WrapArray: {data.Length} values cannot fill shape {ShapeUtil.Format(s)}");
        }

        return new Tensor(Storage<T>.Wrap(data), s);
    }

    /// <summary>Writes a value at a flat storage index, converting to the dtype (no autograd, no version bump).</summary>
    internal void SetRaw(int storageIndex, double value)
    {
        switch (DType)
        {
            case DType.Float32: Data<float>()[storageIndex] = (float)value; break;
            case DType.Float64: Data<double>()[storageIndex] = value; break;
            case DType.Int64: Data<long>()[storageIndex] = (long)value; break;
            default: Data<bool>()[storageIndex] = value != 0; break;
        }
    }

    /// <summary>Fills the whole storage region of a freshly created contiguous tensor.</summary>
    private void FillRaw(double value)
    {
        switch (DType)
        {
            case DType.Float32: Data<float>().AsSpan(_offset, Numel).Fill((float)value); break;
            case DType.Float64: Data<double>().AsSpan(_offset, Numel).Fill(value); break;
            case DType.Int64: Data<long>().AsSpan(_offset, Numel).Fill((long)value); break;
            default: Data<bool>().AsSpan(_offset, Numel).Fill(value != 0); break;
        }
    }

    /// <summary>Converts one number between element types the way a C cast (and torch's .to) does.</summary>
    internal static TTo Cast<TFrom, TTo>(TFrom value)
        where TFrom : INumberBase<TFrom>
        where TTo : INumberBase<TTo> => TTo.CreateTruncating(value);
}
