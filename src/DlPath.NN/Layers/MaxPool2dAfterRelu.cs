using DlPath.Tensors;
using DlPath.Tensors.Autograd;

namespace DlPath.NN;

/// <summary>
/// ReLU followed by 2x2 / stride 2 max pooling as one graph node: <c>max_pool2d(relu(x))</c> equals
/// <c>relu(max_pool2d(x))</c> value for value, because max(·, 0) is monotone, so the forward pass reads x once and
/// writes only the pooled output (the ReLU's full-size output is never made), and the backward pass writes dx once:
/// g at each window's first maximum where the pooled output is &gt; 0, and 0 everywhere else.
/// </summary>
/// <remarks>
/// Why the two orders agree, also in the corners: where a window's maximum m is &gt; 0, the ReLU leaves every cell
/// equal to m as it is and turns the others into values below m, so the same first cell wins and ReLU passes its
/// gradient (1); where m ≤ 0 or m is NaN, both forms output max(m, 0) (0, or NaN for NaN; -0 becomes +0) and every
/// cell's gradient is 0, as ReLU's derivative is 0 where its output is not &gt; 0. The unfused twin is
/// <c>Functional.MaxPool2d(x.Relu(), [2])</c>, which the tests compare with this bit for bit.
/// </remarks>
internal sealed class ReluMaxPool2dKernel : Function<ReluMaxPool2dKernel>
{
    /// <summary>Whether the 2x2 kernel takes this float (N, C, H, W) input with geometry (kh, kw, sh, sw, ph, pw, dh, dw, oh, ow).</summary>
    public static bool Suits(Tensor input, int[] geometry) =>
        input.Rank == 4 && (input.DType is DType.Float32 or DType.Float64) && MaxPool2x2.Suits(geometry, input.Shape[2], input.Shape[3]);

    /// <summary>relu then 2x2 / stride 2 max pooling of a float (N, C, H, W) input, contiguous or not.</summary>
    public static Tensor Compute(Tensor input) => Apply(input);

    /// <inheritdoc />
    public override Tensor Forward(FunctionContext ctx, params Tensor[] inputs)
    {
        // x: (N, C, H, W) -> y: (N, C, H / 2, W / 2); the kernel writes every element of y.
        var x = inputs[0].Contiguous();
        var y = Tensor.Uninitialized([x.Shape[0], x.Shape[1], x.Shape[2] / 2, x.Shape[3] / 2], x.DType);
        MaxPool2x2.Forward(x, y, relu: true);

        // The backward pass finds each window's winner again by comparing x with y; saving both (version-checked)
        // catches an in-place change of x before backward.
        ctx.SaveForBackward(x, y);
        return y;
    }

    /// <inheritdoc />
    public override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput)
    {
        if (!ctx.NeedsInputGrad(0)) return [null];
        Tensor x = ctx.SavedTensors[0], y = ctx.SavedTensors[1];
        var g = gradOutput.Contiguous();
        var dx = Tensor.Uninitialized(x.ShapeArray(), g.DType);
        MaxPool2x2.Backward(x, y, g, dx, relu: true);
        return [dx];
    }
}
