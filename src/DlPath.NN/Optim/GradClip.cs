using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>Gradient clipping (<c>torch.nn.utils.clip_grad_norm_</c> / <c>clip_grad_value_</c>), in place on the parameters' gradients.</summary>
public static class GradClip
{
    /// <summary>
    /// Scales all gradients together so their total p-norm is at most <paramref name="maxNorm"/>: the total norm is
    /// the norm of the per-tensor norms; every gradient is multiplied by min(1, maxNorm / (total + 1e-6)), as torch
    /// does. Returns the total norm before clipping (infinity norm for <paramref name="normType"/> = ∞).
    /// </summary>
    public static double ClipGradNorm(IEnumerable<Parameter> parameters, double maxNorm, double normType = 2)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return ClipGradNorm(parameters.Select(p => p.Value), maxNorm, normType);
    }

    /// <summary>The tensor form of <see cref="ClipGradNorm(IEnumerable{Parameter}, double, double)"/>.</summary>
    public static double ClipGradNorm(IEnumerable<Tensor> parameters, double maxNorm, double normType = 2)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToList();
        if (grads.Count == 0) return 0;
        using var noGrad = Tensor.NoGrad();
        Tensor total = double.IsPositiveInfinity(normType)
            ? Tensor.Stack(grads.Select(g => g.Abs().Max()).ToArray()).Max()
            : Tensor.Stack(grads.Select(g => g.Norm(normType)).ToArray()).Norm(normType);
        var coef = (maxNorm / (total + 1e-6)).ClampMax(1.0);
        foreach (var g in grads) g.MulInPlace(coef.To(g.DType));
        return total.Item();
    }

    /// <summary>Clamps every gradient element to [−clipValue, clipValue] (<c>clip_grad_value_</c>).</summary>
    public static void ClipGradValue(IEnumerable<Parameter> parameters, double clipValue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (clipValue < 0) throw new ArgumentOutOfRangeException(nameof(clipValue), clipValue, "clip_grad_value: clip value must be non-negative");
        using var noGrad = Tensor.NoGrad();
        foreach (var p in parameters)
        {
            if (p.Grad is { } g) g.CopyFrom(g.Clamp(-clipValue, clipValue));
        }
    }
}
