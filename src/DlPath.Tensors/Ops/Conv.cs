using System.Numerics;
using DlPath.Tensors.Kernels;
using DlPath.Tensors.Kernels.Conv;
using ConvReference = DlPath.Tensors.Kernels.Conv.Conv2dReference;

namespace DlPath.Tensors;

// 2-D convolution as one fused op: forward and both backward passes run on the packed GEMM over im2col columns
// in pooled scratch, or on direct AVX-512 kernels for stride-1 float32 layers (Kernels/Conv; 3x3 kernels have their
// own weight-gradient kernel, and a 3x3 "same" layer one backward pass for both gradients), instead of an Unfold
// tensor, a MatMul and a broadcast add in the graph.
public sealed partial class Tensor
{
    /// <summary>
    /// 2-D convolution (<c>torch.nn.functional.conv2d</c>,
    /// https://pytorch.org/docs/stable/generated/torch.nn.functional.conv2d.html), strictly a cross-correlation:
    /// input (N, C, H, W), weight (O, C/groups, kh, kw), bias (O) or null → (N, O, outH, outW) with
    /// outH = (H + 2·padH − dilH·(kh−1) − 1) / strideH + 1. Differentiable in input, weight and bias.
    /// </summary>
    /// <param name="input">(N, C, H, W), float32 or float64.</param>
    /// <param name="weight">(O, C/groups, kh, kw), same dtype.</param>
    /// <param name="bias">(O), or null for none.</param>
    /// <param name="stride">(strideH, strideW) or one value for both; default 1.</param>
    /// <param name="padding">Zero padding on both sides, (padH, padW) or one value; default 0.</param>
    /// <param name="dilation">(dilH, dilW) or one value; default 1.</param>
    /// <param name="groups">Channel groups: input and output channels are split into this many independent convolutions.</param>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, int[]? stride = null, int[]? padding = null, int[]? dilation = null, int groups = 1)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (input.Rank != 4) throw new ShapeException($"conv2d: expects a 4-D (N,C,H,W) input, got {input.ShapeString}");
        if (weight.Rank != 4) throw new ShapeException($"conv2d: weight must be (out_channels, in_channels/groups, kh, kw), got {weight.ShapeString}");
        if (input.DType != weight.DType || (bias is not null && bias.DType != input.DType))
        {
            throw new ArgumentException($"conv2d: input ({input.DType.Name()}), weight ({weight.DType.Name()}) and bias ({bias?.DType.Name() ?? "none"}) must have the same dtype");
        }

        if (input.DType is not (DType.Float32 or DType.Float64)) throw new ArgumentException($"conv2d: needs float32 or float64 tensors, got {input.DType.Name()}");
        int o = weight.Shape[0], c = input.Shape[1];
        if (groups < 1 || o % groups != 0)
        {
            throw new ArgumentException($"conv2d: groups={groups} must be positive and divide out_channels={o} of weight {weight.ShapeString}");
        }

        if (c != weight.Shape[1] * groups)
        {
            throw new ShapeException($"conv2d: input {input.ShapeString} has {c} channels, but weight {weight.ShapeString} with groups={groups} expects {weight.Shape[1] * groups}");
        }

        if (bias is not null && (bias.Rank != 1 || bias.Shape[0] != o))
        {
            throw new ShapeException($"conv2d: bias must be ({o}) for weight {weight.ShapeString}, got {bias.ShapeString}");
        }

        var g = Im2ColGeometry.Create("conv2d", input.Shape[0], c, input.Shape[2], input.Shape[3], [weight.Shape[2], weight.Shape[3]], dilation, padding, stride);
        var x = input.Contiguous();
        var w = weight.Contiguous();
        var b = bias?.Contiguous();
        var y = Uninitialized([g.N, o, g.Oh, g.Ow], input.DType);
        if (input.DType == DType.Float32) ConvForward<float>(x, w, b, y, g, o, groups);
        else ConvForward<double>(x, w, b, y, g, o, groups);

        Tensor[] inputs = bias is null ? [input, weight] : [input, weight, bias];
        return Record(y, "ConvolutionBackward", inputs, [x, w], grad =>
        {
            // y = W ⋆ x + b, so dx = W^T ⋆ dy (col2im of W^T dY), dW = dY ⋆ x (dY times the columns of x), db = Σ dy.
            var dy = grad.Contiguous();
            var dx = input.RequiresGrad ? Uninitialized(input.ShapeArray(), input.DType) : null;
            var dw = weight.RequiresGrad ? Uninitialized(weight.ShapeArray(), weight.DType) : null;
            var db = bias is not null && bias.RequiresGrad ? Uninitialized([o], bias.DType) : null;
            if (dy.DType == DType.Float32) ConvBackward<float>(x, w, dy, dx, dw, db, g, o, groups);
            else ConvBackward<double>(x, w, dy, dx, dw, db, g, o, groups);
            return bias is null ? [dx, dw] : [dx, dw, db];
        });
    }

    /// <summary>
    /// The readable twin of <see cref="Conv2d"/> (forward only, no autograd): the convolution sum in plain loops, for
    /// tests and learners. Same arguments and result.
    /// </summary>
    internal static Tensor Conv2dReference(Tensor input, Tensor weight, Tensor? bias = null, int[]? stride = null, int[]? padding = null, int[]? dilation = null, int groups = 1)
    {
        var g = Im2ColGeometry.Create("conv2d", input.Shape[0], input.Shape[1], input.Shape[2], input.Shape[3], [weight.Shape[2], weight.Shape[3]], dilation, padding, stride);
        int o = weight.Shape[0];
        var x = input.Contiguous();
        var w = weight.Contiguous();
        var b = bias?.Contiguous();
        var y = Empty([g.N, o, g.Oh, g.Ow], input.DType);
        if (input.DType == DType.Float32) ConvReference.Forward<float>(x.AsSpan<float>(), w.AsSpan<float>(), b is null ? default : b.AsSpan<float>(), y.AsSpan<float>(), g, o, groups);
        else ConvReference.Forward<double>(x.AsSpan<double>(), w.AsSpan<double>(), b is null ? default : b.AsSpan<double>(), y.AsSpan<double>(), g, o, groups);
        return y;
    }

    /// <summary>The gradients (dx, dw, db) of the reference convolution for an output gradient dy, in plain loops.</summary>
    internal static (Tensor Dx, Tensor Dw, Tensor Db) Conv2dReferenceBackward(Tensor input, Tensor weight, Tensor dy, int[]? stride = null, int[]? padding = null, int[]? dilation = null, int groups = 1)
    {
        var g = Im2ColGeometry.Create("conv2d", input.Shape[0], input.Shape[1], input.Shape[2], input.Shape[3], [weight.Shape[2], weight.Shape[3]], dilation, padding, stride);
        int o = weight.Shape[0];
        var x = input.Contiguous();
        var w = weight.Contiguous();
        var d = dy.Contiguous();
        var dx = Empty(input.ShapeArray(), input.DType);
        var dw = Empty(weight.ShapeArray(), weight.DType);
        var db = Empty([o], weight.DType);
        if (input.DType == DType.Float32) ConvReference.Backward<float>(x.AsSpan<float>(), w.AsSpan<float>(), d.AsSpan<float>(), dx.AsSpan<float>(), dw.AsSpan<float>(), db.AsSpan<float>(), g, o, groups);
        else ConvReference.Backward<double>(x.AsSpan<double>(), w.AsSpan<double>(), d.AsSpan<double>(), dx.AsSpan<double>(), dw.AsSpan<double>(), db.AsSpan<double>(), g, o, groups);
        return (dx, dw, db);
    }

    private static void ConvForward<T>(Tensor x, Tensor w, Tensor? b, Tensor y, Im2ColGeometry g, int o, int groups)
        where T : unmanaged, INumber<T> =>
        Conv2dKernel.Forward(x.Data<T>(), x._offset, w.Data<T>(), w._offset, b?.Data<T>(), b?._offset ?? 0, y.Data<T>(), g, o, groups);

    private static void ConvBackward<T>(Tensor x, Tensor w, Tensor dy, Tensor? dx, Tensor? dw, Tensor? db, Im2ColGeometry g, int o, int groups)
        where T : unmanaged, INumber<T> =>
        Conv2dKernel.Backward(x.Data<T>(), x._offset, w.Data<T>(), w._offset, dy.Data<T>(), dy._offset, dx?.Data<T>(), dw?.Data<T>(), db?.Data<T>(), g, o, groups);
}
