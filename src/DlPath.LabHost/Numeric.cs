using System.Globalization;
using DlPath.Course.Labs;
using DlPath.Tensors;

namespace DlPath.LabHost;

/// <summary>
/// The comparisons every lab uses: worst-element relative error (cs231n's <c>rel_error</c>), centered-difference
/// gradients in float64, and the recognition of common mistakes from how a wrong answer differs from the right one.
/// </summary>
public static class Numeric
{
    /// <summary>Finite-difference step (DESIGN.md, Testing).</summary>
    public const double H = 1e-5;

    /// <summary>
    /// Compares <paramref name="actual"/> with <paramref name="expected"/> element by element. On failure it tries to
    /// name the mistake: a transposed result, a wrong shape, NaN, a known wrong variant from
    /// <paramref name="alternatives"/>, a constant factor or offset named in <paramref name="factors"/>.
    /// </summary>
    public static CheckOutcome Compare(
        string name,
        Tensor? actual,
        Tensor expected,
        double tolerance,
        IReadOnlyDictionary<string, double>? factors = null,
        IEnumerable<(string Mistake, Tensor Value)>? alternatives = null)
    {
        if (actual is null) return CheckOutcome.Fail($"{name} is null", "null");
        var e = expected.Double().Contiguous();
        var a = actual.Double().Contiguous();
        if (!ShapeUtil.SameShape(a.Shape, e.Shape))
        {
            if (a.Rank == 2 && e.Rank == 2 && a.Size(0) == e.Size(1) && a.Size(1) == e.Size(0)
                && RelError(a.Transpose(0, 1).Contiguous(), e).Rel <= Math.Max(tolerance, 1e-6))
            {
                return CheckOutcome.Fail($"{name} has shape {a.ShapeString} but should be {e.ShapeString}: it is the transpose of the right answer", "transposed");
            }

            return CheckOutcome.Fail($"{name} has shape {a.ShapeString} but should be {e.ShapeString}", "shape");
        }

        var (rel, flat) = RelError(a, e);
        var worst = new WorstElement(name, FormatIndex(flat, e.ShapeArray()), a.AsSpan<double>()[flat], e.AsSpan<double>()[flat], rel);
        if (rel <= tolerance)
            return new CheckOutcome { Passed = true, RelativeError = rel, Tolerance = tolerance, Worst = worst };

        var mistake = Diagnose(a, e, tolerance, factors, alternatives, out var detail);
        var message = $"{name} differs from the reference (relative error {rel.ToString("E2", CultureInfo.InvariantCulture)})" + detail;
        return new CheckOutcome { Passed = false, RelativeError = rel, Tolerance = tolerance, Worst = worst, Mistake = mistake, Message = message };
    }

    /// <summary>Compares two scalars.</summary>
    public static CheckOutcome Compare(string name, double actual, double expected, double tolerance, IReadOnlyDictionary<string, double>? factors = null,
        IEnumerable<(string Mistake, double Value)>? alternatives = null) =>
        Compare(name, Tensor.Scalar(actual, DType.Float64), Tensor.Scalar(expected, DType.Float64), tolerance, factors,
            alternatives?.Select(x => (x.Mistake, Tensor.Scalar(x.Value, DType.Float64))));

    /// <summary>
    /// The worst element-wise relative error <c>|a - e| / max(1e-8, |a| + |e|)</c> and its flat index. An element
    /// far smaller than the tensor's largest is measured against 1/1000 of that largest magnitude instead: the
    /// centered difference carries an absolute noise of ~1e-10, which would fail a correct gradient at an element
    /// that happens to be ~1e-9.
    /// </summary>
    public static (double Rel, int Index) RelError(Tensor a, Tensor e)
    {
        var x = a.Double().Contiguous().AsSpan<double>();
        var y = e.Double().Contiguous().AsSpan<double>();
        double scale = 0;
        foreach (var v in y) scale = Math.Max(scale, Math.Abs(v));
        double floor = Math.Max(1e-8, 1e-3 * scale);
        double worst = 0;
        int at = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double r = Math.Abs(x[i] - y[i]) / Math.Max(floor, Math.Abs(x[i]) + Math.Abs(y[i]));
            if (double.IsNaN(r)) r = double.PositiveInfinity;
            if (r > worst)
            {
                worst = r;
                at = i;
            }
        }

        return (worst, at);
    }

    /// <summary>
    /// d sum(f() * dout) / d x by centered differences, perturbing <paramref name="x"/> (float64, contiguous) in place.
    /// </summary>
    public static Tensor Gradient(Func<Tensor> f, Tensor x, Tensor dout)
    {
        var data = x.AsSpan<double>().ToArray();
        var grad = new double[data.Length];
        var w = dout.Double().Contiguous();
        for (int i = 0; i < data.Length; i++)
        {
            double saved = data[i];
            x.AsSpan<double>()[i] = saved + H;
            double plus = (f().Double() * w).Sum().Item();
            x.AsSpan<double>()[i] = saved - H;
            double minus = (f().Double() * w).Sum().Item();
            x.AsSpan<double>()[i] = saved;
            grad[i] = (plus - minus) / (2 * H);
        }

        return Tensor.FromArray(grad, x.ShapeArray());
    }

    /// <summary>d f() / d x for a scalar-valued f, by centered differences.</summary>
    public static Tensor Gradient(Func<double> f, Tensor x) =>
        Gradient(() => Tensor.Scalar(f(), DType.Float64), x, Tensor.Scalar(1.0, DType.Float64));

    /// <summary>
    /// The gradients DlPath's autograd gives for sum(f(inputs) * dout): the reference for compare-dlpath checks.
    /// </summary>
    public static Tensor[] Autograd(Func<Tensor[], Tensor> f, Tensor[] inputs, Tensor dout)
    {
        var xs = inputs.Select(t => t.Detach().Double().Clone().RequireGrad()).ToArray();
        (f(xs) * dout.Double()).Sum().Backward();
        return xs.Select(x => x.Grad ?? Tensor.ZerosLike(x)).ToArray();
    }

    /// <summary>Float64 values <c>lo .. hi</c> spread over <paramref name="shape"/> (cs231n's linspace inputs).</summary>
    public static Tensor Linspace(double lo, double hi, params int[] shape) =>
        Tensor.Linspace(lo, hi, ShapeUtil.Numel(shape), DType.Float64).Reshape(shape).Contiguous();

    /// <summary>Seeded standard-normal float64 values (deterministic).</summary>
    public static Tensor Randn(ulong seed, params int[] shape) => Tensor.Randn(shape, DType.Float64, new Generator(seed));

    private static string? Diagnose(Tensor a, Tensor e, double tolerance, IReadOnlyDictionary<string, double>? factors,
        IEnumerable<(string Mistake, Tensor Value)>? alternatives, out string detail)
    {
        detail = "";
        var av = a.AsSpan<double>();
        foreach (var v in av)
        {
            if (double.IsNaN(v) || double.IsInfinity(v))
            {
                detail = ": it contains NaN or infinity";
                return "nan";
            }
        }

        double match = Math.Max(tolerance * 100, 1e-6);
        foreach (var (mistake, value) in alternatives ?? [])
        {
            if (ShapeUtil.SameShape(value.Shape, a.Shape) && RelError(a, value).Rel <= match)
                return mistake;
        }

        var ev = e.AsSpan<double>();
        double ae = 0, ee = 0;
        for (int i = 0; i < ev.Length; i++)
        {
            ae += av[i] * ev[i];
            ee += ev[i] * ev[i];
        }

        var inv = CultureInfo.InvariantCulture;
        if (ee > 0)
        {
            double k = ae / ee;
            if (RelError(a, e * k).Rel <= match && Math.Abs(k - 1) > 1e-9)
            {
                foreach (var (label, f) in factors ?? new Dictionary<string, double>())
                {
                    if (Math.Abs(k - f) <= 1e-6 * Math.Max(1, Math.Abs(f)))
                    {
                        detail = $": it is {label} times the right answer";
                        return $"scale:{label}";
                    }
                }

                detail = $": it is {k.ToString("G4", inv)} times the right answer";
                return Math.Abs(k + 1) < 1e-6 ? "sign" : "scale";
            }
        }

        double c = av.Length > 0 ? av[0] - ev[0] : 0;
        double largest = 0;
        foreach (var v in ev) largest = Math.Max(largest, Math.Abs(v));
        if (av.Length > 0 && Math.Abs(c) > 1e-6 * Math.Max(1, largest) && RelError(a, e + c).Rel <= match)
        {
            foreach (var (label, f) in factors ?? new Dictionary<string, double>())
            {
                if (Math.Abs(c - f) <= 1e-6 * Math.Max(1, Math.Abs(f)))
                {
                    detail = $": it is the right answer plus {label}";
                    return $"offset:{label}";
                }
            }

            detail = $": it is the right answer plus {c.ToString("G4", inv)}";
            return "offset";
        }

        return null;
    }

    private static string FormatIndex(int flat, int[] shape)
    {
        if (shape.Length == 0) return "";
        var idx = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }

        return "[" + string.Join(",", idx) + "]";
    }
}
