using DlPath.Tensors;

namespace DlPath.NN;

// Loss functions (torch.nn.functional.*_loss), with torch's definitions of every reduction and option.
public static partial class Functional
{
    /// <summary>
    /// Cross-entropy between logits and targets (<c>F.cross_entropy</c>,
    /// https://pytorch.org/docs/stable/generated/torch.nn.functional.cross_entropy.html). input: (N, C), (N, C, d...)
    /// or (C). target: int64 class indices (N) / (N, d...) / (), or float class probabilities of the input's shape.
    /// With indices, the mean is weighted: sum_i w[y_i]·l_i / sum_i w[y_i] over targets that are not
    /// <paramref name="ignoreIndex"/>. Label smoothing ε mixes in the uniform distribution:
    /// (1-ε)·nll + ε/C·(−Σ_c w_c log p_c), with torch's exact reduction of each term. The common (N, C) index case
    /// without smoothing runs a fused softmax + cross-entropy kernel.
    /// </summary>
    public static Tensor CrossEntropy(Tensor input, Tensor target, Tensor? weight = null, long ignoreIndex = -100, Reduction reduction = Reduction.Mean, double labelSmoothing = 0)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        if (labelSmoothing is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, $"cross_entropy: label_smoothing must be between 0.0 and 1.0, got {labelSmoothing}");
        if (!input.DType.IsFloatingPoint()) throw new ArgumentException($"cross_entropy: input must be floating-point logits, got {input.DType.Name()}");
        int classDim = input.Rank == 1 ? 0 : 1;
        int c = input.Shape[classDim];
        if (weight is not null && (weight.Rank != 1 || weight.Shape[0] != c))
        {
            throw new ShapeException($"cross_entropy: weight must be a 1-D tensor of {c} class weights, got {weight.ShapeString}");
        }

        if (target.DType.IsFloatingPoint())
        {
            return CrossEntropyProbabilities(input, target, weight, reduction, labelSmoothing, classDim, c);
        }

        if (input.Rank == 2 && labelSmoothing == 0)
        {
            CheckIndexTarget("cross_entropy", input, target, ignoreIndex);
            return FusedCrossEntropy.Compute(input, target, weight, ignoreIndex, reduction);
        }

        var logp = input.LogSoftmax(classDim);
        var nll = NllLoss(logp, target, weight, ignoreIndex, reduction);
        if (labelSmoothing == 0) return nll;

        // The smoothing term -sum_c w_c log p_c per element, zero where the target is ignored.
        var perClass = weight is null ? logp : logp * weight.Reshape(ClassShape(input.Rank, classDim, c));
        var smooth = -perClass.Sum(classDim);
        var keep = target.Ne(ignoreIndex);
        smooth = Tensor.Where(keep, smooth, 0.0);
        Tensor smoothReduced = reduction switch
        {
            // torch: with class weights the sum is divided by the weights of the kept targets; without, by their count.
            Reduction.Mean when weight is not null => smooth.Sum() / weight.IndexSelect(0, Tensor.Where(keep, target, 0).Reshape(-1)).Mul(keep.Reshape(-1).To(input.DType)).Sum(),
            Reduction.Mean => smooth.Sum() / keep.Sum().To(input.DType),
            Reduction.Sum => smooth.Sum(),
            _ => smooth,
        };
        return ((1 - labelSmoothing) * nll) + (smoothReduced * (labelSmoothing / c));
    }

    private static Tensor CrossEntropyProbabilities(Tensor input, Tensor target, Tensor? weight, Reduction reduction, double labelSmoothing, int classDim, int c)
    {
        if (!ShapeUtil.SameShape(input.Shape, target.Shape))
        {
            throw new ShapeException($"cross_entropy: class-probability targets must have the input's shape {input.ShapeString}, got {target.ShapeString}");
        }

        var logp = input.LogSoftmax(classDim);
        var t = labelSmoothing > 0 ? (target * (1 - labelSmoothing)) + (labelSmoothing / c) : target;
        var terms = logp * t;
        if (weight is not null) terms = terms * weight.Reshape(ClassShape(input.Rank, classDim, c));
        return reduction switch
        {
            // The mean is over the batch elements (numel / C), not over classes, and ignores the weights.
            Reduction.Mean => -terms.Sum() / ((double)input.Numel / c),
            Reduction.Sum => -terms.Sum(),
            _ => -terms.Sum(classDim),
        };
    }

    /// <summary>
    /// Negative log-likelihood of class indices (<c>F.nll_loss</c>): l_i = −w[y_i]·input[i, y_i] for log-probabilities
    /// input (N, C), (N, C, d...) or (C). The mean divides by the summed weights of the targets that are not
    /// <paramref name="ignoreIndex"/> (NaN when every target is ignored, as in torch).
    /// </summary>
    public static Tensor NllLoss(Tensor input, Tensor target, Tensor? weight = null, long ignoreIndex = -100, Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        CheckIndexTarget("nll_loss", input, target, ignoreIndex);
        int classDim = input.Rank == 1 ? 0 : 1;
        int c = input.Shape[classDim];
        if (weight is not null && (weight.Rank != 1 || weight.Shape[0] != c))
        {
            throw new ShapeException($"nll_loss: weight must be a 1-D tensor of {c} class weights, got {weight.ShapeString}");
        }

        // Bring the class dim last and flatten: (M, C) rows against (M) targets.
        var x = input.Rank switch
        {
            1 => input.Unsqueeze(0),
            2 => input,
            _ => input.Permute([0, .. Enumerable.Range(2, input.Rank - 2), 1]).Reshape(-1, c),
        };
        var t = target.Reshape(-1);
        var keep = t.Ne(ignoreIndex);
        var safe = Tensor.Where(keep, t, 0);
        var picked = x.Gather(1, safe.Unsqueeze(1)).Squeeze(1);
        var w = keep.To(input.DType);
        if (weight is not null) w = weight.IndexSelect(0, safe) * w;
        var losses = -picked * w;
        return reduction switch
        {
            Reduction.Mean => losses.Sum() / w.Sum(),
            Reduction.Sum => losses.Sum(),
            _ => losses.Reshape(target.ShapeArray()),
        };
    }

    /// <summary>
    /// Binary cross-entropy of probabilities (<c>F.binary_cross_entropy</c>):
    /// l = −w·(t·log x + (1−t)·log(1−x)), each log clamped at −100 as torch does so a saturated output gives a
    /// finite loss. input and target have the same shape; input values must lie in [0, 1].
    /// </summary>
    public static Tensor BinaryCrossEntropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean)
    {
        CheckSameShape("binary_cross_entropy", input, target);
        if (input.Numel > 0 && (input.Min().Item() < 0 || input.Max().Item() > 1))
        {
            throw new ArgumentException($"binary_cross_entropy: all elements of input should be between 0 and 1 (got {input.Min().Item()}..{input.Max().Item()}); apply Sigmoid first or use BinaryCrossEntropyWithLogits");
        }

        var loss = -((target * input.Log().ClampMin(-100)) + ((1 - target) * (1 - input).Log().ClampMin(-100)));
        if (weight is not null) loss = loss * weight;
        return Reduce(loss, reduction);
    }

    /// <summary>
    /// Sigmoid + binary cross-entropy in one numerically stable formula (<c>F.binary_cross_entropy_with_logits</c>):
    /// with m = max(−x, 0), l = (1−t)·x + (1 + (pw−1)·t)·(log(e^−m + e^(−x−m)) + m), where pw is
    /// <paramref name="posWeight"/> (per class, broadcast over the last dim; 1 when absent), times the element
    /// <paramref name="weight"/>.
    /// </summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor? weight = null, Tensor? posWeight = null, Reduction reduction = Reduction.Mean)
    {
        CheckSameShape("binary_cross_entropy_with_logits", input, target);
        var maxVal = (-input).ClampMin(0);
        var logTerm = ((-maxVal).Exp() + (-input - maxVal).Exp()).Log() + maxVal;
        Tensor loss;
        if (posWeight is not null)
        {
            var logWeight = ((posWeight - 1) * target) + 1;
            loss = ((1 - target) * input) + (logWeight * logTerm);
        }
        else
        {
            loss = ((1 - target) * input) + logTerm;
        }

        if (weight is not null) loss = loss * weight;
        return Reduce(loss, reduction);
    }

    /// <summary>Mean squared error (<c>F.mse_loss</c>): (x − t)².</summary>
    public static Tensor MseLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        CheckSameShape("mse_loss", input, target);
        var d = input - target;
        return Reduce(d * d, reduction);
    }

    /// <summary>Mean absolute error (<c>F.l1_loss</c>): |x − t|.</summary>
    public static Tensor L1Loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        CheckSameShape("l1_loss", input, target);
        return Reduce((input - target).Abs(), reduction);
    }

    /// <summary>
    /// Smooth L1 (<c>F.smooth_l1_loss</c>): with z = |x − t|, 0.5·z²/β where z &lt; β, z − 0.5·β elsewhere; β = 0 is L1.
    /// </summary>
    public static Tensor SmoothL1Loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double beta = 1.0)
    {
        CheckSameShape("smooth_l1_loss", input, target);
        if (beta < 0) throw new ArgumentOutOfRangeException(nameof(beta), beta, "smooth_l1_loss: beta must be non-negative");
        if (beta == 0) return L1Loss(input, target, reduction);
        var z = (input - target).Abs();
        return Reduce(Tensor.Where(z.Lt(beta), 0.5 * z * z / beta, z - (0.5 * beta)), reduction);
    }

    /// <summary>
    /// Huber loss (<c>F.huber_loss</c>): with z = |x − t|, 0.5·z² where z &lt; δ, δ·(z − 0.5·δ) elsewhere
    /// (smooth L1 times δ).
    /// </summary>
    public static Tensor HuberLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double delta = 1.0)
    {
        CheckSameShape("huber_loss", input, target);
        if (delta <= 0) throw new ArgumentOutOfRangeException(nameof(delta), delta, "huber_loss: delta must be positive");
        var z = (input - target).Abs();
        return Reduce(Tensor.Where(z.Lt(delta), 0.5 * z * z, delta * (z - (0.5 * delta))), reduction);
    }

    private static Tensor Reduce(Tensor loss, Reduction reduction) => reduction switch
    {
        Reduction.Mean => loss.Mean(),
        Reduction.Sum => loss.Sum(),
        _ => loss,
    };

    private static int[] ClassShape(int rank, int classDim, int c) => Enumerable.Range(0, rank).Select(i => i == classDim ? c : 1).ToArray();

    private static void CheckSameShape(string op, Tensor input, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        if (!ShapeUtil.SameShape(input.Shape, target.Shape))
        {
            // torch only warns and broadcasts here; a (N,1) vs (N) mix-up silently trains the wrong thing, so refuse.
            throw new ShapeException($"{op}: input {input.ShapeString} and target {target.ShapeString} must have the same shape (reshape one, e.g. target.Reshape(input.ShapeArray()))");
        }
    }

    private static void CheckIndexTarget(string op, Tensor input, Tensor target, long ignoreIndex)
    {
        if (target.DType != DType.Int64)
        {
            throw new ArgumentException($"{op}: class-index targets must be int64, got {target.DType.Name()} (use Long(), or pass float class probabilities of the input's shape)");
        }

        int classDim = input.Rank == 1 ? 0 : 1;
        int[] expected = input.Rank == 1 ? [] : [input.Shape[0], .. input.Shape[2..]];
        if (!ShapeUtil.SameShape(target.Shape, expected))
        {
            throw new ShapeException($"{op}: input {input.ShapeString} needs a target of shape {ShapeUtil.Format(expected)}, got {target.ShapeString}");
        }

        int c = input.Shape[classDim];
        // Read in place: this runs on every training step, and a copy of the targets would be garbage each time.
        ReadOnlySpan<long> values = target.Contiguous().AsSpan<long>();
        for (int i = 0; i < values.Length; i++)
        {
            long v = values[i];
            if (v != ignoreIndex && (v < 0 || v >= c))
            {
                throw new IndexOutOfRangeException($"{op}: target {v} at position {i} is out of bounds for {c} classes (expected 0..{c - 1}{(ignoreIndex is >= 0 or -100 ? $" or ignore_index {ignoreIndex}" : string.Empty)})");
            }
        }
    }
}
