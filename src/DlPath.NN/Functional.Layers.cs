using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// Stateless layer and loss functions (<c>torch.nn.functional</c>,
/// https://pytorch.org/docs/stable/nn.functional.html): the math the modules run, written with tensor ops so
/// autograd derives the backward. Each one takes its weights as arguments, which is also how the gradient checks
/// test them.
/// </summary>
public static partial class Functional
{
    /// <summary>y = x W^T + b (<c>F.linear</c>). x: (*, in), W: (out, in), b: (out) → y: (*, out).</summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rank != 2) throw new ShapeException($"linear: weight must be 2-D (out_features, in_features), got {weight.ShapeString}");
        if (input.Rank == 0 || input.Shape[^1] != weight.Shape[1])
        {
            throw new ShapeException($"linear: input {input.ShapeString} has {(input.Rank == 0 ? 0 : input.Shape[^1])} features in its last dim, but the weight {weight.ShapeString} expects in_features={weight.Shape[1]}");
        }

        // One fused op (Tensors' Ops/Linear.cs): a single GEMM forward with the bias broadcast into its output,
        // and a backward that writes dW in the weight's own (out, in) layout.
        return Tensor.Linear(input, weight, bias);
    }

    /// <summary>
    /// 2-D convolution (<c>F.conv2d</c>, https://pytorch.org/docs/stable/generated/torch.nn.functional.conv2d.html)
    /// as im2col + matrix products, fused into one op (<see cref="Tensor.Conv2d"/>).
    /// input (N, C, H, W), weight (O, C/groups, kh, kw), bias (O) → (N, O, outH, outW) with outH = (H + 2·pad - dil·(kh-1) - 1) / stride + 1.
    /// </summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, int[]? stride = null, int[]? padding = null, int[]? dilation = null, int groups = 1)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (input.Rank == 3) return Conv2d(input.Unsqueeze(0), weight, bias, stride, padding, dilation, groups).Squeeze(0);
        if (input.Rank != 4) throw new ShapeException($"conv2d: expects a (N,C,H,W) or (C,H,W) input, got {input.ShapeString}");
        if (weight.Rank != 4) throw new ShapeException($"conv2d: weight must be (out_channels, in_channels/groups, kh, kw), got {weight.ShapeString}");
        int c = input.Shape[1], h = input.Shape[2], w = input.Shape[3];
        int o = weight.Shape[0], kh = weight.Shape[2], kw = weight.Shape[3];
        CheckGroups("conv2d", input, weight, c, o, groups, weight.Shape[1] * groups);
        int[] s = Pair(stride, 1, "conv2d stride"), p = Pair(padding, 0, "conv2d padding"), d = Pair(dilation, 1, "conv2d dilation");
        int oh = OutSize(h, kh, s[0], p[0], d[0]), ow = OutSize(w, kw, s[1], p[1], d[1]);
        if (oh <= 0 || ow <= 0)
        {
            throw new ShapeException($"conv2d: input {input.ShapeString} (padded by {Py(p)}) is smaller than the dilated kernel ({kh},{kw}); the output would be ({oh},{ow})");
        }

        // The fused op: im2col into pooled scratch and one packed GEMM per group for the forward and each
        // gradient, with the bias added as the GEMM's result is laid out (Tensors' Ops/Conv.cs).
        // Conv2dUnfold below is the same math as graph ops, the formulation the fast op is tested against.
        if (bias is not null && (bias.Rank != 1 || bias.Shape[0] != o))
        {
            throw new ShapeException($"conv2d: bias must be ({o}) for weight {weight.ShapeString}, got {bias.ShapeString}");
        }

        return Tensor.Conv2d(input, weight, bias, s, p, d, groups);
    }

    /// <summary>
    /// <see cref="Conv2d"/> written as graph ops, im2col + one matrix product: every receptive field becomes a
    /// column (Unfold), and the kernel bank multiplies all columns at once; autograd derives the backward. The
    /// readable formulation the fused op is checked against.
    /// </summary>
    internal static Tensor Conv2dUnfold(Tensor input, Tensor weight, Tensor? bias, int[] s, int[] p, int[] d, int groups)
    {
        int n = input.Shape[0], c = input.Shape[1], o = weight.Shape[0], kh = weight.Shape[2], kw = weight.Shape[3];
        int oh = OutSize(input.Shape[2], kh, s[0], p[0], d[0]), ow = OutSize(input.Shape[3], kw, s[1], p[1], d[1]);

        // cols: (N, C*kh*kw, L), rows ordered channel-major, so each group's rows are contiguous.
        var cols = input.Unfold([kh, kw], d, p, s);
        int l = oh * ow;
        Tensor y;
        if (groups == 1)
        {
            // (O, C*kh*kw) @ (N, C*kh*kw, L) -> (N, O, L)
            y = weight.Reshape(o, c * kh * kw).MatMul(cols);
        }
        else
        {
            // (G, O/G, C/G*kh*kw) @ (N, G, C/G*kh*kw, L) -> (N, G, O/G, L)
            int kg = c / groups * kh * kw;
            y = weight.Reshape(groups, o / groups, kg).MatMul(cols.Reshape(n, groups, kg, l));
        }

        y = y.Reshape(n, o, oh, ow);
        return bias is null ? y : y + bias.Reshape(1, o, 1, 1);
    }

    /// <summary>
    /// 1-D convolution (<c>F.conv1d</c>): input (N, C, L), weight (O, C/groups, k) → (N, O, outL); computed as a
    /// 2-D convolution over a height-1 image.
    /// </summary>
    public static Tensor Conv1d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int dilation = 1, int groups = 1)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (input.Rank == 2) return Conv1d(input.Unsqueeze(0), weight, bias, stride, padding, dilation, groups).Squeeze(0);
        if (input.Rank != 3) throw new ShapeException($"conv1d: expects a (N,C,L) or (C,L) input, got {input.ShapeString}");
        if (weight.Rank != 3) throw new ShapeException($"conv1d: weight must be (out_channels, in_channels/groups, k), got {weight.ShapeString}");
        return Conv2d(input.Unsqueeze(2), weight.Unsqueeze(2), bias, [1, stride], [0, padding], [1, dilation], groups).Squeeze(2);
    }

    /// <summary>
    /// Transposed 2-D convolution (<c>F.conv_transpose2d</c>), the adjoint of <see cref="Conv2d"/>: each input
    /// pixel scatters a weighted copy of the kernel into the output (a matrix product, then col2im via Fold).
    /// input (N, Cin, H, W), weight (Cin, Cout/groups, kh, kw) → (N, Cout, outH, outW) with
    /// outH = (H-1)·stride - 2·pad + dil·(kh-1) + outputPadding + 1.
    /// </summary>
    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias = null, int[]? stride = null, int[]? padding = null, int[]? outputPadding = null, int groups = 1, int[]? dilation = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (input.Rank == 3) return ConvTranspose2d(input.Unsqueeze(0), weight, bias, stride, padding, outputPadding, groups, dilation).Squeeze(0);
        if (input.Rank != 4) throw new ShapeException($"conv_transpose2d: expects a (N,C,H,W) or (C,H,W) input, got {input.ShapeString}");
        if (weight.Rank != 4) throw new ShapeException($"conv_transpose2d: weight must be (in_channels, out_channels/groups, kh, kw), got {weight.ShapeString}");
        int n = input.Shape[0], cin = input.Shape[1], h = input.Shape[2], w = input.Shape[3];
        int coutG = weight.Shape[1], kh = weight.Shape[2], kw = weight.Shape[3], cout = coutG * groups;
        if (groups < 1 || cin % groups != 0 || weight.Shape[0] != cin)
        {
            throw new ShapeException($"conv_transpose2d: input {input.ShapeString} has {cin} channels, but the weight {weight.ShapeString} expects {weight.Shape[0]} (with groups={groups}, which must divide it)");
        }

        int[] s = Pair(stride, 1, "conv_transpose2d stride"), p = Pair(padding, 0, "conv_transpose2d padding");
        int[] op = Pair(outputPadding, 0, "conv_transpose2d output_padding"), d = Pair(dilation, 1, "conv_transpose2d dilation");
        for (int i = 0; i < 2; i++)
        {
            if (op[i] >= s[i] && op[i] >= d[i])
            {
                throw new ArgumentException($"conv_transpose2d: output_padding {Py(op)} must be smaller than either stride {Py(s)} or dilation {Py(d)}");
            }
        }

        int oh = ((h - 1) * s[0]) - (2 * p[0]) + (d[0] * (kh - 1)) + op[0] + 1;
        int ow = ((w - 1) * s[1]) - (2 * p[1]) + (d[1] * (kw - 1)) + op[1] + 1;
        if (oh <= 0 || ow <= 0) throw new ShapeException($"conv_transpose2d: input {input.ShapeString} gives a non-positive output size ({oh},{ow})");
        int cinG = cin / groups, kk = coutG * kh * kw;

        // cols[n, (co*kh + i)*kw + j, pixel] = sum_ci W[ci, co, i, j] x[n, ci, pixel]: (G, kk, Cin/G) @ (N, G, Cin/G, H*W).
        var cols = weight.Reshape(groups, cinG, kk).MT.MatMul(input.Reshape(n, groups, cinG, h * w)).Reshape(n, groups * kk, h * w);

        // Fold adds every column's kernel-shaped patch into its place in the output (the adjoint of Unfold).
        var y = cols.Fold([oh, ow], [kh, kw], d, p, s);
        return bias is null ? y : y + bias.Reshape(1, cout, 1, 1);
    }

    /// <summary>
    /// 2-D max pooling (<c>F.max_pool2d</c>): the largest value of each window; stride defaults to the kernel size,
    /// padding counts as -inf; <paramref name="ceilMode"/> rounds the output size up (a last, partial window). The
    /// gradient flows to the (first) maximum of each window. Runs a direct kernel
    /// (<see cref="MaxPool2dKernel"/>) that agrees with the Unfold + Max reference.
    /// </summary>
    public static Tensor MaxPool2d(Tensor input, int[] kernelSize, int[]? stride = null, int[]? padding = null, int[]? dilation = null, bool ceilMode = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 3) return MaxPool2d(input.Unsqueeze(0), kernelSize, stride, padding, dilation, ceilMode).Squeeze(0);
        if (input.Rank != 4) throw new ShapeException($"max_pool2d: expects a (N,C,H,W) or (C,H,W) input, got {input.ShapeString}");
        int[] k = Pair(kernelSize, 1, "max_pool2d kernel_size"), s = stride is null || stride.Length == 0 ? k : Pair(stride, 1, "max_pool2d stride");
        int[] p = Pair(padding, 0, "max_pool2d padding"), d = Pair(dilation, 1, "max_pool2d dilation");
        if (p[0] > k[0] / 2 || p[1] > k[1] / 2)
        {
            throw new ArgumentException($"max_pool2d: padding {Py(p)} should be at most half of the kernel size {Py(k)}");
        }

        int n = input.Shape[0], c = input.Shape[1];
        int oh = PoolOutSize(input.Shape[2], k[0], s[0], p[0], d[0], ceilMode), ow = PoolOutSize(input.Shape[3], k[1], s[1], p[1], d[1], ceilMode);
        if (oh <= 0 || ow <= 0) throw new ShapeException($"max_pool2d: input {input.ShapeString} is smaller than the kernel {Py(k)}");

        if (!input.DType.IsFloatingPoint()) throw new ArgumentException($"max_pool2d: needs a floating-point input, got {input.DType.Name()}");
        return MaxPool2dKernel.Compute(input, [k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], oh, ow]);
    }

    /// <summary>
    /// <c>F.max_pool2d(F.relu(input), ...)</c> with the same values and gradients, bit for bit. A 2x2 / stride 2 window
    /// without padding or dilation (the CNN training shape) runs one fused kernel (<see cref="ReluMaxPool2dKernel"/>):
    /// one pass over the input forward and one write of its gradient backward, instead of ReLU's and pooling's two
    /// each, and no full-size ReLU output. Any other window, or a non-float or non-4-d input, runs the two ops in turn.
    /// <see cref="Sequential"/> uses it for a <see cref="Relu"/> module followed by a <see cref="NN.MaxPool2d"/> one.
    /// </summary>
    public static Tensor ReluMaxPool2d(Tensor input, int[] kernelSize, int[]? stride = null, int[]? padding = null, int[]? dilation = null, bool ceilMode = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 4 && input.DType.IsFloatingPoint())
        {
            int[] k = Pair(kernelSize, 1, "max_pool2d kernel_size"), s = stride is null || stride.Length == 0 ? k : Pair(stride, 1, "max_pool2d stride");
            int[] p = Pair(padding, 0, "max_pool2d padding"), d = Pair(dilation, 1, "max_pool2d dilation");
            if (p[0] <= k[0] / 2 && p[1] <= k[1] / 2)
            {
                int oh = PoolOutSize(input.Shape[2], k[0], s[0], p[0], d[0], ceilMode), ow = PoolOutSize(input.Shape[3], k[1], s[1], p[1], d[1], ceilMode);
                if (oh > 0 && ow > 0 && ReluMaxPool2dKernel.Suits(input, [k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], oh, ow]))
                {
                    return ReluMaxPool2dKernel.Compute(input);
                }
            }
        }

        // Everything else (and every error message) is the two ops' own.
        return MaxPool2d(input.Relu(), kernelSize, stride, padding, dilation, ceilMode);
    }

    /// <summary>
    /// The readable formulation of <see cref="MaxPool2d"/> that the direct kernel is tested against: pad with -inf so
    /// a padded cell never wins, cut every window into a column (Unfold), and take each column's max.
    /// </summary>
    internal static Tensor MaxPool2dReference(Tensor input, int[] kernelSize, int[]? stride = null, int[]? padding = null, int[]? dilation = null)
    {
        int[] k = Pair(kernelSize, 1, "max_pool2d kernel_size"), s = stride is null || stride.Length == 0 ? k : Pair(stride, 1, "max_pool2d stride");
        int[] p = Pair(padding, 0, "max_pool2d padding"), d = Pair(dilation, 1, "max_pool2d dilation");
        int n = input.Shape[0], c = input.Shape[1];
        int oh = OutSize(input.Shape[2], k[0], s[0], p[0], d[0]), ow = OutSize(input.Shape[3], k[1], s[1], p[1], d[1]);

        // (N, C, kh*kw, L) -> max over the window -> (N, C, L)
        var x = p[0] > 0 || p[1] > 0 ? input.Pad([p[1], p[1], p[0], p[0]], PadMode.Constant, double.NegativeInfinity) : input;
        var windows = x.Unfold(k, d, null, s).Reshape(n, c, k[0] * k[1], oh * ow);
        return windows.Max(2).Values.Reshape(n, c, oh, ow);
    }

    /// <summary>
    /// 2-D average pooling (<c>F.avg_pool2d</c>): the mean of each window; stride defaults to the kernel size;
    /// zero padding is counted in the mean unless <paramref name="countIncludePad"/> is false. Runs a direct kernel
    /// (<see cref="AvgPool2dKernel"/>) that agrees with the Unfold + Sum reference.
    /// </summary>
    public static Tensor AvgPool2d(Tensor input, int[] kernelSize, int[]? stride = null, int[]? padding = null, bool countIncludePad = true)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 3) return AvgPool2d(input.Unsqueeze(0), kernelSize, stride, padding, countIncludePad).Squeeze(0);
        if (input.Rank != 4) throw new ShapeException($"avg_pool2d: expects a (N,C,H,W) or (C,H,W) input, got {input.ShapeString}");
        int[] k = Pair(kernelSize, 1, "avg_pool2d kernel_size"), s = stride is null || stride.Length == 0 ? k : Pair(stride, 1, "avg_pool2d stride");
        int[] p = Pair(padding, 0, "avg_pool2d padding");
        if (p[0] > k[0] / 2 || p[1] > k[1] / 2)
        {
            throw new ArgumentException($"avg_pool2d: padding {Py(p)} should be at most half of the kernel size {Py(k)}");
        }

        int oh = OutSize(input.Shape[2], k[0], s[0], p[0], 1), ow = OutSize(input.Shape[3], k[1], s[1], p[1], 1);
        if (oh <= 0 || ow <= 0) throw new ShapeException($"avg_pool2d: input {input.ShapeString} is smaller than the kernel {Py(k)}");
        if (!input.DType.IsFloatingPoint()) throw new ArgumentException($"avg_pool2d: needs a floating-point input, got {input.DType.Name()}");
        return AvgPool2dKernel.Compute(input, [k[0], k[1], s[0], s[1], p[0], p[1], oh, ow, countIncludePad ? 1 : 0]);
    }

    /// <summary>
    /// The readable formulation of <see cref="AvgPool2d"/> that the direct kernel is tested against: cut every window
    /// into a column (Unfold, zero padding) and divide each column's sum by the window size or its in-bounds count.
    /// </summary>
    internal static Tensor AvgPool2dReference(Tensor input, int[] kernelSize, int[]? stride = null, int[]? padding = null, bool countIncludePad = true)
    {
        int[] k = Pair(kernelSize, 1, "avg_pool2d kernel_size"), s = stride is null || stride.Length == 0 ? k : Pair(stride, 1, "avg_pool2d stride");
        int[] p = Pair(padding, 0, "avg_pool2d padding");
        int n = input.Shape[0], c = input.Shape[1];
        int oh = OutSize(input.Shape[2], k[0], s[0], p[0], 1), ow = OutSize(input.Shape[3], k[1], s[1], p[1], 1);
        if (oh <= 0 || ow <= 0) throw new ShapeException($"avg_pool2d: input {input.ShapeString} is smaller than the kernel {Py(k)}");
        var sums = input.Unfold(k, [1, 1], p, s).Reshape(n, c, k[0] * k[1], oh * ow).Sum(2);
        Tensor y;
        if (countIncludePad || (p[0] == 0 && p[1] == 0))
        {
            y = sums / (k[0] * k[1]);
        }
        else
        {
            // How many real (unpadded) cells each window covers: unfold a ones image the same way.
            var ones = Tensor.Ones([1, 1, input.Shape[2], input.Shape[3]], input.DType);
            var counts = ones.Unfold(k, [1, 1], p, s).Sum(1);
            y = sums / counts;
        }

        return y.Reshape(n, c, oh, ow);
    }

    /// <summary>
    /// Adaptive average pooling to a fixed output size (<c>F.adaptive_avg_pool2d</c>): output cell i covers input
    /// rows floor(i·H/outH) to ceil((i+1)·H/outH), as in torch. The mean over a rectangle is the mean of its row
    /// means, so rows and columns are pooled one after the other.
    /// </summary>
    public static Tensor AdaptiveAvgPool2d(Tensor input, int[] outputSize)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 3) return AdaptiveAvgPool2d(input.Unsqueeze(0), outputSize).Squeeze(0);
        if (input.Rank != 4) throw new ShapeException($"adaptive_avg_pool2d: expects a (N,C,H,W) or (C,H,W) input, got {input.ShapeString}");
        int[] o = Pair(outputSize, 1, "adaptive_avg_pool2d output_size");
        var rows = AdaptiveMean(input, 2, o[0]);
        return AdaptiveMean(rows, 3, o[1]);
    }

    private static Tensor AdaptiveMean(Tensor x, int dim, int outSize)
    {
        int size = x.Shape[dim];
        if (outSize == size) return x;
        var parts = new Tensor[outSize];
        for (int i = 0; i < outSize; i++)
        {
            int start = i * size / outSize;
            int end = (((i + 1) * size) + outSize - 1) / outSize;
            parts[i] = x.Narrow(dim, start, end - start).Mean(dim, keepDim: true);
        }

        return Tensor.Cat(parts, dim);
    }

    /// <summary>
    /// Batch normalization (<c>F.batch_norm</c>) over every dim but the channel dim 1. In training it normalizes
    /// with the batch's mean and biased variance and, when running statistics are given, updates them in place:
    /// running = (1 - momentum)·running + momentum·batch, with the unbiased variance (n/(n-1)) as torch does. In
    /// evaluation it normalizes with the running statistics.
    /// </summary>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null, Tensor? bias = null, bool training = false, double momentum = 0.1, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank < 2) throw new ShapeException($"batch_norm: expects (N,C) or (N,C,*) input, got {input.ShapeString}");
        int c = input.Shape[1];
        var dims = Enumerable.Range(0, input.Rank).Where(i => i != 1).ToArray();
        var statShape = Enumerable.Range(0, input.Rank).Select(i => i == 1 ? c : 1).ToArray();
        Tensor mean, var;
        if (training)
        {
            int count = input.Numel / Math.Max(c, 1);
            if (count <= 1)
            {
                throw new ShapeException($"batch_norm: expected more than 1 value per channel when training, got input {input.ShapeString}");
            }

            mean = input.Mean(dims, keepDim: true);
            var = input.Var(dims, 0, keepDim: true);
            if (runningMean is not null && runningVar is not null)
            {
                using (Tensor.NoGrad())
                {
                    var bm = mean.Detach().Reshape(c);
                    var bv = var.Detach().Reshape(c) * ((double)count / (count - 1));
                    runningMean.CopyFrom((bm * momentum) + (runningMean * (1 - momentum)));
                    runningVar.CopyFrom((bv * momentum) + (runningVar * (1 - momentum)));
                }
            }
        }
        else
        {
            if (runningMean is null || runningVar is null)
            {
                throw new InvalidOperationException("batch_norm: evaluation mode needs running statistics (track_running_stats=True)");
            }

            mean = runningMean.Reshape(statShape);
            var = runningVar.Reshape(statShape);
        }

        // x_hat = (x - mean) / sqrt(var + eps); y = gamma * x_hat + beta. Autograd differentiates through the
        // batch statistics too, which gives the textbook batchnorm backward.
        var y = (input - mean) * (var + eps).Rsqrt();
        if (weight is not null) y = y * weight.Reshape(statShape);
        if (bias is not null) y = y + bias.Reshape(statShape);
        return y;
    }

    /// <summary>
    /// Layer normalization (<c>F.layer_norm</c>) over the last dims given by <paramref name="normalizedShape"/>,
    /// with the biased variance; weight and bias have that shape.
    /// </summary>
    public static Tensor LayerNorm(Tensor input, int[] normalizedShape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(normalizedShape);
        int k = normalizedShape.Length;
        if (k == 0 || k > input.Rank || !input.Shape[^k..].SequenceEqual(normalizedShape))
        {
            throw new ShapeException($"layer_norm: normalized_shape {Py(normalizedShape)} must match the last dims of the input {input.ShapeString}");
        }

        var dims = Enumerable.Range(input.Rank - k, k).ToArray();
        var mean = input.Mean(dims, keepDim: true);
        var var = input.Var(dims, 0, keepDim: true);
        var y = (input - mean) * (var + eps).Rsqrt();
        if (weight is not null) y = y * weight;
        if (bias is not null) y = y + bias;
        return y;
    }

    /// <summary>
    /// Group normalization (<c>F.group_norm</c>): channels are split into <paramref name="numGroups"/> groups and
    /// each (sample, group) is normalized over its channels and positions; weight and bias are per channel.
    /// </summary>
    public static Tensor GroupNorm(Tensor input, int numGroups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank < 2) throw new ShapeException($"group_norm: expects (N,C,*) input, got {input.ShapeString}");
        int n = input.Shape[0], c = input.Shape[1];
        if (numGroups <= 0 || c % numGroups != 0)
        {
            throw new ShapeException($"group_norm: {c} channels of input {input.ShapeString} cannot be split into {numGroups} groups");
        }

        // (N, C, *) -> (N, G, C/G * prod(*)): one row per (sample, group).
        var g = input.Reshape(n, numGroups, -1);
        var mean = g.Mean(2, keepDim: true);
        var var = g.Var([2], 0, keepDim: true);
        var y = ((g - mean) * (var + eps).Rsqrt()).Reshape(input.ShapeArray());
        var affineShape = Enumerable.Range(0, input.Rank).Select(i => i == 1 ? c : 1).ToArray();
        if (weight is not null) y = y * weight.Reshape(affineShape);
        if (bias is not null) y = y + bias.Reshape(affineShape);
        return y;
    }

    /// <summary>
    /// Inverted dropout (<c>F.dropout</c>): in training each element is zeroed with probability p and the survivors
    /// are scaled by 1/(1-p), so evaluation needs no rescaling. The mask is drawn as torch draws it
    /// (<c>bernoulli_(1-p)</c>, then divided by 1-p), so a seeded generator reproduces PyTorch's masks.
    /// </summary>
    public static Tensor Dropout(Tensor input, double p = 0.5, bool training = true, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (p is < 0 or > 1 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p), p, $"dropout: probability has to be between 0 and 1, but got {p}");
        if (!training || p == 0) return input;
        if (p == 1) return input * 0.0;
        Tensor noise;
        using (Tensor.NoGrad())
        {
            noise = Tensor.ZerosLike(input).Bernoulli(1 - p, generator);
            noise = noise / (1 - p);
        }

        return input * noise;
    }

    /// <summary>
    /// Looks up rows of an embedding table (<c>F.embedding</c>): int64 indices of any shape (*) → (*, dim). The
    /// gradient of each used row is the sum of the gradients of its lookups; the row <paramref name="paddingIdx"/>
    /// (if any) gets no gradient, as in torch.
    /// </summary>
    public static Tensor Embedding(Tensor indices, Tensor weight, int? paddingIdx = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(weight);
        if (indices.DType != DType.Int64) throw new ArgumentException($"embedding: indices must be int64, got {indices.DType.Name()} (use Long())");
        if (weight.Rank != 2) throw new ShapeException($"embedding: weight must be (num_embeddings, embedding_dim), got {weight.ShapeString}");
        var flat = indices.Reshape(-1);
        if (flat.Numel > 0)
        {
            long lo = (long)flat.Min().Item(), hi = (long)flat.Max().Item();
            if (lo < 0 || hi >= weight.Shape[0])
            {
                throw new IndexOutOfRangeException($"embedding: index {(lo < 0 ? lo : hi)} is out of range for a table of {weight.Shape[0]} rows");
            }
        }

        var table = weight;
        if (paddingIdx is int pad)
        {
            if (pad < 0 || pad >= weight.Shape[0]) throw new ArgumentOutOfRangeException(nameof(paddingIdx), pad, $"embedding: padding_idx must be within the {weight.Shape[0]} rows");

            // Same values, but the padding row is read from a detached copy, so no gradient reaches it.
            var isPad = Tensor.Arange(weight.Shape[0]).Eq(pad).Unsqueeze(1);
            table = Tensor.Where(isPad, weight.Detach(), weight);
        }

        return table.IndexSelect(0, flat).Reshape([.. indices.ShapeArray(), weight.Shape[1]]);
    }

    private static void CheckGroups(string op, Tensor input, Tensor weight, int c, int o, int groups, int expectedC)
    {
        if (groups < 1 || o % groups != 0)
        {
            throw new ArgumentException($"{op}: groups={groups} must be positive and divide out_channels={o} of weight {weight.ShapeString}");
        }

        if (c != expectedC)
        {
            throw new ShapeException($"{op}: input {input.ShapeString} has {c} channels, but weight {weight.ShapeString} with groups={groups} expects {expectedC}");
        }
    }

    private static int OutSize(int size, int k, int s, int p, int d) => ((size + (2 * p) - (d * (k - 1)) - 1) / s) + 1;

    /// <summary>
    /// torch's pooling output size: with ceil mode the last window may hang over the bottom/right edge, but must
    /// start inside the input or its left padding.
    /// </summary>
    private static int PoolOutSize(int size, int k, int s, int p, int d, bool ceilMode)
    {
        int span = size + (2 * p) - (d * (k - 1)) - 1 + (ceilMode ? s - 1 : 0);
        int outSize = (int)Math.Floor((double)span / s) + 1;
        if (ceilMode && (outSize - 1) * s >= size + p) outSize--;
        return outSize;
    }

    /// <summary>One value for both spatial dims, or a pair; null means the default.</summary>
    internal static int[] Pair(int[]? values, int fallback, string what)
    {
        if (values is null || values.Length == 0) return [fallback, fallback];
        if (values.Length == 1) return [values[0], values[0]];
        if (values.Length == 2) return values;
        throw new ArgumentException($"{what}: expects 1 or 2 values, got ({string.Join(",", values)})");
    }

    private static string Py(int[] v) => $"({string.Join(", ", v)})";
}
