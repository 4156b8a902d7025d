using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// An optimizer's saved state (<c>optimizer.state_dict()</c>): per-parameter state tensors keyed by the
/// parameter's position over all groups (0, 1, ...), and each group's options with the positions it holds.
/// </summary>
/// <param name="OptimizerType">The optimizer's class name, checked on load.</param>
/// <param name="State">Position → (state name → tensor), e.g. <c>2 → {step, exp_avg, exp_avg_sq}</c>.</param>
/// <param name="ParamGroups">Each group's options and parameter positions.</param>
public sealed record OptimizerStateDict(string OptimizerType, IReadOnlyDictionary<int, IReadOnlyDictionary<string, Tensor>> State, IReadOnlyList<(IReadOnlyDictionary<string, double> Options, int[] Params)> ParamGroups);
