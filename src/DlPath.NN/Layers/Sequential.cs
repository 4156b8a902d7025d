using System.Collections;
using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// Runs its modules one after the other (<c>torch.nn.Sequential</c>); children are named "0", "1", ... so
/// parameters read <c>0.weight</c>, <c>2.bias</c> as in PyTorch. Indexable and enumerable.
/// </summary>
public sealed class Sequential : Module, IEnumerable<Module>
{
    private readonly List<Module> _layers = [];

    /// <summary>Creates the chain from <paramref name="layers"/>, in order.</summary>
    public Sequential(params Module[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var layer in layers) Add(layer);
    }

    /// <summary>Number of modules.</summary>
    public int Count => _layers.Count;

    /// <summary>The module at <paramref name="index"/> (negative counts from the end).</summary>
    public Module this[int index] => _layers[index < 0 ? index + _layers.Count : index];

    /// <summary>Appends a module (<c>append</c>).</summary>
    public Sequential Add(Module layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
        _layers.Add(layer);
        return this;
    }

    /// <summary>
    /// When true (the default), a <see cref="Relu"/> directly followed by a <see cref="MaxPool2d"/> runs as one fused op
    /// (<see cref="Functional.ReluMaxPool2d"/>): the same outputs and gradients, bit for bit, in one pass each way
    /// instead of two, and without the ReLU's full-size output. The modules and the state dict stay as they are; a
    /// pair where either module has a forward hook runs unfused, so the hooks see both calls. Set false to run every
    /// module on its own.
    /// </summary>
    public bool FuseReluMaxPool { get; set; } = true;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        for (int i = 0; i < _layers.Count; i++)
        {
            if (FuseReluMaxPool && i + 2 < _layers.Count && _layers[i] is Conv2d conv && _layers[i + 1] is Relu convRelu && _layers[i + 2] is MaxPool2d convPool
                && !conv.HasForwardHooks && !convRelu.HasForwardHooks && !convPool.HasForwardHooks && Conv2dReluMaxPool2dKernel.Suits(x, conv, convPool))
            {
                x = Conv2dReluMaxPool2dKernel.Compute(x, conv);
                i += 2;
                continue;
            }

            if (FuseReluMaxPool && i + 1 < _layers.Count && _layers[i] is Relu relu && _layers[i + 1] is MaxPool2d pool && !relu.HasForwardHooks && !pool.HasForwardHooks)
            {
                x = Functional.ReluMaxPool2d(x, pool.KernelSize, pool.Stride, pool.Padding, pool.Dilation, pool.CeilMode);
                i++;
                continue;
            }

            x = _layers[i].Call(x);
        }

        return x;
    }

    /// <inheritdoc />
    public IEnumerator<Module> GetEnumerator() => _layers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
