using System.Globalization;
using System.Text;

namespace DlPath.Tensors;

public sealed partial class Tensor
{
    private const int SummaryThreshold = 1000;
    private const int EdgeItems = 3;

    /// <summary>
    /// A PyTorch-like rendering: <c>tensor([[1.0000, 2.0000], [3.0000, 4.0000]], requires_grad=True)</c>;
    /// large tensors are summarised with "..." as torch does.
    /// </summary>
    public override string ToString()
    {
        var values = Contiguous();
        bool summarize = Numel > SummaryThreshold;
        var sb = new StringBuilder("tensor(");
        string[] strings = FormatElements(values);
        int width = strings.Length == 0 ? 0 : strings.Max(s => s.Length);
        if (Rank == 0)
        {
            sb.Append(strings[0]);
        }
        else
        {
            AppendDim(sb, strings, width, 0, 0, summarize, indent: 7);
        }

        if (DType == DType.Float64)
        {
            sb.Append(", dtype=torch.float64");
        }

        if (GradFn is not null) sb.Append(", grad_fn=<").Append(GradFn.Name).Append('>');
        else if (RequiresGrad) sb.Append(", requires_grad=True");
        return sb.Append(')').ToString();
    }

    private void AppendDim(StringBuilder sb, string[] values, int width, int dim, int offset, bool summarize, int indent)
    {
        int size = _shape[dim];
        int block = 1;
        for (int d = dim + 1; d < Rank; d++) block *= _shape[d];
        sb.Append('[');
        for (int i = 0; i < size; i++)
        {
            if (summarize && size > 2 * EdgeItems && i == EdgeItems)
            {
                sb.Append(dim == Rank - 1 ? "..., " : "...,\n" + new string(' ', indent + dim + 1));
                i = size - EdgeItems - 1;
                continue;
            }

            if (dim == Rank - 1)
            {
                sb.Append(values[offset + i].PadLeft(width));
            }
            else
            {
                AppendDim(sb, values, width, dim + 1, offset + (i * block), summarize, indent);
            }

            if (i < size - 1)
            {
                sb.Append(dim == Rank - 1 ? ", " : "," + new string('\n', Rank - dim - 1) + new string(' ', indent + dim + 1));
            }
        }

        sb.Append(']');
    }

    private static string[] FormatElements(Tensor t)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (t.DType)
        {
            case DType.Int64:
                return t.AsSpan<long>().ToArray().Select(v => v.ToString(inv)).ToArray();
            case DType.Bool:
                return t.AsSpan<bool>().ToArray().Select(v => v ? "True" : "False").ToArray();
            default:
                {
                    var d = t.ToArray<double>();
                    var finite = d.Where(double.IsFinite).Select(Math.Abs).ToArray();
                    double max = finite.Length > 0 ? finite.Max() : 0;
                    double min = finite.Where(v => v > 0).DefaultIfEmpty(0).Min();
                    bool allInts = d.All(v => !double.IsFinite(v) || v == Math.Floor(v));
                    bool sci = max >= 1e8 || (min > 0 && min < 1e-4) || (min > 0 && max / min > 1e3 && !allInts);
                    return d.Select(v => FormatFloat(v, allInts, sci, inv)).ToArray();
                }
        }
    }

    private static string FormatFloat(double v, bool allInts, bool sci, CultureInfo inv)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsPositiveInfinity(v)) return "inf";
        if (double.IsNegativeInfinity(v)) return "-inf";
        if (sci) return v.ToString("0.0000e+00", inv);
        return allInts ? v.ToString("0", inv) + "." : v.ToString("0.0000", inv);
    }
}
