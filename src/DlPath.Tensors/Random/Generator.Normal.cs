namespace DlPath.Tensors;

public sealed partial class Generator
{
    // PyTorch switches from the element-wise sampler to the chunked Box-Muller fill at this size.
    private const int NormalChunk = 16;
    private const int NormalHalfChunk = NormalChunk / 2;

    /// <summary>
    /// Fills <paramref name="destination"/> with normal samples N(<paramref name="mean"/>,
    /// <paramref name="std"/>²), bit for bit like <c>torch.randn</c> / <c>Tensor.normal_(mean, std)</c> on a
    /// contiguous float32 tensor of <c>destination.Length</c> elements.
    /// </summary>
    /// <param name="destination">The elements of the (contiguous) tensor, in order.</param>
    /// <param name="mean">Mean of the distribution.</param>
    /// <param name="std">Standard deviation; must be &gt;= 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="std"/> is negative or a parameter is not finite.</exception>
    /// <remarks>
    /// <para>
    /// Mirrors <c>normal_kernel</c> of ATen (native/cpu/DistributionTemplates.h). With 16 or more
    /// elements, PyTorch first fills the whole buffer with uniform floats, then turns each chunk of 16
    /// into normals with Box-Muller (lanes j and j+8 share one pair), using the Cephes log and sincos of
    /// its AVX2 kernel (<see cref="CephesFloat"/>). When the length is not a multiple of 16, the last 16
    /// elements are drawn again from the stream and recomputed, overlapping the previous chunk. This path
    /// neither reads nor writes the cached normal sample.
    /// </para>
    /// <para>
    /// With fewer than 16 elements PyTorch samples element by element in double precision (see
    /// <see cref="NormalElementwise(Span{float}, double, double)"/>), which does use the cache.
    /// </para>
    /// <para>
    /// PyTorch itself gives slightly different float32 numbers (last bits) on a CPU without AVX2 or when
    /// <c>ATEN_CPU_CAPABILITY=default</c> is set; DlPath reproduces the AVX2 kernel, which is what PyTorch
    /// runs on current x86-64 machines (it keeps AVX2 for this kernel even on AVX-512 CPUs).
    /// </para>
    /// </remarks>
    public void Normal(Span<float> destination, double mean = 0.0, double std = 1.0)
    {
        CheckNormalParameters(mean, std);
        if (destination.Length < NormalChunk)
        {
            NormalElementwise(destination, mean, std);
            return;
        }
        var meanF = (float)mean;
        var stdF = (float)std;
        lock (_lock)
        {
            FillUnitFloats(destination);
            var n = destination.Length;
            for (var i = 0; i + NormalChunk <= n; i += NormalChunk)
            {
                BoxMuller16Avx2(destination.Slice(i, NormalChunk), meanF, stdF);
            }
            if (n % NormalChunk != 0)
            {
                var tail = destination[(n - NormalChunk)..];
                FillUnitFloats(tail);
                BoxMuller16Avx2(tail, meanF, stdF);
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with normal samples N(<paramref name="mean"/>,
    /// <paramref name="std"/>²), bit for bit like <c>torch.randn(..., dtype=torch.float64)</c> /
    /// <c>Tensor.normal_(mean, std)</c> on a contiguous float64 tensor.
    /// </summary>
    /// <param name="destination">The elements of the (contiguous) tensor, in order.</param>
    /// <param name="mean">Mean of the distribution.</param>
    /// <param name="std">Standard deviation; must be &gt;= 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="std"/> is negative or a parameter is not finite.</exception>
    /// <remarks>
    /// The same chunked scheme as the float32 overload (16 uniform doubles, Box-Muller on lanes j and j+8,
    /// the tail redrawn and recomputed), but with the C library's double log, sin and cos, as PyTorch's
    /// scalar <c>normal_fill_16</c>. With fewer than 16 elements it is
    /// <see cref="NormalElementwise(Span{double}, double, double)"/>.
    /// </remarks>
    public void Normal(Span<double> destination, double mean = 0.0, double std = 1.0)
    {
        CheckNormalParameters(mean, std);
        if (destination.Length < NormalChunk)
        {
            NormalElementwise(destination, mean, std);
            return;
        }
        lock (_lock)
        {
            FillUnitDoubles(destination);
            var n = destination.Length;
            for (var i = 0; i + NormalChunk <= n; i += NormalChunk)
            {
                BoxMuller16(destination.Slice(i, NormalChunk), mean, std);
            }
            if (n % NormalChunk != 0)
            {
                var tail = destination[(n - NormalChunk)..];
                FillUnitDoubles(tail);
                BoxMuller16(tail, mean, std);
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/> one element at a time with PyTorch's element-wise normal
    /// sampler: what <c>normal_</c> does for tensors of fewer than 16 elements and for non-contiguous
    /// tensors (in the order PyTorch's iterator visits them).
    /// </summary>
    /// <param name="destination">The elements to fill, in order.</param>
    /// <param name="mean">Mean of the distribution.</param>
    /// <param name="std">Standard deviation; must be &gt;= 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="std"/> is negative or a parameter is not finite.</exception>
    /// <remarks>
    /// Mirrors <c>at::normal_distribution&lt;double&gt;</c> (ATen/core/DistributionsHelper.h): Box-Muller in
    /// double precision from two 53-bit uniforms, returning <c>r·cos θ</c> and keeping <c>r·sin θ</c> as the
    /// generator's cached double sample, which the next element-wise draw (of any call, float32 or
    /// float64) returns first. Values are computed in double and rounded to float32 at the end.
    /// </remarks>
    public void NormalElementwise(Span<float> destination, double mean = 0.0, double std = 1.0)
    {
        CheckNormalParameters(mean, std);
        lock (_lock)
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = (float)NextNormalDouble(mean, std);
            }
        }
    }

    /// <summary>
    /// The float64 form of <see cref="NormalElementwise(Span{float}, double, double)"/>.
    /// </summary>
    /// <param name="destination">The elements to fill, in order.</param>
    /// <param name="mean">Mean of the distribution.</param>
    /// <param name="std">Standard deviation; must be &gt;= 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="std"/> is negative or a parameter is not finite.</exception>
    public void NormalElementwise(Span<double> destination, double mean = 0.0, double std = 1.0)
    {
        CheckNormalParameters(mean, std);
        lock (_lock)
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = NextNormalDouble(mean, std);
            }
        }
    }

    // Callers hold _lock. at::normal_distribution<double>::operator().
    private double NextNormalDouble(double mean, double std)
    {
        if (_nextDoubleNormal is double cached)
        {
            _nextDoubleNormal = null;
            return Math.FusedMultiplyAdd(cached, std, mean);
        }
        var u1 = UnitDouble(Random64());
        var u2 = UnitDouble(Random64());
        // 1 - u2 lies in (0, 1], so the log is finite.
        var r = Math.Sqrt(-2.0 * Math.Log(1.0 - u2));
        var theta = 2.0 * Math.PI * u1;
        _nextDoubleNormal = r * Math.Sin(theta);
        return Math.FusedMultiplyAdd(r * Math.Cos(theta), std, mean);
    }

    // normal_fill_16_AVX2: 8 Box-Muller pairs, u1 from lanes 0..7 and u2 from lanes 8..15.
    private static void BoxMuller16Avx2(Span<float> data, float mean, float std)
    {
        const float twoPi = (float)(2.0 * Math.PI);
        for (var j = 0; j < NormalHalfChunk; j++)
        {
            var u1 = 1f - data[j];
            var u2 = data[j + NormalHalfChunk];
            var radius = MathF.Sqrt(-2f * CephesFloat.Log(u1));
            CephesFloat.SinCos(twoPi * u2, out var sin, out var cos);
            data[j] = MathF.FusedMultiplyAdd(radius * cos, std, mean);
            data[j + NormalHalfChunk] = MathF.FusedMultiplyAdd(radius * sin, std, mean);
        }
    }

    // normal_fill_16<double>: the same pairing with the C library's log, sin and cos.
    private static void BoxMuller16(Span<double> data, double mean, double std)
    {
        for (var j = 0; j < NormalHalfChunk; j++)
        {
            var u1 = 1.0 - data[j];
            var u2 = data[j + NormalHalfChunk];
            var radius = Math.Sqrt(-2.0 * Math.Log(u1));
            var theta = 2.0 * Math.PI * u2;
            data[j] = Math.FusedMultiplyAdd(radius * Math.Cos(theta), std, mean);
            data[j + NormalHalfChunk] = Math.FusedMultiplyAdd(radius * Math.Sin(theta), std, mean);
        }
    }

    private static void CheckNormalParameters(double mean, double std)
    {
        if (!double.IsFinite(mean) || !double.IsFinite(std))
        {
            throw new ArgumentOutOfRangeException(nameof(std),
                $"normal: mean and std must be finite, got mean={mean}, std={std}");
        }
        if (std < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(std),
                $"normal: expects std >= 0.0, but found std={std}");
        }
    }
}
