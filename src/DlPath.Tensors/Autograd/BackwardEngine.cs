namespace DlPath.Tensors.Autograd;

/// <summary>
/// Reverse-mode differentiation over the recorded graph: visit tensors in reverse topological order,
/// call each node's backward, reduce broadcast gradients to their input's shape, and accumulate.
/// </summary>
internal static class BackwardEngine
{
    public static void Run(Tensor root, Tensor rootGrad)
    {
        var order = TopologicalOrder(root);
        var grads = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance) { [root] = rootGrad };

        // The backward formulas themselves are not differentiated (no create_graph), so record nothing.
        using var noGrad = Tensor.NoGrad();
        if (root.IsLeaf)
        {
            Accumulate(root, rootGrad);
            return;
        }

        foreach (var tensor in order)
        {
            if (!grads.Remove(tensor, out var grad)) continue;
            if (tensor.RetainsGrad) Accumulate(tensor, grad);
            var fn = tensor.GradFn!;
            fn.CheckSavedVersions();
            var inputGrads = fn.Backward(grad);
            for (int i = 0; i < fn.Inputs.Count; i++)
            {
                var input = fn.Inputs[i];
                var g = i < inputGrads.Length ? inputGrads[i] : null;
                if (g is null || !input.RequiresGrad) continue;
                g = ReduceToShape(g, input, fn.Name);
                if (input.IsLeaf)
                {
                    Accumulate(input, g);
                }
                else
                {
                    grads[input] = grads.TryGetValue(input, out var existing) ? existing + g : g;
                }
            }
        }
    }

    /// <summary>
    /// The one place where broadcasting is undone: a gradient shaped like the broadcast output is summed over
    /// the dims the input was expanded along, and cast to the input's dtype.
    /// </summary>
    internal static Tensor ReduceToShape(Tensor grad, Tensor input, string op)
    {
        if (!ShapeUtil.SameShape(grad.Shape, input.Shape))
        {
            grad = SumToShape(grad, input.Shape, op);
        }

        return grad.DType == input.DType ? grad : grad.To(input.DType);
    }

    /// <summary>Sums a broadcast tensor back to <paramref name="shape"/> (the shape it was broadcast from).</summary>
    public static Tensor SumToShape(Tensor grad, ReadOnlySpan<int> shape, string op)
    {
        int lead = grad.Rank - shape.Length;
        if (lead < 0)
        {
            throw new ShapeException($"{op} backward: gradient {grad.ShapeString} has fewer dims than its input {ShapeUtil.Format(shape)}");
        }

        var dims = new List<int>();
        for (int d = 0; d < grad.Rank; d++)
        {
            if (d < lead || (shape[d - lead] == 1 && grad.Shape[d] != 1)) dims.Add(d);
            else if (shape[d - lead] != grad.Shape[d])
            {
                throw new ShapeException($"{op} backward: gradient {grad.ShapeString} does not broadcast from input {ShapeUtil.Format(shape)}");
            }
        }

        var summed = dims.Count == 0 ? grad : grad.Sum(dims.ToArray(), keepDim: true);
        return summed.Reshape(shape.ToArray());
    }

    private static void Accumulate(Tensor leaf, Tensor g)
    {
        // Gradients accumulate (+=) in the leaf's own buffer. The first one is copied because g may be the
        // very tensor another leaf receives too (Add passes its gradient through), or a view of one.
        // A gradient zeroed in place (ZeroGrad(setToNone: false)) and untouched since takes its first contribution
        // as an overwrite with 0 + g: bit for bit the addition's result, without reading the zeros.
        if (leaf.Grad is { } existing && existing.IsContiguous && existing.DType == g.DType && ShapeUtil.SameShape(existing.Shape, g.Shape))
        {
            if (!existing.TryOverwriteKnownZero(g)) existing.AddInPlace(g);
        }
        else
        {
            leaf.Grad = leaf.Grad is null ? g.Clone() : leaf.Grad + g;
        }
    }

    /// <summary>Non-leaf tensors reachable from root, each after every tensor that consumes it.</summary>
    private static List<Tensor> TopologicalOrder(Tensor root)
    {
        // Iterative DFS (graphs of long training loops or RNNs are too deep for recursion).
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var postOrder = new List<Tensor>();
        var stack = new Stack<(Tensor Tensor, int NextInput)>();
        if (root.GradFn is null) return postOrder;
        stack.Push((root, 0));
        visited.Add(root);
        while (stack.Count > 0)
        {
            var (t, next) = stack.Pop();
            var inputs = t.GradFn!.Inputs;
            if (next < inputs.Count)
            {
                stack.Push((t, next + 1));
                var child = inputs[next];
                if (child.GradFn is not null && visited.Add(child)) stack.Push((child, 0));
            }
            else
            {
                postOrder.Add(t);
            }
        }

        postOrder.Reverse();
        return postOrder;
    }
}
