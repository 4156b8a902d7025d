using System.Runtime.InteropServices;
using DlPath.Tensors;
using DlPath.Tensors.Autograd;
using DlPath.Tensors.Kernels;
using DlPath.Tensors.Kernels.Conv;

namespace DlPath.NN;

/// <summary>
/// A convolution, ReLU and 2x2 / stride 2 max pooling as one graph node, for the conv blocks of a CNN
/// (<c>Conv2d → ReLU → MaxPool2d(2)</c>) whose convolution runs on the direct float32 kernel. The forward pools each
/// tile of the convolution while it is in cache and writes only the pooled output and one byte per pooled cell
/// naming the window's winner, so the convolution's full-size output is never written nor read back (for the
/// CNN's first layer that is 12.8 MB a batch, written once and read twice). The backward works from the pooled
/// gradient and those bytes: with 8 input channels or more it sums over the windows' winners only
/// (<see cref="PooledConvBackward"/>: at most a quarter of the dense backward's multiplications, as pooling passes
/// each window's gradient to one cell); with fewer it rebuilds the convolution's output gradient and runs the
/// convolution's backward.
/// </summary>
/// <remarks>
/// The output equals the three modules' run in turn bit for bit (see <see cref="Conv2dDirect.ForwardReluPool2x2"/>),
/// except for a 3x3 "same" layer with at least 8 input channels and a multiple of 16 output channels (the CNN's
/// second block), whose forward runs on Winograd's F(2x2, 3x3) (<see cref="Conv2dWinograd"/>, about 1.6x faster
/// there): its values round differently, agreeing to float32 rounding (exactly where the data are small integers),
/// and the backward follows its winners. dx and dW on the rebuilt gradient are bit for bit the modules'; the
/// winners-only sums are the same terms less the zeros, in another order, so equal up to rounding (exactly equal
/// where the sums are exact). The tests compare the two. <see cref="Sequential"/> uses the node when
/// <see cref="Suits"/> holds and no module of the three has a forward hook.
/// </remarks>
internal sealed class Conv2dReluMaxPool2dKernel : Function<Conv2dReluMaxPool2dKernel>
{
    private int[] _padding = [0, 0];
    private Im2ColGeometry _geometry;
    private bool _hasBias;

    /// <summary>
    /// Whether <c>pool(relu(conv(input)))</c> can run fused: a float32 (N, C, H, W) input with C = the layer's input
    /// channels, a layer the direct kernel takes (stride 1, dilation 1, one group, padding below the kernel size) on
    /// a CPU with AVX-512 F, BW and VL, and a 2x2 / stride 2 pooling without padding, dilation or ceil mode.
    /// </summary>
    public static bool Suits(Tensor input, Conv2d conv, MaxPool2d pool)
    {
        if (input.Rank != 4 || input.DType != DType.Float32 || conv.Weight.Value.DType != DType.Float32) return false;
        if (conv.Bias is not null && conv.Bias.Value.DType != DType.Float32) return false;
        if (input.Shape[1] != conv.InChannels || conv.Groups != 1) return false;
        if (!(pool.KernelSize is [2, 2] && pool.Stride is [2, 2] && pool.Padding is [0, 0] && pool.Dilation is [1, 1] && !pool.CeilMode)) return false;
        int[] k = conv.KernelSize, p = conv.Padding;
        int oh = input.Shape[2] + (2 * p[0]) - k[0] + 1, ow = input.Shape[3] + (2 * p[1]) - k[1] + 1;
        if (oh < 2 || ow < 2 || input.Shape[0] == 0) return false;
        var g = new Im2ColGeometry(input.Shape[0], input.Shape[1], input.Shape[2], input.Shape[3], k[0], k[1], conv.Stride[0], conv.Stride[1], p[0], p[1], conv.Dilation[0], conv.Dilation[1]);
        return Conv2dDirect.SuitsReluPool && Conv2dDirect.Suits(g, conv.Groups);
    }

    /// <summary><c>max_pool2d(relu(conv(input)), 2)</c> for a case that <see cref="Suits"/>.</summary>
    public static Tensor Compute(Tensor input, Conv2d conv)
    {
        var fn = new Conv2dReluMaxPool2dKernel { _padding = conv.Padding };
        return conv.Bias is null ? fn.Invoke(input, conv.Weight.Value) : fn.Invoke(input, conv.Weight.Value, conv.Bias.Value);
    }

    /// <inheritdoc />
    public override unsafe Tensor Forward(FunctionContext ctx, params Tensor[] inputs)
    {
        var x = inputs[0].Contiguous();
        var w = inputs[1].Contiguous();
        var b = inputs.Length > 2 ? inputs[2].Contiguous() : null;
        _hasBias = b is not null;
        int o = w.Shape[0];
        _geometry = new Im2ColGeometry(x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3], w.Shape[2], w.Shape[3], 1, 1, _padding[0], _padding[1], 1, 1);
        int[] pooledShape = [x.Shape[0], o, _geometry.Oh / 2, _geometry.Ow / 2];
        var y = Tensor.Uninitialized(pooledShape, DType.Float32);

        // One byte per pooled cell, kept in a Bool tensor's storage (pooled and scoped like any tensor) and only ever
        // read as bytes: the winning cell of the window, 0..3, or NoWinner.
        var winners = Tensor.Uninitialized(pooledShape, DType.Bool);
        fixed (float* py = y.AsSpan<float>())
        fixed (byte* pw = MemoryMarshal.AsBytes(winners.AsSpan<bool>()))
        {
            if (Conv2dWinograd.Suits(_geometry, 1, o))
            {
                Conv2dWinograd.ForwardReluPool2x2(x.Data<float>(), x._offset, w.Data<float>(), w._offset, b?.Data<float>(), b?._offset ?? 0, py, pw, _geometry, o);
            }
            else
            {
                Conv2dDirect.ForwardReluPool2x2(x.Data<float>(), x._offset, w.Data<float>(), w._offset, b?.Data<float>(), b?._offset ?? 0, py, pw, _geometry, o);
            }
        }

        ctx.SaveForBackward(x, w, winners);
        return y;
    }

    /// <inheritdoc />
    public override unsafe Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput)
    {
        Tensor x = ctx.SavedTensors[0], w = ctx.SavedTensors[1], winners = ctx.SavedTensors[2];
        bool wantX = ctx.NeedsInputGrad(0), wantW = ctx.NeedsInputGrad(1), wantB = _hasBias && ctx.NeedsInputGrad(2);
        if (!wantX && !wantW && !wantB) return _hasBias ? [null, null, null] : [null, null];

        var g = gradOutput.Contiguous();
        int o = w.Shape[0];
        var dx = wantX ? Tensor.Uninitialized(x.ShapeArray(), DType.Float32) : null;
        var dw = wantW ? Tensor.Uninitialized(w.ShapeArray(), DType.Float32) : null;
        var db = wantB ? Tensor.Uninitialized([o], DType.Float32) : null;
        fixed (float* pg = g.AsSpan<float>())
        fixed (byte* pw = MemoryMarshal.AsBytes(winners.AsSpan<bool>()))
        {
            // Over the windows' winners only where the layer has channels to vectorise over; else the direct backward
            // takes the pooled gradient as it lays dy out; other cases get dy written whole first.
            if (PooledConvBackward.Suits(_geometry, 1))
            {
                PooledConvBackward.Backward(x.Data<float>(), x._offset, w.Data<float>(), w._offset, pg, pw, dx?.Data<float>(), dw?.Data<float>(), db?.Data<float>(), _geometry, o);
            }
            else if (!Conv2dDirect.TryBackwardFromPooled(x.Data<float>(), x._offset, w.Data<float>(), w._offset, pg, pw, dx?.Data<float>(), dw?.Data<float>(), db?.Data<float>(), _geometry, o))
            {
                var dy = Tensor.Uninitialized([_geometry.N, o, _geometry.Oh, _geometry.Ow], DType.Float32);
                fixed (float* pd = dy.AsSpan<float>()) Conv2dDirect.ExpandPooledGrad(pg, pw, pd, _geometry.N * o, _geometry.Oh, _geometry.Ow);
                Conv2dKernel.Backward(x.Data<float>(), x._offset, w.Data<float>(), w._offset, dy.Data<float>(), dy._offset, dx?.Data<float>(), dw?.Data<float>(), db?.Data<float>(), _geometry, o, 1);
            }
        }

        return _hasBias ? [dx, dw, db] : [dx, dw];
    }
}
