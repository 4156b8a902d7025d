using System.Numerics;
using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// The base of the optimizers (<c>torch.optim.Optimizer</c>): parameter groups with options, per-parameter state,
/// <see cref="ZeroGrad"/>, <see cref="Step"/>, and state save and load. Updates run in place on the parameters'
/// storage without recording a graph; parameters without a gradient are skipped, as in torch.
/// </summary>
public abstract class Optimizer
{
    private readonly Dictionary<Tensor, Dictionary<string, Tensor>> _state = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates the optimizer over <paramref name="groups"/>; options missing from a group come from <paramref name="defaults"/>.</summary>
    protected Optimizer(IEnumerable<ParamGroup> groups, IReadOnlyDictionary<string, double> defaults)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(defaults);
        Defaults = defaults;
        ParamGroups = groups.ToList();
        if (ParamGroups.Count == 0 || ParamGroups.All(g => g.Params.Count == 0))
        {
            throw new ArgumentException($"{GetType().Name}: got an empty parameter list (did the model's constructor create its layers?)");
        }

        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var g in ParamGroups)
        {
            g.SetDefaults(defaults);
            foreach (var p in g.Params)
            {
                if (!seen.Add(p)) throw new ArgumentException($"{GetType().Name}: a {p.ShapeString} parameter appears in more than one parameter group");
                if (!p.DType.IsFloatingPoint()) throw new ArgumentException($"{GetType().Name}: can only optimize floating-point tensors, got a {p.DType.Name()} {p.ShapeString} tensor");
                if (!p.IsLeaf) throw new ArgumentException($"{GetType().Name}: can't optimize a non-leaf tensor ({p.GradFn?.Name}); optimize the parameters it was computed from");
            }
        }

        CheckOption("lr", v => v >= 0, "a non-negative learning rate");
    }

    /// <summary>The default options of this optimizer (torch's <c>defaults</c>).</summary>
    public IReadOnlyDictionary<string, double> Defaults { get; }

    /// <summary>The parameter groups (<c>param_groups</c>).</summary>
    public IReadOnlyList<ParamGroup> ParamGroups { get; }

    /// <summary>Per-parameter state (momentum buffers, moment estimates, step counts), created on the first step.</summary>
    protected IReadOnlyDictionary<Tensor, Dictionary<string, Tensor>> State => _state;

    /// <summary>Clears the gradients of every parameter: set to null (default, as torch 2) or zero-filled in place.</summary>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var p in ParamGroups.SelectMany(g => g.Params))
        {
            if (p.Grad is null) continue;
            if (setToNone) p.Grad = null;
            else p.Grad.Zero();
        }
    }

    /// <summary>Performs one update of every parameter that has a gradient.</summary>
    public void Step()
    {
        using var noGrad = Tensor.NoGrad();
        foreach (var group in ParamGroups)
        {
            foreach (var p in group.Params)
            {
                if (p.Grad is null) continue;
                var grad = p.Grad.DType == p.DType ? p.Grad.Contiguous() : p.Grad.To(p.DType);
                if (!ShapeUtil.SameShape(grad.Shape, p.Shape))
                {
                    throw new ShapeException($"{GetType().Name}.Step: the gradient {grad.ShapeString} does not match its parameter {p.ShapeString}");
                }

                if (!p.IsContiguous) throw new InvalidOperationException($"{GetType().Name}.Step: parameters must be contiguous, got a {p.ShapeString} view");
                if (!_state.TryGetValue(p, out var state))
                {
                    state = [];
                    _state[p] = state;
                    InitState(group, p, state);
                    KeepAll(state);
                }

                int entries = state.Count;
                if (p.DType == DType.Float32) Update<float>(group, p, grad, state);
                else Update<double>(group, p, grad, state);

                // State an update creates lazily (SGD's momentum buffer) must outlive this step's Tensor.Scope() too.
                if (state.Count != entries) KeepAll(state);
                MarkChanged(p);
            }
        }
    }

    /// <summary>
    /// The update wrote straight into the parameter's storage; rewriting one element through the tensor API bumps its
    /// version, so a graph that saved the parameter before this step refuses to backpropagate, as in torch.
    /// </summary>
    private static void MarkChanged(Tensor p)
    {
        if (p.Numel == 0) return;
        var first = new int[p.Rank];
        if (p.DType == DType.Float32) p.SetValue(p.GetValue<float>(first), first);
        else p.SetValue(p.GetValue<double>(first), first);
    }

    /// <summary>Optimizer state lives across steps: never let a step's <see cref="Tensor.Scope"/> release it.</summary>
    private static void KeepAll(Dictionary<string, Tensor> state)
    {
        foreach (var t in state.Values) t.Keep();
    }

    /// <summary>Creates a parameter's state before its first update (zeros of its shape, a step counter, ...).</summary>
    protected abstract void InitState(ParamGroup group, Tensor parameter, Dictionary<string, Tensor> state);

    /// <summary>Updates one parameter in place from its gradient, with the group's options and the parameter's state.</summary>
    protected abstract void Update<T>(ParamGroup group, Tensor parameter, Tensor grad, Dictionary<string, Tensor> state)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Increments a scalar step counter in the state and returns the new value (torch keeps it as a float tensor).</summary>
    protected static double IncrementStep(Dictionary<string, Tensor> state)
    {
        var step = state["step"];
        double next = step.Item() + 1;
        step.Fill(next);
        return next;
    }

    /// <summary>Throws when an option of a group fails <paramref name="valid"/>, naming the option and value.</summary>
    protected void CheckOption(string name, Func<double, bool> valid, string expected)
    {
        foreach (var g in ParamGroups)
        {
            if (g.Has(name) && !valid(g[name]))
            {
                throw new ArgumentOutOfRangeException(name, g[name], $"{GetType().Name}: invalid {name} {g[name]}: expected {expected}");
            }
        }
    }

    /// <summary>Options as a dictionary, for constructors.</summary>
    protected static Dictionary<string, double> Options(params (string Name, double Value)[] options) => options.ToDictionary(o => o.Name, o => o.Value);

    /// <summary>The state of every parameter by position and each group's options (<c>state_dict</c>); tensors are copies.</summary>
    public OptimizerStateDict StateDict()
    {
        var state = new Dictionary<int, IReadOnlyDictionary<string, Tensor>>();
        var groups = new List<(IReadOnlyDictionary<string, double>, int[])>();
        int index = 0;
        foreach (var g in ParamGroups)
        {
            var ids = new int[g.Params.Count];
            for (int i = 0; i < ids.Length; i++, index++)
            {
                ids[i] = index;
                if (_state.TryGetValue(g.Params[i], out var s))
                {
                    state[index] = s.ToDictionary(kv => kv.Key, kv => kv.Value.Clone().Detach().Keep());
                }
            }

            groups.Add((new Dictionary<string, double>(g.Options), ids));
        }

        return new OptimizerStateDict(GetType().Name, state, groups);
    }

    /// <summary>
    /// Restores state saved by <see cref="StateDict"/> from an optimizer of the same type over parameters of the same
    /// shapes, in the same groups (<c>load_state_dict</c>); group options are restored too. Errors name what differs.
    /// </summary>
    public void LoadStateDict(OptimizerStateDict stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        string me = GetType().Name;
        if (stateDict.OptimizerType != me) throw new InvalidOperationException($"{me}.LoadStateDict: the state was saved by {stateDict.OptimizerType}");
        if (stateDict.ParamGroups.Count != ParamGroups.Count)
        {
            throw new InvalidOperationException($"{me}.LoadStateDict: the state has {stateDict.ParamGroups.Count} parameter groups, this optimizer has {ParamGroups.Count}");
        }

        var byIndex = new Dictionary<int, Tensor>();
        for (int gi = 0; gi < ParamGroups.Count; gi++)
        {
            var (_, ids) = stateDict.ParamGroups[gi];
            if (ids.Length != ParamGroups[gi].Params.Count)
            {
                throw new InvalidOperationException($"{me}.LoadStateDict: parameter group {gi} has {ids.Length} parameters in the state, {ParamGroups[gi].Params.Count} in this optimizer");
            }

            for (int i = 0; i < ids.Length; i++) byIndex[ids[i]] = ParamGroups[gi].Params[i];
        }

        foreach (var (index, entries) in stateDict.State)
        {
            if (!byIndex.TryGetValue(index, out var p)) throw new InvalidOperationException($"{me}.LoadStateDict: state for parameter {index}, which no group holds");
            foreach (var (name, t) in entries)
            {
                if (t.Rank > 0 && !ShapeUtil.SameShape(t.Shape, p.Shape))
                {
                    throw new ShapeException($"{me}.LoadStateDict: state '{name}' of parameter {index} has shape {t.ShapeString}, the parameter has {p.ShapeString}");
                }
            }
        }

        _state.Clear();
        foreach (var (index, entries) in stateDict.State)
        {
            var p = byIndex[index];
            _state[p] = entries.ToDictionary(kv => kv.Key, kv => (kv.Key == "step" ? kv.Value.Clone().Detach() : kv.Value.To(p.DType).Clone().Detach()).Keep());
        }

        for (int gi = 0; gi < ParamGroups.Count; gi++)
        {
            foreach (var (k, v) in stateDict.ParamGroups[gi].Options) ParamGroups[gi][k] = v;
        }
    }

    /// <summary>Groups for the common case: one group over all <paramref name="parameters"/>.</summary>
    protected static IEnumerable<ParamGroup> OneGroup(IEnumerable<Parameter> parameters) => [new ParamGroup(parameters)];
}
