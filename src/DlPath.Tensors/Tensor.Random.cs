namespace DlPath.Tensors;

// Random creation on the seeded Generator, reproducing PyTorch's CPU stream (see Random/Generator.cs).
public sealed partial class Tensor
{
    /// <summary>Seeds the default generator, as <c>torch.manual_seed(seed)</c>.</summary>
    public static void ManualSeed(ulong seed) => Generator.ManualSeedDefault(seed);

    /// <summary>Uniform samples in [0, 1) (<c>torch.rand</c>).</summary>
    public static Tensor Rand(int[] shape, DType dtype = DType.Float32, Generator? generator = null)
        => Empty(CheckFloatShape(shape, dtype, "rand"), dtype).Uniform(0, 1, generator);

    /// <summary>Standard normal samples (<c>torch.randn</c>).</summary>
    public static Tensor Randn(int[] shape, DType dtype = DType.Float32, Generator? generator = null)
        => Empty(CheckFloatShape(shape, dtype, "randn"), dtype).Normal(0, 1, generator);

    /// <summary>Integers drawn uniformly from [low, high), as int64 (<c>torch.randint</c>).</summary>
    public static Tensor RandInt(long low, long high, int[] shape, Generator? generator = null)
    {
        var t = Empty(CheckShape(shape, "randint"), DType.Int64);
        (generator ?? Generator.Default).RandInt(t.AsSpan<long>(), low, high);
        return t;
    }

    /// <summary>A random permutation of 0..n-1, as int64 (<c>torch.randperm</c>).</summary>
    public static Tensor RandPerm(int n, Generator? generator = null)
    {
        if (n < 0) throw new ArgumentException($"randperm: n must be non-negative, got {n}");
        return WrapArray((generator ?? Generator.Default).RandPerm(n), n);
    }

    /// <summary>Uniform samples with the shape and dtype of <paramref name="like"/> (<c>torch.rand_like</c>).</summary>
    public static Tensor RandLike(Tensor like, Generator? generator = null) => Rand(like.ShapeArray(), like.DType, generator);

    /// <summary>Normal samples with the shape and dtype of <paramref name="like"/> (<c>torch.randn_like</c>).</summary>
    public static Tensor RandnLike(Tensor like, Generator? generator = null) => Randn(like.ShapeArray(), like.DType, generator);

    /// <summary>Integers in [low, high) with the shape of <paramref name="like"/> (<c>torch.randint_like</c>).</summary>
    public static Tensor RandIntLike(Tensor like, long low, long high, Generator? generator = null) => RandInt(low, high, like.ShapeArray(), generator);

    /// <summary>Fills this tensor in place with uniform samples in [low, high) (<c>uniform_</c>).</summary>
    public Tensor Uniform(double low, double high, Generator? generator = null)
    {
        var g = generator ?? Generator.Default;
        FillRandom("uniform_", span => g.Uniform(span, low, high), span => g.Uniform(span, low, high));
        return this;
    }

    /// <summary>Fills this tensor in place with normal samples N(mean, std²) (<c>normal_</c>).</summary>
    public Tensor Normal(double mean = 0, double std = 1, Generator? generator = null)
    {
        var g = generator ?? Generator.Default;

        // torch takes its element-by-element sampler for strided views and its chunked one otherwise.
        if (IsContiguous) FillRandom("normal_", span => g.Normal(span, mean, std), span => g.Normal(span, mean, std));
        else FillRandom("normal_", span => g.NormalElementwise(span, mean, std), span => g.NormalElementwise(span, mean, std));
        return this;
    }

    /// <summary>Fills this tensor in place with 0/1 samples that are 1 with probability p (<c>bernoulli_(p)</c>).</summary>
    public Tensor Bernoulli(double p, Generator? generator = null)
    {
        var g = generator ?? Generator.Default;
        FillRandom("bernoulli_", span => g.Bernoulli(span, p), span => g.Bernoulli(span, p));
        return this;
    }

    private void FillRandom(string op, SpanAction<float> f32, SpanAction<double> f64)
    {
        if (!DType.IsFloatingPoint())
        {
            throw new InvalidOperationException($"{op}: needs a floating-point tensor, got {DType.Name()}");
        }

        if (RequiresGrad && IsLeaf && Autograd.GradMode.IsEnabled)
        {
            throw new InvalidOperationException($"{op}: a leaf tensor that requires grad is being changed in place; do it inside a Tensor.NoGrad() scope");
        }

        // torch samples a strided view's elements in memory order: walk the dims by decreasing stride, fill a
        // contiguous buffer in that order, and scatter it back through the permuted view.
        var view = IsContiguous ? this : Detach().Permute(Enumerable.Range(0, Rank).OrderByDescending(d => _strides[d]).ToArray());
        var target = IsContiguous ? this : Empty(view.ShapeArray(), DType);
        if (DType == DType.Float32) f32(target.AsSpan<float>());
        else f64(target.AsSpan<double>());
        if (!ReferenceEquals(target, this)) view.CopyFrom(target);
        BumpVersion();
    }

    private static int[] CheckFloatShape(int[] shape, DType dtype, string op)
    {
        if (!dtype.IsFloatingPoint())
        {
            throw new ArgumentException($"{op}: needs a floating-point dtype, got {dtype.Name()} (use RandInt for integers)");
        }

        return CheckShape(shape, op);
    }

    private delegate void SpanAction<T>(Span<T> span);
}
