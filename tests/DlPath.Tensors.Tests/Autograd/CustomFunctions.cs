using DlPath.Tensors.Autograd;

namespace DlPath.Tensors.Tests.Autograd;

/// <summary>exp(x) with a hand-written backward that reuses the saved output.</summary>
internal sealed class MyExp : Function<MyExp>
{
    public override Tensor Forward(FunctionContext ctx, params Tensor[] inputs)
    {
        // Computed per element with Math.Exp: the point of this function is its hand-written backward.
        var x = inputs[0].Contiguous().ToArray<double>();
        var y = Tensor.FromArray(x.Select(Math.Exp).ToArray(), inputs[0].ShapeArray()).To(inputs[0].DType);
        ctx.SaveForBackward(y);
        return y;
    }

    // d exp(x)/dx = exp(x)
    public override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput) => [gradOutput * ctx.SavedTensors[0]];
}

/// <summary>y = x W^T + b (a linear layer), the cs231n "affine_forward/affine_backward" pair.</summary>
internal sealed class MyLinear : Function<MyLinear>
{
    public override Tensor Forward(FunctionContext ctx, params Tensor[] inputs)
    {
        var (x, w, b) = (inputs[0], inputs[1], inputs[2]);
        ctx.SaveForBackward(x, w);
        return x.MatMul(w.T) + b;
    }

    // dL/dx = g W, dL/dW = g^T x, dL/db = sum over rows of g
    public override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput)
    {
        var (x, w) = (ctx.SavedTensors[0], ctx.SavedTensors[1]);
        return
        [
            ctx.NeedsInputGrad(0) ? gradOutput.MatMul(w) : null,
            ctx.NeedsInputGrad(1) ? gradOutput.T.MatMul(x) : null,
            ctx.NeedsInputGrad(2) ? gradOutput.Sum(0) : null,
        ];
    }
}

/// <summary>x * x with a deliberately wrong backward (forgets the factor 2): GradCheck must catch it.</summary>
internal sealed class WrongSquare : Function<WrongSquare>
{
    public override Tensor Forward(FunctionContext ctx, params Tensor[] inputs)
    {
        ctx.SaveForBackward(inputs[0]);
        return inputs[0] * inputs[0];
    }

    public override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput) => [gradOutput * ctx.SavedTensors[0]];
}

/// <summary>Returns its input unchanged (forward returns the very same tensor object).</summary>
internal sealed class Identity : Function<Identity>
{
    public override Tensor Forward(FunctionContext ctx, params Tensor[] inputs) => inputs[0];

    public override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput) => [gradOutput];
}

/// <summary>A backward that returns a gradient of the wrong shape.</summary>
internal sealed class BadShape : Function<BadShape>
{
    public override Tensor Forward(FunctionContext ctx, params Tensor[] inputs) => inputs[0] * 2.0;

    public override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput) => [gradOutput.Sum(0)];
}

/// <summary>y = factor * x, with the factor a setting of the instance (called through Invoke).</summary>
internal sealed class Scale : Function<Scale>
{
    public double Factor { get; init; } = 1;

    public override Tensor Forward(FunctionContext ctx, params Tensor[] inputs) => inputs[0] * Factor;

    // d(factor * x)/dx = factor
    public override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput) => [gradOutput * Factor];
}
