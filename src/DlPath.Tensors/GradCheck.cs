using System.Globalization;

namespace DlPath.Tensors;

/// <summary>
/// Numeric gradient checking (cs231n's <c>eval_numerical_gradient</c>, <c>torch.autograd.gradcheck</c>):
/// compares the autograd gradient of a function with centered differences, in float64.
/// </summary>
public static class GradCheck
{
    /// <summary>
    /// Checks d f(inputs) / d inputs. A non-scalar output y is reduced to <c>sum(y * w)</c> with a fixed,
    /// non-uniform weight w so every output element matters. Inputs are converted to float64 copies.
    /// </summary>
    /// <param name="f">The function under test; it must use only ops on its inputs.</param>
    /// <param name="inputs">Points to check at; the ones that are floating point are checked.</param>
    /// <param name="h">Finite-difference step (1e-5, as the course uses).</param>
    /// <param name="tolerance">Largest acceptable relative error.</param>
    public static GradCheckResult Check(Func<Tensor[], Tensor> f, Tensor[] inputs, double h = 1e-5, double tolerance = 1e-6)
    {
        var xs = inputs.Select(t => t.DType.IsFloatingPoint() ? t.Detach().To(DType.Float64).Clone().RequireGrad() : t).ToArray();
        var output = f(xs);
        var weight = WeightFor(output);
        Scalarize(output, weight).Backward();

        var worst = new GradCheckResult(true, -1, [], 0, 0, 0, tolerance);
        for (int i = 0; i < xs.Length; i++)
        {
            var x = xs[i];
            if (!x.DType.IsFloatingPoint()) continue;
            var analytic = x.Grad?.ToArray<double>() ?? new double[x.Numel];
            var data = x.AsSpan<double>();
            for (int j = 0; j < x.Numel; j++)
            {
                double saved = data[j];
                double plus, minus;
                using (Tensor.NoGrad())
                {
                    data[j] = saved + h;
                    plus = Scalarize(f(xs), weight).Item();
                    data[j] = saved - h;
                    minus = Scalarize(f(xs), weight).Item();
                }

                data[j] = saved;
                double numeric = (plus - minus) / (2 * h);
                double rel = Math.Abs(analytic[j] - numeric) / Math.Max(1e-8, Math.Abs(analytic[j]) + Math.Abs(numeric));
                if (rel > worst.RelativeError || worst.InputIndex < 0)
                {
                    worst = new GradCheckResult(rel <= tolerance, i, Unravel(j, x.ShapeArray()), analytic[j], numeric, rel, tolerance);
                }
            }
        }

        return worst with { Passed = worst.RelativeError <= tolerance };
    }

    private static Tensor WeightFor(Tensor output)
    {
        // 1, 1.1, 0.8, ... a fixed pattern (no RNG) that breaks symmetries between output elements.
        var w = new double[output.Numel];
        for (int i = 0; i < w.Length; i++) w[i] = 1.0 + (0.1 * ((i * 7) % 11)) - 0.5;
        return Tensor.FromArray(w, output.ShapeArray());
    }

    private static Tensor Scalarize(Tensor y, Tensor weight) => (y.To(DType.Float64) * weight).Sum();

    private static int[] Unravel(int flat, int[] shape)
    {
        var idx = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }

        return idx;
    }
}

/// <summary>The outcome of a <see cref="GradCheck"/>: the worst element over all inputs.</summary>
/// <param name="Passed">True when the worst relative error is within the tolerance.</param>
/// <param name="InputIndex">Which input holds the worst element.</param>
/// <param name="Index">The worst element's index in that input.</param>
/// <param name="Analytic">The autograd gradient there.</param>
/// <param name="Numeric">The centered-difference gradient there.</param>
/// <param name="RelativeError"><c>|a - n| / max(1e-8, |a| + |n|)</c>.</param>
/// <param name="Tolerance">The tolerance the check used.</param>
public sealed record GradCheckResult(bool Passed, int InputIndex, int[] Index, double Analytic, double Numeric, double RelativeError, double Tolerance)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"gradcheck {(Passed ? "passed" : "FAILED")}: worst element input {InputIndex} [{string.Join(",", Index)}]: analytic {Analytic:G6}, numeric {Numeric:G6}, relative error {RelativeError:E2} (tolerance {Tolerance:E0})");
}
