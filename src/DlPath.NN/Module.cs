using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// The base of every layer and model (<c>torch.nn.Module</c>,
/// https://pytorch.org/docs/stable/generated/torch.nn.Module.html). A subclass declares its parts as fields or
/// auto-properties of type <see cref="Parameter"/>, <see cref="Buffer"/> or <see cref="Module"/>; they are found by
/// reflection (once per type) in declaration order (captured primary-constructor parameters too) and named as PyTorch names them: a member <c>Weight</c> or
/// <c>_weight</c> becomes <c>weight</c>, <c>RunningMean</c> becomes <c>running_mean</c>, and children prefix their
/// parts (<c>features.0.weight</c>), so state dicts line up with PyTorch's.
/// </summary>
/// <example><code>
/// sealed class Mlp : Module
/// {
///     private readonly Linear _fc1 = new(784, 256), _fc2 = new(256, 10);
///     public override Tensor Forward(Tensor x) => _fc2.Call(_fc1.Call(x.Flatten(1)).Relu());
/// }
/// </code></example>
public abstract class Module
{
    private static readonly ConcurrentDictionary<Type, MemberAccessor[]> s_members = new();
    private readonly List<(string Name, object Item)> _registered = [];
    private readonly List<Action<Module, Tensor, Tensor>> _forwardHooks = [];

    /// <summary>True in training mode (the default), false after <see cref="Eval"/>; Dropout and BatchNorm read it.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Computes the module's output. Call modules through <see cref="Call"/> so hooks (and Summary) see them.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Runs <see cref="Forward"/> and the forward hooks: the <c>module(x)</c> of PyTorch.</summary>
    public Tensor Call(Tensor input)
    {
        var output = Forward(input);
        foreach (var hook in _forwardHooks) hook(this, input, output);
        return output;
    }

    /// <summary>True when a forward hook is registered (a container must then call this module on its own).</summary>
    internal bool HasForwardHooks => _forwardHooks.Count > 0;

    /// <summary>
    /// Registers <paramref name="hook"/>(module, input, output) to run after every <see cref="Call"/>
    /// (<c>register_forward_hook</c>); dispose the result to remove it.
    /// </summary>
    public IDisposable RegisterForwardHook(Action<Module, Tensor, Tensor> hook)
    {
        _forwardHooks.Add(hook);
        return new HookHandle(() => _forwardHooks.Remove(hook));
    }

    /// <summary>Adds a child module under an explicit name (for containers and modules built in loops).</summary>
    public void RegisterModule(string name, Module module) => Register(name, module);

    /// <summary>Adds a parameter under an explicit name (<c>register_parameter</c>).</summary>
    public void RegisterParameter(string name, Parameter parameter) => Register(name, parameter);

    /// <summary>Adds a buffer under an explicit name (<c>register_buffer</c>).</summary>
    public void RegisterBuffer(string name, Buffer buffer) => Register(name, buffer);

    private void Register(string name, object item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
        {
            throw new ArgumentException($"{GetType().Name}: a member name must be non-empty and without dots, got '{name}'", nameof(name));
        }

        if (Members().Any(m => m.Name == name))
        {
            throw new ArgumentException($"{GetType().Name}: a member named '{name}' already exists", nameof(name));
        }

        _registered.Add((name, item));
    }

    /// <summary>The direct parts of this module, in order: reflected members first, then registered ones.</summary>
    private IEnumerable<(string Name, object Item)> Members()
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var accessor in s_members.GetOrAdd(GetType(), DiscoverMembers))
        {
            var value = accessor.Get(this);
            if (value is not null && seen.Add(value)) yield return (accessor.Name, value);
        }

        foreach (var (name, item) in _registered)
        {
            if (seen.Add(item)) yield return (name, item);
        }
    }

    /// <summary>The direct child modules with their names (<c>named_children</c>).</summary>
    public IEnumerable<(string Name, Module Module)> NamedChildren()
    {
        foreach (var (name, item) in Members())
        {
            if (item is Module m) yield return (name, m);
        }
    }

    /// <summary>The direct child modules (<c>children</c>).</summary>
    public IEnumerable<Module> Children() => NamedChildren().Select(c => c.Module);

    /// <summary>This module and all modules below it, depth first, with dotted names; this one is named "" (<c>named_modules</c>).</summary>
    public IEnumerable<(string Name, Module Module)> NamedModules(string prefix = "")
    {
        yield return (prefix, this);
        foreach (var (name, child) in NamedChildren())
        {
            foreach (var sub in child.NamedModules(Join(prefix, name))) yield return sub;
        }
    }

    /// <summary>This module and all modules below it (<c>modules</c>).</summary>
    public IEnumerable<Module> Modules() => NamedModules().Select(m => m.Module);

    /// <summary>All parameters with dotted names, this module's first, then each child's (<c>named_parameters</c>).</summary>
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters(bool recurse = true)
    {
        var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
        foreach (var (name, item) in NamedLeaves(string.Empty, recurse))
        {
            if (item is Parameter p && seen.Add(p)) yield return (name, p);
        }
    }

    /// <summary>All parameters (<c>parameters</c>), the list an optimizer takes.</summary>
    public IEnumerable<Parameter> Parameters(bool recurse = true) => NamedParameters(recurse).Select(p => p.Parameter);

    /// <summary>All buffers with dotted names (<c>named_buffers</c>).</summary>
    public IEnumerable<(string Name, Buffer Buffer)> NamedBuffers(bool recurse = true)
    {
        foreach (var (name, item) in NamedLeaves(string.Empty, recurse))
        {
            if (item is Buffer b) yield return (name, b);
        }
    }

    /// <summary>All buffers (<c>buffers</c>).</summary>
    public IEnumerable<Buffer> Buffers(bool recurse = true) => NamedBuffers(recurse).Select(b => b.Buffer);

    private IEnumerable<(string Name, object Item)> NamedLeaves(string prefix, bool recurse)
    {
        // Own parameters and buffers first, then children's: the order of torch's state_dict.
        var members = Members().ToList();
        foreach (var (name, item) in members)
        {
            if (item is not Module) yield return (Join(prefix, name), item);
        }

        if (!recurse) yield break;
        foreach (var (name, item) in members)
        {
            if (item is not Module child) continue;
            foreach (var leaf in child.NamedLeaves(Join(prefix, name), true)) yield return leaf;
        }
    }

    /// <summary>Total number of parameter elements (trainable and frozen).</summary>
    public long ParameterCount() => Parameters().Sum(p => (long)p.Numel);

    /// <summary>Sets training mode on this module and every child (<c>train(mode)</c>); returns this module.</summary>
    public Module Train(bool mode = true)
    {
        Training = mode;
        foreach (var child in Children()) child.Train(mode);
        return this;
    }

    /// <summary>Sets evaluation mode: Dropout passes inputs through, BatchNorm uses running statistics (<c>eval()</c>).</summary>
    public Module Eval() => Train(false);

    /// <summary>
    /// Clears the gradients of all parameters (<c>zero_grad</c>). As in PyTorch 2, the default sets them to null
    /// (<paramref name="setToNone"/> = true), which saves memory and lets the next backward write fresh gradients;
    /// with false they are filled with zeros in place.
    /// </summary>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var p in Parameters())
        {
            if (p.Grad is null) continue;
            if (setToNone) p.Grad = null;
            else p.Grad.Zero();
        }
    }

    /// <summary>Calls <paramref name="fn"/> on every child (recursively), then on this module (<c>apply</c>); used for custom init.</summary>
    public Module Apply(Action<Module> fn)
    {
        ArgumentNullException.ThrowIfNull(fn);
        foreach (var child in Children()) child.Apply(fn);
        fn(this);
        return this;
    }

    /// <summary>Converts every floating-point parameter and buffer to <paramref name="dtype"/> (<c>to(dtype)</c>); create optimizers afterwards.</summary>
    public Module To(DType dtype)
    {
        foreach (var p in Parameters()) p.Convert(dtype);
        foreach (var b in Buffers()) b.Convert(dtype);
        return this;
    }

    /// <summary>
    /// Parameters and buffers by dotted name, in order (<c>state_dict</c>). The tensors share storage with the
    /// module (they are detached views, as in torch), so clone them to keep a snapshot.
    /// </summary>
    public OrderedDictionary<string, Tensor> StateDict()
    {
        var dict = new OrderedDictionary<string, Tensor>();
        foreach (var (name, item) in NamedLeaves(string.Empty, true))
        {
            var t = item is Parameter p ? p.Value : ((Buffer)item).Value;
            dict.TryAdd(name, t.Detach());
        }

        return dict;
    }

    /// <summary>
    /// Copies tensors from <paramref name="stateDict"/> into this module's parameters and buffers
    /// (<c>load_state_dict</c>). A shape mismatch always throws, naming the key and both shapes; with
    /// <paramref name="strict"/> a missing or unexpected key throws too, naming them all. Values are converted to
    /// each parameter's dtype.
    /// </summary>
    public LoadStateDictResult LoadStateDict(IReadOnlyDictionary<string, Tensor> stateDict, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var own = StateDict();
        var missing = own.Keys.Where(k => !stateDict.ContainsKey(k)).ToList();
        var unexpected = stateDict.Keys.Where(k => !own.ContainsKey(k)).ToList();
        foreach (var (name, target) in own)
        {
            if (!stateDict.TryGetValue(name, out var source)) continue;
            if (!ShapeUtil.SameShape(source.Shape, target.Shape))
            {
                throw new ShapeException($"load_state_dict ({GetType().Name}): size mismatch for '{name}': the checkpoint has shape {source.ShapeString}, the model has {target.ShapeString}");
            }
        }

        if (strict && (missing.Count > 0 || unexpected.Count > 0))
        {
            var sb = new StringBuilder($"load_state_dict ({GetType().Name}): the state dict does not match the model.");
            if (missing.Count > 0) sb.Append(" Missing key(s): ").Append(string.Join(", ", missing.Select(k => $"'{k}'"))).Append('.');
            if (unexpected.Count > 0) sb.Append(" Unexpected key(s): ").Append(string.Join(", ", unexpected.Select(k => $"'{k}'"))).Append('.');
            throw new InvalidOperationException(sb.ToString());
        }

        using (Tensor.NoGrad())
        {
            foreach (var (name, target) in own)
            {
                if (stateDict.TryGetValue(name, out var source)) target.CopyFrom(source);
            }
        }

        return new LoadStateDictResult(missing, unexpected);
    }

    /// <summary>
    /// A Keras-like table of the layers a forward pass on zeros of <paramref name="inputShape"/> goes through: each
    /// leaf module's name and type, output shape and parameter count, then the totals. Runs in eval mode without
    /// recording a graph, and restores the training mode afterwards. Children must be called through
    /// <see cref="Call"/> to appear.
    /// </summary>
    public string Summary(int[] inputShape, DType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        var rows = new List<(string Layer, string Shape, long Params)>();
        var names = NamedModules().Where(m => !m.Module.Children().Any()).ToList();
        var hooks = names.Select(m => m.Module.RegisterForwardHook((mod, _, output) =>
            rows.Add(($"{(m.Name.Length == 0 ? "(model)" : m.Name)} ({mod.GetType().Name})", output.ShapeString, mod.Parameters().Sum(p => (long)p.Numel))))).ToList();
        bool wasTraining = Training;
        try
        {
            Eval();
            var type = dtype ?? Parameters().Select(p => (DType?)p.DType).FirstOrDefault() ?? DType.Float32;
            using (Tensor.NoGrad()) Call(Tensor.Zeros(inputShape, type));
        }
        finally
        {
            foreach (var h in hooks) h.Dispose();
            Train(wasTraining);
        }

        long total = ParameterCount(), trainable = Parameters().Where(p => p.RequiresGrad).Sum(p => (long)p.Numel);
        int w1 = Math.Max(20, rows.Select(r => r.Layer.Length).DefaultIfEmpty(0).Max() + 2);
        int w2 = Math.Max(14, rows.Select(r => r.Shape.Length).DefaultIfEmpty(0).Max() + 2);
        var sb = new StringBuilder();
        string rule = new('=', w1 + w2 + 12);
        sb.AppendLine($"{"Layer (type)".PadRight(w1)}{"Output Shape".PadRight(w2)}{"Param #",12}");
        sb.AppendLine(rule);
        foreach (var (layer, shape, count) in rows) sb.AppendLine($"{layer.PadRight(w1)}{shape.PadRight(w2)}{count,12:N0}");
        sb.AppendLine(rule);
        sb.AppendLine($"Input shape: {ShapeUtil.Format(inputShape)}");
        sb.AppendLine($"Total params: {total:N0}");
        sb.AppendLine($"Trainable params: {trainable:N0}");
        sb.Append($"Non-trainable params: {total - trainable:N0}");
        return sb.ToString();
    }

    /// <summary>The arguments shown in <see cref="ToString"/> (<c>extra_repr</c>), e.g. <c>in_features=784, out_features=256, bias=True</c>.</summary>
    protected virtual string ExtraRepr() => string.Empty;

    /// <summary>A PyTorch-style description of the module tree.</summary>
    public override string ToString()
    {
        var children = NamedChildren().ToList();
        if (children.Count == 0) return $"{GetType().Name}({ExtraRepr()})";
        var sb = new StringBuilder(GetType().Name).Append('(');
        string extra = ExtraRepr();
        if (extra.Length > 0) sb.Append('\n').Append("  ").Append(extra);
        foreach (var (name, child) in children)
        {
            sb.Append("\n  (").Append(name).Append("): ").Append(child.ToString().Replace("\n", "\n  ", StringComparison.Ordinal));
        }

        return sb.Append("\n)").ToString();
    }

    /// <summary>Formats a bool as Python does, for <see cref="ExtraRepr"/>.</summary>
    protected static string Py(bool value) => value ? "True" : "False";

    /// <summary>Formats a shape tuple as Python does, for <see cref="ExtraRepr"/>.</summary>
    protected static string Py(int[] values) => values.Length == 1 ? $"({values[0]},)" : $"({string.Join(", ", values)})";

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    private static MemberAccessor[] DiscoverMembers(Type type)
    {
        // Base classes first, then each class's fields in declaration order. An auto-property's backing field
        // carries the property's name, so properties and fields keep their relative order.
        var chain = new List<Type>();
        for (var t = type; t is not null && t != typeof(Module); t = t.BaseType) chain.Insert(0, t);
        var result = new List<MemberAccessor>();
        foreach (var t in chain)
        {
            foreach (var f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!IsPart(f.FieldType)) continue;
                string raw = f.Name;
                if (raw.StartsWith('<'))
                {
                    // <Weight>k__BackingField (auto-property) or <inner>P (captured primary-constructor parameter).
                    int end = raw.IndexOf('>', StringComparison.Ordinal);
                    string suffix = end < 0 ? string.Empty : raw[(end + 1)..];
                    if (suffix is not ("k__BackingField" or "P")) continue;
                    raw = raw[1..end];
                }
                else if (f.IsDefined(typeof(CompilerGeneratedAttribute)))
                {
                    continue;
                }

                result.Add(new MemberAccessor(ToPyName(raw), f.GetValue));
            }
        }

        return result.ToArray();
    }

    private static bool IsPart(Type t) => t == typeof(Parameter) || t == typeof(Buffer) || typeof(Module).IsAssignableFrom(t);

    /// <summary><c>_runningMean</c>, <c>RunningMean</c> and <c>runningMean</c> all become <c>running_mean</c>.</summary>
    internal static string ToPyName(string name)
    {
        name = name.TrimStart('_');
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]))) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private sealed record MemberAccessor(string Name, Func<object?, object?> Get);

    private sealed class HookHandle(Action remove) : IDisposable
    {
        private Action? _remove = remove;

        public void Dispose()
        {
            _remove?.Invoke();
            _remove = null;
        }
    }
}
