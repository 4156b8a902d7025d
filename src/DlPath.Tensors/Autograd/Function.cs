namespace DlPath.Tensors.Autograd;

/// <summary>
/// A differentiable operation written by the user: forward and backward by hand, plugged into autograd
/// (<c>torch.autograd.Function</c>, https://pytorch.org/docs/stable/autograd.html#function). Subclass it,
/// then call <c>MyFunction.Apply(x, y)</c>.
/// </summary>
/// <typeparam name="TSelf">The subclass itself, so that <c>Apply</c> can be called on its name.</typeparam>
/// <example><code>
/// sealed class MyExp : Function&lt;MyExp&gt;
/// {
///     public override Tensor Forward(FunctionContext ctx, params Tensor[] inputs)
///     {
///         var y = inputs[0].Exp();
///         ctx.SaveForBackward(y);
///         return y;
///     }
///
///     // d exp(x)/dx = exp(x): reuse the saved output.
///     public override Tensor?[] Backward(FunctionContext ctx, Tensor grad) => [grad * ctx.SavedTensors[0]];
/// }
///
/// var y = MyExp.Apply(x);
/// </code></example>
public abstract class Function<TSelf>
    where TSelf : Function<TSelf>, new()
{
    /// <summary>
    /// Computes the output from the inputs. Runs with recording off (as in torch): whatever it computes is not
    /// part of the graph; the graph gets one node whose backward is <see cref="Backward"/>. Save what the
    /// backward needs with <see cref="FunctionContext.SaveForBackward"/>.
    /// </summary>
    public abstract Tensor Forward(FunctionContext ctx, params Tensor[] inputs);

    /// <summary>
    /// Given dL/d(output), returns dL/d(input) for each input in order (null for an input that needs none; see
    /// <see cref="FunctionContext.NeedsInputGrad"/>). A gradient may have the broadcast shape of its input.
    /// </summary>
    public abstract Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput);

    /// <summary>Runs the function on <paramref name="inputs"/> and records it in the graph when an input requires grad.</summary>
    public static Tensor Apply(params Tensor[] inputs) => new TSelf().Invoke(inputs);

    /// <summary>
    /// Runs this instance of the function: use it when the function carries settings in its fields (a dropout
    /// probability, a margin), e.g. <c>new MyDropout { P = 0.5 }.Invoke(x)</c>. Each call gets its own context.
    /// </summary>
    public Tensor Invoke(params Tensor[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var fn = this;
        string name = typeof(TSelf).Name + "Backward";
        var ctx = new FunctionContext(inputs.Select(t => t.RequiresGrad).ToArray());
        Tensor output;
        using (Tensor.NoGrad())
        {
            output = fn.Forward(ctx, inputs) ?? throw new InvalidOperationException($"{typeof(TSelf).Name}.Forward returned null");
        }

        // A fresh tensor object over the output's data, so a forward that returns an input (or a view of one)
        // does not overwrite that tensor's place in the graph.
        var result = output.Detach();
        if (!GradMode.IsEnabled || !inputs.Any(t => t.RequiresGrad)) return result;
        if (!result.DType.IsFloatingPoint())
        {
            throw new InvalidOperationException($"{typeof(TSelf).Name}: the output is {result.DType.Name()}, but only floating-point outputs can carry gradients");
        }

        result.AttachGradFn(new CustomGradFn(name, inputs, ctx, fn.Backward));
        return result;
    }

    /// <summary>The graph node of a user function: checks what the user's backward returns before the engine uses it.</summary>
    private sealed class CustomGradFn(string name, Tensor[] inputs, FunctionContext ctx, Func<FunctionContext, Tensor, Tensor?[]> backward)
        : GradFn(name, inputs, ctx.SavedTensors.ToArray())
    {
        public override Tensor?[] Backward(Tensor gradOutput)
        {
            var grads = backward(ctx, gradOutput) ?? throw new InvalidOperationException($"{Name}: Backward returned null; return one gradient (or null) per input");
            if (grads.Length != Inputs.Count)
            {
                throw new InvalidOperationException($"{Name}: Backward returned {grads.Length} gradients, but the function has {Inputs.Count} inputs");
            }

            for (int i = 0; i < grads.Length; i++)
            {
                if (grads[i] is not { } g || !Inputs[i].RequiresGrad) continue;
                if (!ShapeUtil.SameShape(g.Shape, Inputs[i].Shape) && !BroadcastsTo(Inputs[i].Shape, g.Shape))
                {
                    throw new ShapeException($"{Name}: Backward returned a gradient of shape {g.ShapeString} for input {i} of shape {Inputs[i].ShapeString}; it must have the input's shape (or a shape the input broadcasts to)");
                }
            }

            return grads;
        }

        private static bool BroadcastsTo(ReadOnlySpan<int> from, ReadOnlySpan<int> to)
        {
            if (from.Length > to.Length) return false;
            for (int i = 1; i <= from.Length; i++)
            {
                if (from[^i] != 1 && from[^i] != to[^i]) return false;
            }

            return true;
        }
    }
}
