using DlPath.Tensors.Autograd;

namespace DlPath.Tensors;

public sealed partial class Tensor
{
    private bool _retainGrad;
    private Tensor? _grad;

    /// <summary>
    /// Whether gradients flow to this tensor. Settable on leaves of a floating-point dtype
    /// (<c>tensor.requires_grad_()</c>); ops set it on their outputs when an input requires it.
    /// </summary>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (GradFn is not null && !value)
            {
                throw new InvalidOperationException($"RequiresGrad: {GradFn.Name} produced this tensor inside a graph; use Detach() to get a tensor without gradient");
            }

            if (value && !DType.IsFloatingPoint())
            {
                throw new InvalidOperationException($"RequiresGrad: only floating-point tensors can require gradients, this one is {DType.Name()}");
            }

            _requiresGrad = value;
        }
    }

    /// <summary>
    /// The accumulated gradient of a leaf (or of a non-leaf after <see cref="RetainGrad"/>); null before any backward.
    /// A tensor assigned here is kept (<see cref="Keep"/>): gradients outlive the <see cref="Scope"/> of the step that made them.
    /// </summary>
    public Tensor? Grad
    {
        get => _grad;
        set
        {
            value?._storage.Keep();
            _grad = value;
        }
    }

    /// <summary>The op that produced this tensor in a graph; null for leaves.</summary>
    public GradFn? GradFn { get; private set; }

    /// <summary>True for tensors created by the user rather than by an op that recorded a graph.</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor, for fluent creation (<c>requires_grad_()</c>).</summary>
    public Tensor RequireGrad(bool requiresGrad = true)
    {
        RequiresGrad = requiresGrad;
        return this;
    }

    /// <summary>Keeps the gradient of this non-leaf tensor in <see cref="Grad"/> after backward (<c>retain_grad()</c>).</summary>
    public void RetainGrad() => _retainGrad = true;

    /// <summary>A tensor sharing this one's data but cut from the graph: no gradient flows through it.</summary>
    public Tensor Detach() => new(_storage, _shape, _strides, _offset);

    /// <summary>Opens a scope in which ops record no graph (<c>torch.no_grad()</c>); dispose it to end.</summary>
    public static NoGradScope NoGrad() => new();

    /// <summary>
    /// Backpropagates from this tensor: every leaf that requires a gradient gets d(this)/d(leaf) added to its
    /// <see cref="Grad"/>. A non-scalar output needs the upstream gradient <paramref name="gradient"/> of its shape.
    /// </summary>
    public void Backward(Tensor? gradient = null)
    {
        if (!RequiresGrad)
        {
            throw new InvalidOperationException("backward: this tensor does not require grad and has no grad_fn; set RequiresGrad on a leaf that feeds into it");
        }

        if (gradient is null)
        {
            if (Numel != 1)
            {
                throw new InvalidOperationException($"backward: a gradient can be created implicitly only for a scalar output; this output is {ShapeString}, so pass Backward(gradient) with a gradient of that shape");
            }

            gradient = OnesLike(this);
        }
        else if (!ShapeUtil.SameShape(gradient.Shape, Shape))
        {
            throw new ShapeException($"backward: the gradient has shape {gradient.ShapeString} but the output has shape {ShapeString}");
        }

        BackwardEngine.Run(this, gradient);
    }

    /// <summary>
    /// Attaches a backward node to an op's output when recording is on and any input requires a gradient.
    /// Every differentiable op calls this right after computing its forward.
    /// </summary>
    internal static Tensor Record(Tensor output, string name, Tensor[] inputs, Tensor[] saved, Func<Tensor, Tensor?[]> backward)
    {
        if (!GradMode.IsEnabled) return output;
        bool any = false;
        foreach (var input in inputs)
        {
            any |= input.RequiresGrad;
        }

        if (!any) return output;
        output.AttachGradFn(new LambdaGradFn(name, inputs, saved, backward));
        return output;
    }

    internal void AttachGradFn(GradFn fn)
    {
        GradFn = fn;
        _requiresGrad = true;
    }

    internal bool RetainsGrad => _retainGrad;
}
