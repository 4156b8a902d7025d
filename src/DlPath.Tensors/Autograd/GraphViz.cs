using System.Globalization;
using System.Text;

namespace DlPath.Tensors.Autograd;

/// <summary>
/// Writes the autograd graph behind a tensor in Graphviz DOT (render with <c>dot -Tsvg graph.dot</c>), the way
/// torchviz's <c>make_dot</c> draws PyTorch graphs: a box per op (its <see cref="GradFn"/> name), an ellipse per
/// tensor with its shape, dtype, and — for small tensors — values and gradient. Arrows follow the data, from
/// inputs through ops to outputs.
/// </summary>
public static class GraphViz
{
    /// <summary>The graph that produced <paramref name="root"/>, as DOT text.</summary>
    /// <param name="root">The output to draw the graph of (usually the loss).</param>
    /// <param name="maxValues">Tensors with at most this many elements show their values and gradient.</param>
    public static string ToDot(this Tensor root, int maxValues = 8)
    {
        ArgumentNullException.ThrowIfNull(root);
        var ids = new Dictionary<object, string>(ReferenceEqualityComparer.Instance);
        var sb = new StringBuilder();
        sb.AppendLine("digraph autograd {");
        sb.AppendLine("  rankdir=LR;");
        sb.AppendLine("  node [fontname=\"monospace\", fontsize=10];");

        string TensorNode(Tensor t)
        {
            if (ids.TryGetValue(t, out var id)) return id;
            id = "t" + ids.Count.ToString(CultureInfo.InvariantCulture);
            ids[t] = id;
            string role = ReferenceEquals(t, root) ? "output" : t.IsLeaf ? (t.RequiresGrad ? "leaf (requires grad)" : "constant") : "intermediate";
            var label = new StringBuilder($"{role}\\n{t.ShapeString} {t.DType.Name()}");
            if (t.Numel <= maxValues)
            {
                label.Append("\\nvalue ").Append(Values(t));
                if (t.Grad is { } g) label.Append("\\ngrad ").Append(Values(g));
            }
            else if (t.Grad is not null)
            {
                label.Append("\\ngrad ").Append(t.Grad.ShapeString);
            }

            string style = ReferenceEquals(t, root) ? ", style=filled, fillcolor=\"#d9ead3\"" : t.IsLeaf && t.RequiresGrad ? ", style=filled, fillcolor=\"#fff2cc\"" : string.Empty;
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {id} [shape=ellipse{style}, label=\"{label}\"];");
            return id;
        }

        // Iterative walk (deep graphs, e.g. unrolled RNNs, would overflow a recursive one).
        var pending = new Stack<Tensor>();
        var seenOps = new HashSet<GradFn>(ReferenceEqualityComparer.Instance);
        TensorNode(root);
        pending.Push(root);
        while (pending.Count > 0)
        {
            var t = pending.Pop();
            if (t.GradFn is not { } fn || !seenOps.Add(fn)) continue;
            string opId = "op" + seenOps.Count.ToString(CultureInfo.InvariantCulture);
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {opId} [shape=box, style=filled, fillcolor=\"#cfe2f3\", label=\"{Escape(fn.Name)}\"];");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {opId} -> {TensorNode(t)};");
            foreach (var input in fn.Inputs)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {TensorNode(input)} -> {opId};");
                pending.Push(input);
            }
        }

        sb.AppendLine("}");
        return sb.ToString();
    }

    private static string Values(Tensor t)
    {
        var v = t.ToArray<double>();
        return "[" + string.Join(", ", v.Select(x => t.DType == DType.Bool ? (x != 0 ? "True" : "False") : x.ToString("G4", CultureInfo.InvariantCulture))) + "]";
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
