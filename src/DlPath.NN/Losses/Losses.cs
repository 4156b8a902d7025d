using DlPath.Tensors;

namespace DlPath.NN;

// The loss functions as objects (torch.nn.*Loss), holding their options; each one is a thin wrapper of the
// Functional method that holds the math, so they share this file.

/// <summary>A loss function object: <c>loss.Call(output, target)</c> as <c>criterion(output, target)</c> in PyTorch.</summary>
public abstract class Loss(Reduction reduction)
{
    /// <summary>How per-element losses are combined.</summary>
    public Reduction Reduction { get; } = reduction;

    /// <summary>Computes the loss.</summary>
    public abstract Tensor Forward(Tensor input, Tensor target);

    /// <summary>Computes the loss (the call shorthand).</summary>
    public Tensor Call(Tensor input, Tensor target) => Forward(input, target);
}

/// <summary>Softmax cross-entropy on logits (<c>torch.nn.CrossEntropyLoss</c>); see <see cref="Functional.CrossEntropy"/>.</summary>
public sealed class CrossEntropyLoss(Tensor? weight = null, long ignoreIndex = -100, Reduction reduction = Reduction.Mean, double labelSmoothing = 0) : Loss(reduction)
{
    /// <summary>Per-class weights (C), or null.</summary>
    public Tensor? Weight { get; } = weight;

    /// <summary>Target value that contributes nothing (default -100).</summary>
    public long IgnoreIndex { get; } = ignoreIndex;

    /// <summary>Label smoothing ε in [0, 1].</summary>
    public double LabelSmoothing { get; } = labelSmoothing;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target) => Functional.CrossEntropy(input, target, Weight, IgnoreIndex, Reduction, LabelSmoothing);
}

/// <summary>Negative log-likelihood on log-probabilities (<c>torch.nn.NLLLoss</c>).</summary>
public sealed class NllLoss(Tensor? weight = null, long ignoreIndex = -100, Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <summary>Per-class weights (C), or null.</summary>
    public Tensor? Weight { get; } = weight;

    /// <summary>Target value that contributes nothing.</summary>
    public long IgnoreIndex { get; } = ignoreIndex;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target) => Functional.NllLoss(input, target, Weight, IgnoreIndex, Reduction);
}

/// <summary>Binary cross-entropy on probabilities (<c>torch.nn.BCELoss</c>).</summary>
public sealed class BceLoss(Tensor? weight = null, Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <summary>Element weights (broadcast to the input), or null.</summary>
    public Tensor? Weight { get; } = weight;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target) => Functional.BinaryCrossEntropy(input, target, Weight, Reduction);
}

/// <summary>Sigmoid + binary cross-entropy on logits (<c>torch.nn.BCEWithLogitsLoss</c>), with pos_weight.</summary>
public sealed class BceWithLogitsLoss(Tensor? weight = null, Reduction reduction = Reduction.Mean, Tensor? posWeight = null) : Loss(reduction)
{
    /// <summary>Element weights, or null.</summary>
    public Tensor? Weight { get; } = weight;

    /// <summary>Weight of positive examples per class (broadcast over the last dim), or null.</summary>
    public Tensor? PosWeight { get; } = posWeight;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target) => Functional.BinaryCrossEntropyWithLogits(input, target, Weight, PosWeight, Reduction);
}

/// <summary>Mean squared error (<c>torch.nn.MSELoss</c>).</summary>
public sealed class MseLoss(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target) => Functional.MseLoss(input, target, Reduction);
}

/// <summary>Mean absolute error (<c>torch.nn.L1Loss</c>).</summary>
public sealed class L1Loss(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target) => Functional.L1Loss(input, target, Reduction);
}

/// <summary>Smooth L1 (<c>torch.nn.SmoothL1Loss</c>), β = 1 by default.</summary>
public sealed class SmoothL1Loss(Reduction reduction = Reduction.Mean, double beta = 1.0) : Loss(reduction)
{
    /// <summary>Where the loss switches from quadratic to linear.</summary>
    public double Beta { get; } = beta;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target) => Functional.SmoothL1Loss(input, target, Reduction, Beta);
}

/// <summary>Huber loss (<c>torch.nn.HuberLoss</c>), δ = 1 by default.</summary>
public sealed class HuberLoss(Reduction reduction = Reduction.Mean, double delta = 1.0) : Loss(reduction)
{
    /// <summary>Where the loss switches from quadratic to linear.</summary>
    public double Delta { get; } = delta;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target) => Functional.HuberLoss(input, target, Reduction, Delta);
}
