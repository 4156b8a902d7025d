namespace DlPath.Tensors;

public sealed partial class Generator
{
    /// <summary>
    /// Fills <paramref name="destination"/> with 1 (probability <paramref name="p"/>) or 0, bit for bit like
    /// <c>Tensor.bernoulli_(p)</c> with a scalar p on a float32 CPU tensor.
    /// </summary>
    /// <param name="destination">The elements to fill, in order.</param>
    /// <param name="p">Probability of a 1, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    /// <remarks>
    /// Mirrors ATen's <c>bernoulli_distribution&lt;double&gt;</c> as the non-MKL CPU kernel runs it: one
    /// 64-bit draw per element, a 1 when its 53-bit uniform double is &lt; p. PyTorch builds with MKL
    /// (pip wheels) take a different, MKL-only stream on Intel CPUs; DlPath matches the builds without MKL
    /// (Debian's, and PyTorch on AMD CPUs).
    /// </remarks>
    public void Bernoulli(Span<float> destination, double p)
    {
        CheckProbability(p, "bernoulli");
        FillBernoulli(destination, p, 1f, 0f);
    }

    /// <summary>The float64 form of <see cref="Bernoulli(Span{float}, double)"/> (same draws).</summary>
    /// <param name="destination">The elements to fill, in order.</param>
    /// <param name="p">Probability of a 1, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    public void Bernoulli(Span<double> destination, double p)
    {
        CheckProbability(p, "bernoulli");
        FillBernoulli(destination, p, 1.0, 0.0);
    }

    /// <summary>The boolean-mask form of <see cref="Bernoulli(Span{float}, double)"/> (same draws).</summary>
    /// <param name="destination">The elements to fill, in order.</param>
    /// <param name="p">Probability of <c>true</c>, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    public void Bernoulli(Span<bool> destination, double p)
    {
        CheckProbability(p, "bernoulli");
        FillBernoulli(destination, p, true, false);
    }

    /// <summary>
    /// Fills <paramref name="destination"/>[i] with 1 with probability <paramref name="probabilities"/>[i],
    /// bit for bit like <c>torch.bernoulli(p)</c> for a float32 tensor p of the same shape.
    /// </summary>
    /// <param name="destination">The elements to fill, in order.</param>
    /// <param name="probabilities">One probability in [0, 1] per element.</param>
    /// <exception cref="ArgumentException">The two spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A probability is outside [0, 1].</exception>
    /// <remarks>
    /// Mirrors the tensor-p kernel with a float p (<c>bernoulli_distribution&lt;float&gt;</c>): one 32-bit draw
    /// per element, a 1 when its 24-bit uniform float is &lt; p. Note this is a different stream from the
    /// scalar-p overloads, as in PyTorch.
    /// </remarks>
    public void Bernoulli(Span<float> destination, ReadOnlySpan<float> probabilities)
    {
        CheckSameLength(destination.Length, probabilities.Length);
        for (var i = 0; i < probabilities.Length; i++)
        {
            CheckProbability(probabilities[i], "bernoulli", i);
        }
        // Uniforms go through a separate buffer: probabilities may alias destination (an in-place draw).
        Span<float> uniform = stackalloc float[DrawChunk];
        lock (_lock)
        {
            for (var start = 0; start < destination.Length; start += DrawChunk)
            {
                var u = uniform[..Math.Min(DrawChunk, destination.Length - start)];
                FillUnitFloats(u);
                for (var i = 0; i < u.Length; i++)
                {
                    destination[start + i] = u[i] < probabilities[start + i] ? 1f : 0f;
                }
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/>[i] with 1 with probability <paramref name="probabilities"/>[i],
    /// bit for bit like <c>torch.bernoulli(p)</c> for a float64 tensor p.
    /// </summary>
    /// <param name="destination">The elements to fill, in order.</param>
    /// <param name="probabilities">One probability in [0, 1] per element.</param>
    /// <exception cref="ArgumentException">The two spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A probability is outside [0, 1].</exception>
    /// <remarks>A double p takes <c>bernoulli_distribution&lt;double&gt;</c>: one 64-bit draw per element.</remarks>
    public void Bernoulli(Span<double> destination, ReadOnlySpan<double> probabilities)
    {
        CheckSameLength(destination.Length, probabilities.Length);
        for (var i = 0; i < probabilities.Length; i++)
        {
            CheckProbability(probabilities[i], "bernoulli", i);
        }
        // Uniforms go through a separate buffer: probabilities may alias destination (an in-place draw).
        Span<double> uniform = stackalloc double[DrawChunk];
        lock (_lock)
        {
            for (var start = 0; start < destination.Length; start += DrawChunk)
            {
                var u = uniform[..Math.Min(DrawChunk, destination.Length - start)];
                FillUnitDoubles(u);
                for (var i = 0; i < u.Length; i++)
                {
                    destination[start + i] = u[i] < probabilities[start + i] ? 1.0 : 0.0;
                }
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="mask"/> with the scaled keep-mask that <c>torch.nn.functional.dropout(x, p)</c>
    /// multiplies a float32 input by in training mode: 0 for a dropped element, 1/(1-p) for a kept one.
    /// </summary>
    /// <param name="mask">One element per input element, in order.</param>
    /// <param name="p">Probability of dropping an element, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    /// <remarks>
    /// PyTorch's CPU dropout draws <c>bernoulli_(1 - p)</c> (see <see cref="Bernoulli(Span{float}, double)"/>)
    /// and divides it by 1 - p in float32. For p = 0 and p = 1 it draws nothing, and neither does this method.
    /// </remarks>
    public void DropoutMask(Span<float> mask, double p)
    {
        CheckProbability(p, "dropout");
        if (p == 0.0)
        {
            mask.Fill(1f);
            return;
        }
        if (p == 1.0)
        {
            mask.Fill(0f);
            return;
        }
        var keep = 1.0 - p;
        var scale = 1f / (float)keep;
        FillBernoulli(mask, keep, scale, 0f);
    }

    // bernoulli_distribution<double>(p) element by element: one 64-bit draw each, `one` when its 53-bit
    // uniform double is < p. Takes the lock.
    private void FillBernoulli<T>(Span<T> destination, double p, T one, T zero)
        where T : struct
    {
        Span<double> uniform = stackalloc double[DrawChunk];
        lock (_lock)
        {
            for (var start = 0; start < destination.Length; start += DrawChunk)
            {
                var chunk = destination.Slice(start, Math.Min(DrawChunk, destination.Length - start));
                var u = uniform[..chunk.Length];
                FillUnitDoubles(u);
                for (var i = 0; i < chunk.Length; i++)
                {
                    chunk[i] = u[i] < p ? one : zero;
                }
            }
        }
    }

    private static void CheckProbability(double p, string op, int index = -1)
    {
        if (p is >= 0.0 and <= 1.0)
        {
            return;
        }
        var where = index >= 0 ? $" at index {index}" : "";
        throw new ArgumentOutOfRangeException(nameof(p), $"{op}: expects p to be in [0, 1], but got p={p}{where}");
    }

    private static void CheckSameLength(int destination, int probabilities)
    {
        if (destination != probabilities)
        {
            throw new ArgumentException(
                $"bernoulli: destination has {destination} elements but probabilities has {probabilities}");
        }
    }
}
