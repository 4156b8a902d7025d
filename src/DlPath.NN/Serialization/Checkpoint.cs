using System.Globalization;
using System.Text.Json;
using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// Training checkpoints as one safetensors file: the model's state dict under its own names (so Python's
/// <c>safetensors.torch.load_file</c> + <c>model.load_state_dict</c> read it, filtering the <c>optim/</c> keys),
/// the optimizer's state as <c>optim/state/{index}/{name}</c> tensors with its groups as JSON in the metadata, and
/// free-form string metadata (epoch, metrics, ...). Written atomically.
/// </summary>
public static class Checkpoint
{
    /// <summary>Prefix of the optimizer's tensors; no module parameter name contains a slash.</summary>
    public const string OptimizerPrefix = "optim/";

    private const string FormatKey = "format";
    private const string FormatValue = "dlpath-checkpoint/1";
    private const string OptimizerTypeKey = "optim/type";
    private const string OptimizerGroupsKey = "optim/param_groups";

    /// <summary>Saves <paramref name="model"/>'s weights and buffers, <paramref name="optimizer"/>'s state if given, and <paramref name="metadata"/>.</summary>
    public static void Save(string path, Module model, Optimizer? optimizer = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tensors = new List<KeyValuePair<string, Tensor>>(model.StateDict());
        var meta = new Dictionary<string, string> { [FormatKey] = FormatValue };
        if (metadata is not null)
        {
            foreach (var (k, v) in metadata)
            {
                if (k == FormatKey || k.StartsWith(OptimizerPrefix, StringComparison.Ordinal)) throw new ArgumentException($"checkpoint: metadata key '{k}' is reserved");
                meta[k] = v;
            }
        }

        if (optimizer is not null)
        {
            var sd = optimizer.StateDict();
            foreach (var (index, entries) in sd.State.OrderBy(e => e.Key))
            {
                foreach (var (name, t) in entries) tensors.Add(new($"{OptimizerPrefix}state/{index.ToString(CultureInfo.InvariantCulture)}/{name}", t));
            }

            meta[OptimizerTypeKey] = sd.OptimizerType;
            meta[OptimizerGroupsKey] = JsonSerializer.Serialize(sd.ParamGroups.Select(g => new Dictionary<string, object>
            {
                ["options"] = g.Options,
                ["params"] = g.Params,
            }));
        }

        SafeTensors.Save(path, tensors, meta);
    }

    /// <summary>
    /// Loads a checkpoint into <paramref name="model"/> (and <paramref name="optimizer"/> when given and the file has
    /// optimizer state) and returns the file's metadata. Every model tensor must be present with the model's shape;
    /// the first name that is missing, unexpected (with <paramref name="strict"/>) or mis-shaped is named in the error.
    /// Files written by Python's safetensors for the same architecture load too.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Load(string path, Module model, Optimizer? optimizer = null, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        var content = SafeTensors.Load(path);
        var weights = content.Tensors.Where(kv => !kv.Key.StartsWith(OptimizerPrefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value);
        var own = model.StateDict();
        string file = Path.GetFileName(path);
        foreach (var (name, t) in own)
        {
            if (!weights.TryGetValue(name, out var stored))
            {
                if (strict) throw new InvalidDataException($"checkpoint {file}: the model's tensor '{name}' {t.ShapeString} is not in the file (it has: {string.Join(", ", weights.Keys.Take(8))}{(weights.Count > 8 ? ", ..." : string.Empty)})");
                continue;
            }

            if (!ShapeUtil.SameShape(stored.Shape, t.Shape))
            {
                throw new InvalidDataException($"checkpoint {file}: tensor '{name}' has shape {stored.ShapeString} in the file but {t.ShapeString} in the model");
            }
        }

        if (strict && weights.Keys.FirstOrDefault(k => !own.ContainsKey(k)) is { } extra)
        {
            throw new InvalidDataException($"checkpoint {file}: tensor '{extra}' {weights[extra].ShapeString} in the file has no place in the model");
        }

        model.LoadStateDict(weights, strict);
        if (optimizer is not null && content.Metadata.TryGetValue(OptimizerTypeKey, out var type))
        {
            optimizer.LoadStateDict(ReadOptimizerState(content, type, file));
        }

        return content.Metadata;
    }

    private static OptimizerStateDict ReadOptimizerState(SafeTensorsContent content, string type, string file)
    {
        var state = new Dictionary<int, IReadOnlyDictionary<string, Tensor>>();
        foreach (var (key, t) in content.Tensors)
        {
            if (!key.StartsWith(OptimizerPrefix + "state/", StringComparison.Ordinal)) continue;
            var parts = key[(OptimizerPrefix.Length + "state/".Length)..].Split('/', 2);
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                throw new InvalidDataException($"checkpoint {file}: malformed optimizer tensor name '{key}'");
            }

            if (!state.TryGetValue(index, out var entries)) state[index] = entries = new Dictionary<string, Tensor>();
            ((Dictionary<string, Tensor>)entries)[parts[1]] = t;
        }

        var groups = new List<(IReadOnlyDictionary<string, double>, int[])>();
        using var doc = JsonDocument.Parse(content.Metadata.TryGetValue(OptimizerGroupsKey, out var json) ? json : "[]");
        foreach (var g in doc.RootElement.EnumerateArray())
        {
            var options = g.GetProperty("options").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
            var ids = g.GetProperty("params").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            groups.Add((options, ids));
        }

        return new OptimizerStateDict(type, state, groups);
    }
}
