using System.Globalization;
using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// A set of parameters with its own hyper-parameters (an entry of torch's <c>optimizer.param_groups</c>): e.g. a
/// smaller learning rate for a pretrained backbone. Options are numbers by torch's names (<c>lr</c>,
/// <c>weight_decay</c>, <c>momentum</c>, <c>beta1</c>/<c>beta2</c> for torch's <c>betas</c>, flags as 0/1); the
/// ones not given come from the optimizer's defaults. Schedulers change <see cref="Lr"/>.
/// </summary>
public sealed class ParamGroup
{
    private readonly Dictionary<string, double> _options;

    /// <summary>A group over module parameters with optional per-group options.</summary>
    public ParamGroup(IEnumerable<Parameter> parameters, IReadOnlyDictionary<string, double>? options = null)
        : this((parameters ?? throw new ArgumentNullException(nameof(parameters))).Select(p => p.Value), options)
    {
    }

    /// <summary>A group over plain tensors (leaves that require grad) with optional per-group options.</summary>
    public ParamGroup(IEnumerable<Tensor> parameters, IReadOnlyDictionary<string, double>? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Params = parameters.ToList();
        _options = options is null ? [] : new Dictionary<string, double>(options);
    }

    /// <summary>The tensors this group updates.</summary>
    public IReadOnlyList<Tensor> Params { get; }

    /// <summary>The group's options, by torch's names.</summary>
    public IReadOnlyDictionary<string, double> Options => _options;

    /// <summary>The learning rate (<c>group['lr']</c>).</summary>
    public double Lr
    {
        get => this["lr"];
        set => this["lr"] = value;
    }

    /// <summary>An option by name; throws naming the known options when absent.</summary>
    public double this[string name]
    {
        get => _options.TryGetValue(name, out double v) ? v : throw new KeyNotFoundException($"param group has no option '{name}' (it has {string.Join(", ", _options.Keys)})");
        set => _options[name] = value;
    }

    /// <summary>True when the option is set.</summary>
    public bool Has(string name) => _options.ContainsKey(name);

    internal void SetDefaults(IReadOnlyDictionary<string, double> defaults)
    {
        foreach (var (k, v) in defaults) _options.TryAdd(k, v);
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _options.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value}")));
}
